import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { auditEvents, verificationCodes } from '../src/db/schema/index.ts';
import { describeEachDatabase } from './helpers/database.ts';
import { errorCode, startAccountsApp, type AccountsTestApp, type GraphqlResult } from './fixtures/accounts-app.ts';

const requestCode = 'mutation($m: String!) { requestVerificationCode(mobile: $m, purpose: "register") { sentTo } }';
const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

/** Asks for a register code for `mobile` as a client connecting from `ip` (and with `headers`, e.g. X-Forwarded-For). */
async function ask(t: AccountsTestApp, mobile: string, ip: string, headers: Record<string, string> = {}): Promise<GraphqlResult> {
  const response = await t.app.inject({ method: 'POST', url: '/graphql', remoteAddress: ip, headers, payload: { query: requestCode, variables: { m: mobile } } });
  const body = response.json() as { data?: Record<string, unknown> | null; errors?: GraphqlResult['errors'] };
  return { status: response.statusCode, data: body.data ?? null, errors: body.errors, response };
}

/** The `seconds` of a throttling answer, read back from both messages (which must agree). */
function throttledSeconds(result: GraphqlResult): number | undefined {
  if (errorCode(result) !== 'SB_ERR_VERIFICATION_CODE_THROTTLED') return undefined;
  const { zh, en } = result.errors![0]!.extensions.message;
  const zhSeconds = /请 (\d+) 秒后再试/.exec(zh)?.[1];
  const enSeconds = /try again in (\d+) seconds/.exec(en)?.[1];
  expect(zhSeconds).toBe(enSeconds);
  return zhSeconds === undefined ? undefined : Number(zhSeconds);
}

