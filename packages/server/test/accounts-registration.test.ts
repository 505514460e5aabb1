import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents, organisations, roleGrants, users } from '../src/db/schema/index.ts';
import { describeEachDatabase } from './helpers/database.ts';
import { errorCode, startAccountsApp, TestClient, type AccountsTestApp } from './fixtures/accounts-app.ts';

const requestCode = 'mutation($m: String!) { requestVerificationCode(mobile: $m, purpose: "register") { sentTo resendAfterSeconds expiresInSeconds } }';
const register = 'mutation($i: RegisterInput!) { register(input: $i) { id mobile name grants { role organisationId } organisation { name uscc kind } } }';

describeEachDatabase('accounts: applicant registration with an SMS code', (database) => {
  let t: AccountsTestApp;
  beforeAll(async () => {
    t = await startAccountsApp(database());
  });
  afterAll(async () => t.close());

  it('registers with mobile + code + password + name + organisation and is logged in', async () => {
    const client = new TestClient(t.app);
    const sent = await client.gql(requestCode, { m: '139 0000 1111' });
    expect(sent.data).toEqual({ requestVerificationCode: { sentTo: '139****1111', resendAfterSeconds: 60, expiresInSeconds: 600 } });
    const code = t.sms.lastCodeFor('13900001111');
    expect(code).toMatch(/^\d{6}$/);

    const result = await client.gql<{ register: { id: string; organisation: { name: string; uscc: string; kind: string }; grants: { role: string; organisationId: string }[] } }>(register, {
      i: { mobile: '13900001111', code, password: 'Maker#2026', name: '张三', organisationName: '济南某某众创空间有限公司', uscc: '91350100M000100Y43' },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.register.organisation).toEqual({ name: '济南某某众创空间有限公司', uscc: '91350100M000100Y43', kind: 'applicant' });
    expect(result.data!.register.grants[0]!.role).toBe('applicant');
    expect(client.cookie).toBeDefined();
    const me = await client.gql<{ me: { name: string } }>('{ me { name } }');
    expect(me.data!.me.name).toBe('张三');

    const [grant] = await database().db.select().from(roleGrants).where(eq(roleGrants.userId, result.data!.register.id));
    const [org] = await database().db.select().from(organisations).where(eq(organisations.id, grant!.organisationId));
    expect(org?.name).toBe('济南某某众创空间有限公司');
    const audit = await database().db.select().from(auditEvents).where(and(eq(auditEvents.actorId, result.data!.register.id), eq(auditEvents.action, 'account.registered')));
    expect(audit).toHaveLength(1);
  });

  it('throttles resending to once a minute', async () => {
    const client = new TestClient(t.app);
    await client.gql(requestCode, { m: '13900002222' });
    t.clock.advance(20_000);
    const again = await client.gql(requestCode, { m: '13900002222' });
    expect(errorCode(again)).toBe('SB_ERR_VERIFICATION_CODE_THROTTLED');
    expect(again.errors![0]!.extensions.message.en).toContain('40 seconds');
    t.clock.advance(40_000);
    expect(errorCode(await client.gql(requestCode, { m: '13900002222' }))).toBeUndefined();
  });

  it('refuses a wrong code, burns the code after 5 guesses, and refuses an expired code', async () => {
    const client = new TestClient(t.app);
    const input = { mobile: '13900003333', password: 'Maker#2026', name: '李四', organisationName: '某孵化器' };
    await client.gql(requestCode, { m: input.mobile });
    const code = t.sms.lastCodeFor(input.mobile)!;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect(errorCode(await client.gql(register, { i: { ...input, code: wrong } }))).toBe('SB_ERR_VERIFICATION_CODE_INVALID');
    // The right code no longer helps: the attempts are used up.
    expect(errorCode(await client.gql(register, { i: { ...input, code } }))).toBe('SB_ERR_VERIFICATION_CODE_INVALID');

    t.clock.advance(61_000);
    await client.gql(requestCode, { m: input.mobile });
    const fresh = t.sms.lastCodeFor(input.mobile)!;
    t.clock.advance(10 * 60_000 + 1);
    expect(errorCode(await client.gql(register, { i: { ...input, code: fresh } }))).toBe('SB_ERR_VERIFICATION_CODE_INVALID');
    expect(await database().db.select().from(users).where(eq(users.mobile, input.mobile))).toHaveLength(0);
  });

  it('reports field errors (password policy, uscc check character) in both languages before using the code', async () => {
    const client = new TestClient(t.app);
    const result = await client.gql(register, { i: { mobile: '1390000', code: '123456', password: 'short', name: '', organisationName: 'X', uscc: '91350100M000100Y44' } });
    expect(errorCode(result)).toBe('SB_ERR_VALIDATION');
    const fields = (result.errors![0]!.extensions.details as { fields: Record<string, { zh: string; en: string }[]> }).fields;
    expect(Object.keys(fields).sort()).toEqual(['/mobile', '/name', '/password', '/uscc']);
    expect(fields['/password']![0]).toMatchObject({ zh: expect.stringContaining('8'), en: expect.stringContaining('8') });
  });

  it('will not register the same mobile twice', async () => {
    const client = new TestClient(t.app);
    t.clock.advance(120_000);
    await client.gql(requestCode, { m: '13900001111' });
    const code = t.sms.lastCodeFor('13900001111');
    const again = await client.gql(register, { i: { mobile: '13900001111', code, password: 'Maker#2026', name: '王五', organisationName: '另一家' } });
    expect(errorCode(again)).toBe('SB_ERR_MOBILE_TAKEN');
  });
});
