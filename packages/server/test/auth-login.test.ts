import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEvents, sessions } from '../src/db/schema/index.ts';
import { seedDemoAccounts, demoPassword } from '../src/demo/demo-accounts.ts';
import { hashSessionToken } from '../src/auth/session-token.ts';
import { describeEachDatabase } from './helpers/database.ts';
import { errorCode, startAccountsApp, TestClient, type AccountsTestApp } from './fixtures/accounts-app.ts';

describeEachDatabase('auth: login, sessions, lockout', (database) => {
  let t: AccountsTestApp;
  beforeAll(async () => {
    t = await startAccountsApp(database());
    expect(await seedDemoAccounts(t.app.services)).toEqual(['13800000000', '13900000001', '13900000002']);
  });
  afterAll(async () => t.close());

  it('seeds demo accounts only once', async () => {
    expect(await seedDemoAccounts(t.app.services)).toEqual([]);
  });

  it('logs in, sets an httpOnly SameSite=Lax cookie, and answers me', async () => {
    const client = new TestClient(t.app);
    const result = await client.login('13900000001', demoPassword);
    expect(result.errors).toBeUndefined();
    const cookie = result.response.cookies.find((c) => c.name === 'sb_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(Buffer.from(cookie!.value, 'base64url')).toHaveLength(32);
    // Only the hash is stored.
    const [row] = await database().db.select().from(sessions).where(eq(sessions.idHash, hashSessionToken(cookie!.value)));
    expect(row?.userId).toBe(result.data!.login.id);
    expect(await database().db.select().from(sessions).where(eq(sessions.idHash, cookie!.value))).toHaveLength(0);

    const me = await client.gql<{ me: { mobile: string; grants: { role: string; organisationId: string | null; programmeId: string | null }[]; organisation: { id: string; kind: string } } }>(
      '{ me { mobile grants { role organisationId programmeId } organisation { id kind } } }',
    );
    expect(me.data!.me).toEqual({
      mobile: '13900000001',
      grants: [{ role: 'applicant', organisationId: 'demo-applicant-1', programmeId: null }],
      organisation: { id: 'demo-applicant-1', kind: 'applicant' },
    });
  });

  it('answers me with null when anonymous', async () => {
    const result = await new TestClient(t.app).gql('{ me { id } }');
    expect(result.data).toEqual({ me: null });
  });

  it('gives a new session id at every login and ends the previous one of that browser', async () => {
    const client = new TestClient(t.app);
    await client.login('13900000002', demoPassword);
    const first = client.cookie!;
    await client.login('13900000002', demoPassword);
    const second = client.cookie!;
    expect(second).not.toBe(first);
    const old = new TestClient(t.app);
    old.cookie = first;
    expect((await old.gql('{ me { id } }')).data).toEqual({ me: null });
    expect((await client.gql<{ me: { id: string } }>('{ me { id } }')).data!.me).not.toBeNull();
  });

  it('logout ends the session in the database: the old cookie is refused', async () => {
    const client = new TestClient(t.app);
    await client.login('13900000001', demoPassword);
    const token = client.cookie!;
    const out = await client.gql<{ logout: boolean }>('mutation { logout }');
    expect(out.data).toEqual({ logout: true });
    expect(client.cookie).toBeUndefined();
    const [row] = await database().db.select().from(sessions).where(eq(sessions.idHash, hashSessionToken(token)));
    expect(row?.endedAt).toBeInstanceOf(Date);
    const replay = new TestClient(t.app);
    replay.cookie = token;
    const refused = await replay.gql('{ organisations { id } }');
    expect(errorCode(refused)).toBe('SB_ERR_UNAUTHENTICATED');
  });

  describe('expiry by the server clock', () => {
    it('refuses a session idle longer than SESSION_IDLE_MINUTES with SB_ERR_SESSION_EXPIRED', async () => {
      const client = new TestClient(t.app);
      await client.login('13900000001', demoPassword);
      t.clock.advance(29 * 60_000);
      expect(errorCode(await client.gql('{ organisations { id } }'))).toBeUndefined();
      // That request touched lastSeenAt, so another 29 minutes are still fine…
      t.clock.advance(29 * 60_000);
      expect(errorCode(await client.gql('{ organisations { id } }'))).toBeUndefined();
      // …but 30 idle minutes are not.
      t.clock.advance(30 * 60_000);
      const expired = await client.gql('{ organisations { id } }');
      expect(errorCode(expired)).toBe('SB_ERR_SESSION_EXPIRED');
      expect(expired.errors![0]!.extensions.message.zh).toBe('登录已过期，请重新登录');
      expect((await client.gql('{ me { id } }')).data).toEqual({ me: null });
    });

    it('ends a session SESSION_ABSOLUTE_HOURS after login however active it is', async () => {
      const client = new TestClient(t.app);
      await client.login('13900000002', demoPassword);
      for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
        t.clock.advance(20 * 60_000);
        expect(errorCode(await client.gql('{ organisations { id } }'))).toBeUndefined();
      }
      t.clock.advance(20 * 60_000);
      expect(errorCode(await client.gql('{ organisations { id } }'))).toBe('SB_ERR_SESSION_EXPIRED');
    });
  });

  describe('lockout', () => {
    it('locks after 5 failures; the 6th attempt is refused even with the right password; audit tells the story', async () => {
      const admin = await t.app.services.accounts.findByMobile('13800000000');
      const client = new TestClient(t.app);
      for (let i = 1; i <= 4; i++) {
        const failed = await client.login('13800000000', `wrong-${i}`);
        expect(errorCode(failed)).toBe('SB_ERR_LOGIN_FAILED');
      }
      t.clock.set('2026-03-02T06:10:00Z'); // 14:10 in Beijing
      const fifth = await client.login('13800000000', 'wrong-5');
      expect(errorCode(fifth)).toBe('SB_ERR_ACCOUNT_LOCKED');
      const sixth = await client.login('13800000000', demoPassword);
      expect(errorCode(sixth)).toBe('SB_ERR_ACCOUNT_LOCKED');
      expect(sixth.errors![0]!.extensions.message).toEqual({ zh: '账号已锁定，请于 14:25 后重试', en: 'The account is locked; try again after 14:25' });
      expect(client.cookie).toBeUndefined();

      const rows = await database().db.select().from(auditEvents).where(eq(auditEvents.actorId, admin!.id));
      const actions = rows.map((r) => r.action);
      expect(actions.filter((a) => a === 'auth.login_failed')).toHaveLength(5);
      expect(actions.filter((a) => a === 'auth.locked')).toHaveLength(1);
      expect(actions.filter((a) => a === 'auth.login_refused')).toHaveLength(1);

      // After LOGIN_LOCKOUT_MINUTES the right password works again.
      t.clock.advance(15 * 60_000);
      expect(errorCode(await client.login('13800000000', demoPassword))).toBeUndefined();
    });

    it('locks an unknown number exactly as it locks an account: the same answers, attempt by attempt', async () => {
      const client = new TestClient(t.app);
      const answer = async (mobile: string, password: string) => JSON.stringify((await client.login(mobile, password)).errors?.[0]?.extensions ?? 'logged in');
      const real = '13900000001';
      const unknown = '13700000099';
      const steps: Array<[string, string]> = [];
      for (let attempt = 1; attempt <= 6; attempt++) steps.push([await answer(real, `wrong-${attempt}`), await answer(unknown, `wrong-${attempt}`)]);
      expect(steps.map(([r]) => JSON.parse(r).code)).toEqual(['SB_ERR_LOGIN_FAILED', 'SB_ERR_LOGIN_FAILED', 'SB_ERR_LOGIN_FAILED', 'SB_ERR_LOGIN_FAILED', 'SB_ERR_ACCOUNT_LOCKED', 'SB_ERR_ACCOUNT_LOCKED']);
      for (const [realAnswer, unknownAnswer] of steps) expect(unknownAnswer).toBe(realAnswer);

      // The unknown number's lock is audited with the number masked, never in full.
      const locked = (await database().db.select().from(auditEvents).where(eq(auditEvents.action, 'auth.locked'))).filter((r) => (r.details as { reason?: string }).reason === 'unknown_mobile');
      expect(locked).toHaveLength(1);
      expect(locked[0]!.details).toMatchObject({ mobile: '137****0099', failures: 5 });
      expect(JSON.stringify(await database().db.select().from(auditEvents))).not.toContain(unknown);

      // Both locks end together: then a wrong password is a plain failure again on both.
      t.clock.advance(15 * 60_000);
      expect(await answer(unknown, 'wrong-7')).toBe(await answer(real, 'wrong-7'));
      expect(await answer(real, demoPassword)).toBe('"logged in"');
    });

    it('says the same for an unknown mobile as for a wrong password, after similar work', async () => {
      const client = new TestClient(t.app);
      const timings: Record<string, number[]> = { unknown: [], wrong: [] };
      const answers = new Set<string>();
      for (let i = 0; i < 3; i++) {
        for (const [kind, mobile] of [['unknown', '13700000000'], ['wrong', '13900000002']] as const) {
          const started = performance.now();
          const result = await client.login(mobile, 'Not-the-password-1');
          timings[kind]!.push(performance.now() - started);
          answers.add(JSON.stringify(result.errors![0]!.extensions));
        }
      }
      expect(answers.size).toBe(1);
      // Both run one argon2id verification; without the dummy hash the unknown number would answer in ~1 ms.
      // Other processes only ever add time, so each kind's fastest answer is the fairest measure of its work
      // (medians failed on a machine at load 12, when two of the three "wrong" answers happened to be slowed).
      const fastest = (xs: number[]) => Math.min(...xs);
      expect(fastest(timings.unknown!)).toBeGreaterThan(fastest(timings.wrong!) * 0.4);
      // Reset the failure counter for the other tests.
      await client.login('13900000002', demoPassword);
    });
  });
});