describeEachDatabase('SMS codes: at most N an hour and M a day per client address, across numbers', (database) => {
  let t: AccountsTestApp;
  // Small limits keep the tests short; the defaults are 20 an hour and 60 a day.
  const perHour = 3;
  const perDay = 5;
  beforeAll(async () => {
    t = await startAccountsApp(database(), { SMS_CODES_PER_IP_HOUR: String(perHour), SMS_CODES_PER_IP_DAY: String(perDay) });
  });
  afterAll(async () => t.close());

  it('refuses an address after the hourly limit, even for new numbers, sends nothing, and says how long to wait', async () => {
    const ip = '203.0.113.10';
    for (let i = 0; i < perHour; i++) {
      expect(errorCode(await ask(t, `1360000010${i}`, ip))).toBeUndefined();
      t.clock.advance(10 * minute);
    }
    const mobiles = ['13600000100', '13600000101', '13600000102'];
    const stored = await database().db.select({ ip: verificationCodes.ip }).from(verificationCodes).where(inArray(verificationCodes.mobile, mobiles));
    expect(stored.map((row) => row.ip)).toEqual([ip, ip, ip]);

    // 30 minutes after the first code: it leaves the hour in another 30 minutes.
    const sentBefore = t.sms.sent.length;
    const refused = await ask(t, '13600000103', ip);
    expect(refused.status).toBe(429);
    expect(refused.errors![0]!.extensions.status).toBe(429);
    expect(throttledSeconds(refused)).toBe(30 * 60);
    expect(t.sms.sent.length).toBe(sentBefore);
    expect(await database().db.select().from(verificationCodes).where(eq(verificationCodes.mobile, '13600000103'))).toHaveLength(0);

    const [audit] = await database().db.select().from(auditEvents).where(and(eq(auditEvents.action, 'auth.code_throttled'), eq(auditEvents.ip, ip)));
    expect(audit).toMatchObject({ result: 'refused', details: { mobile: '136****0103', purpose: 'register', limit: 'ip_hour', seconds: 1800 } });

    // One second early it is still refused; at the announced moment it is allowed again.
    t.clock.advance(30 * minute - second);
    expect(throttledSeconds(await ask(t, '13600000103', ip))).toBe(1);
    expect(t.sms.sent.length).toBe(sentBefore);
    t.clock.advance(second);
    expect(errorCode(await ask(t, '13600000103', ip))).toBeUndefined();
    expect(t.sms.lastCodeFor('13600000103')).toMatch(/^\d{6}$/);
  });

  it('does not hold one address against another', async () => {
    const busy = '203.0.113.20';
    for (let i = 0; i < perHour; i++) expect(errorCode(await ask(t, `1360000020${i}`, busy))).toBeUndefined();
    expect(throttledSeconds(await ask(t, '13600000209', busy))).toBe(60 * 60);
    expect(errorCode(await ask(t, '13600000209', '198.51.100.20'))).toBeUndefined();
    expect(t.sms.lastCodeFor('13600000209')).toMatch(/^\d{6}$/);
    t.clock.advance(hour);
  });

  it('refuses an address after the daily limit, until its oldest code of the day is a day old', async () => {
    const ip = '203.0.113.30';
    const start = t.clock.now().getTime();
    for (let i = 0; i < perHour; i++) {
      expect(errorCode(await ask(t, `1360000030${i}`, ip))).toBeUndefined();
      t.clock.advance(minute);
    }
    // The hour is full: the first code leaves it 57 minutes from now.
    expect(throttledSeconds(await ask(t, '13600000309', ip))).toBe(57 * 60);

    // An hour on, the hour has room again, and the address uses up its day.
    t.clock.set(new Date(start + hour + minute));
    for (let i = perHour; i < perDay; i++) {
      expect(errorCode(await ask(t, `1360000030${i}`, ip))).toBeUndefined();
      t.clock.advance(minute);
    }
    const sentBefore = t.sms.sent.length;
    // Only 2 codes in the last hour, but 5 in the day: refused until the first code is a day old.
    const elapsed = t.clock.now().getTime() - start;
    const refused = await ask(t, '13600000309', ip);
    expect(throttledSeconds(refused)).toBe((day - elapsed) / second);
    expect(t.sms.sent.length).toBe(sentBefore);
    const audits = await database().db.select().from(auditEvents).where(and(eq(auditEvents.action, 'auth.code_throttled'), eq(auditEvents.ip, ip))).orderBy(auditEvents.id);
    expect(audits.map((a) => a.details)).toEqual([
      { mobile: '136****0309', purpose: 'register', limit: 'ip_hour', seconds: 57 * 60 },
      { mobile: '136****0309', purpose: 'register', limit: 'ip_day', seconds: (day - elapsed) / second },
    ]);

    t.clock.set(new Date(start + day - second));
    expect(throttledSeconds(await ask(t, '13600000309', ip))).toBe(1);
    t.clock.set(new Date(start + day));
    expect(errorCode(await ask(t, '13600000309', ip))).toBeUndefined();
    expect(t.sms.sent.length).toBe(sentBefore + 1);
  });

  it('when the hour and the day are both full, names the later of the two moments', async () => {
    const ip = '203.0.113.35';
    for (let i = 0; i < perDay - perHour; i++) expect(errorCode(await ask(t, `1360000035${i}`, ip))).toBeUndefined();
    t.clock.advance(hour + minute);
    for (let i = perDay - perHour; i < perDay; i++) expect(errorCode(await ask(t, `1360000035${i}`, ip))).toBeUndefined();
    // The hour frees up in 60 minutes, the day only when the first codes are a day old.
    expect(throttledSeconds(await ask(t, '13600000359', ip))).toBe((day - hour - minute) / second);
    t.clock.advance(day);
  });

  it("checks the number's own limits first: resend after 60 s, 10 a day, whatever the address", async () => {
    const ip = '203.0.113.40';
    for (let i = 0; i < perHour; i++) {
      expect(errorCode(await ask(t, `1360000040${i}`, ip))).toBeUndefined();
      t.clock.advance(10 * second);
    }
    // The address is at its hourly limit too, but the number's resend wait (60 s after its code 10 s ago) answers.
    expect(throttledSeconds(await ask(t, '13600000402', ip))).toBe(50);
    t.clock.advance(hour);

    // Changing address does not get a number more than 10 codes a day.
    const mobile = '13600000409';
    const sentBefore = t.sms.sent.length;
    for (let i = 0; i < 10; i++) {
      expect(errorCode(await ask(t, mobile, `198.51.100.${100 + i}`))).toBeUndefined();
      t.clock.advance(61 * second);
    }
    expect(t.sms.sent.length).toBe(sentBefore + 10);
    expect(throttledSeconds(await ask(t, mobile, '198.51.100.200'))).toBe(86_400);
    expect(t.sms.sent.length).toBe(sentBefore + 10);
    // Those refusals were the number's, not an address's: the audit log records only the per-address ones.
    expect(await database().db.select().from(auditEvents).where(and(eq(auditEvents.action, 'auth.code_throttled'), inArray(auditEvents.ip, [ip, '198.51.100.200'])))).toHaveLength(0);
  });

  it('counts an IPv6 client by its /64 network, so switching addresses within it does not help', async () => {
    const network = '2001:db8:1:2';
    for (let i = 0; i < perHour; i++) {
      expect(errorCode(await ask(t, `1360000070${i}`, `${network}::${i + 1}`))).toBeUndefined();
      t.clock.advance(10 * second);
    }
    expect(errorCode(await ask(t, '13600000709', `${network}:ffff:ffff:ffff:ffff`))).toBe('SB_ERR_VERIFICATION_CODE_THROTTLED');
    // The next /64 is another client.
    expect(errorCode(await ask(t, '13600000709', '2001:db8:1:3::1'))).toBeUndefined();
    const stored = await database().db.select({ ip: verificationCodes.ip }).from(verificationCodes).where(eq(verificationCodes.mobile, '13600000700'));
    expect(stored).toEqual([{ ip: `${network}::/64` }]);
    t.clock.advance(day);
  });

  it('counts nothing for a code sent without an address (service callers other than the API)', async () => {
    const codes = t.app.services.verificationCodes;
    for (let i = 0; i < perDay + 1; i++) await codes.send(`1360000050${i}`, 'register');
    const rows = await database().db.select({ ip: verificationCodes.ip }).from(verificationCodes).where(eq(verificationCodes.mobile, '13600000500'));
    expect(rows).toEqual([{ ip: null }]);
  });

  it('with TRUST_PROXY, counts the address from X-Forwarded-For, not the proxy', async () => {
    const proxied = await startAccountsApp(database(), { TRUST_PROXY: 'true', SMS_CODES_PER_IP_HOUR: '1', SMS_CODES_PER_IP_DAY: '2' });
    try {
      proxied.clock.set(t.clock.now());
      const proxy = '10.0.0.1';
      expect(errorCode(await ask(proxied, '13600000600', proxy, { 'x-forwarded-for': '192.0.2.60' }))).toBeUndefined();
      const [row] = await database().db.select({ ip: verificationCodes.ip }).from(verificationCodes).where(eq(verificationCodes.mobile, '13600000600'));
      expect(row?.ip).toBe('192.0.2.60');
      expect(throttledSeconds(await ask(proxied, '13600000601', proxy, { 'x-forwarded-for': '192.0.2.60' }))).toBe(60 * 60);
      // Another client behind the same proxy is not held back.
      expect(errorCode(await ask(proxied, '13600000601', proxy, { 'x-forwarded-for': '192.0.2.61' }))).toBeUndefined();
    } finally {
      await proxied.close();
    }
  });
});
