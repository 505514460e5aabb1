/**
 * Issue 17, password row: `Password1`, `Aa123456`, `Qwer1234` and the user's own mobile number inside the password
 * were accepted; `changePassword` had no attempt limit (8 wrong current passwords, then the right one worked). Now a
 * chosen password must pass the strength estimate (bilingual reasons), and wrong current passwords count and lock
 * like failed logins.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema/index.ts';
import { checkNewPassword } from '../src/auth/password-policy.ts';
import { withoutSubstitutions } from '../src/auth/password-strength.ts';
import { describeEachDatabase } from './helpers/database.ts';
import { errorCode, startAccountsApp, TestClient, type AccountsTestApp } from './fixtures/accounts-app.ts';

const probeWeak = ['Password1', 'Aa123456', 'Qwer1234', 'Woaini1314!', 'P@ssw0rd2026', 'Zhangwei@123', 'Abcd@1234', 'Shenbao@2026'];

describe('the strength estimate', () => {
  it('refuses the probe\'s passwords and common Chinese patterns, with a reason in both languages', () => {
    for (const password of probeWeak) {
      const problems = checkNewPassword(password);
      expect(problems, password).toHaveLength(1);
      expect(problems[0]!.zh, password).toMatch(/^密码太容易被猜到/);
      expect(problems[0]!.en, password).toMatch(/^The password is too easy to guess/);
    }
    expect(checkNewPassword('Password1')[0]!.zh).toContain('常用密码');
  });

  it('refuses the user\'s own mobile number inside the password, however it is dressed', () => {
    for (const password of ['Ab13900000001!', '139-0000-0001Xy#', 'Zz#1390000000199']) {
      expect(checkNewPassword(password, { mobile: '13900000001' }), password).toEqual([{ zh: '密码不能包含您的手机号', en: 'The password must not contain your mobile number' }]);
    }
    expect(checkNewPassword('Ab13900000001!')).toEqual([]); // someone else's number is only digits
  });

  it('accepts passwords that are hard to guess', () => {
    for (const password of ['Maker#2026', 'Test@2026pass', 'Jinan#Sme2020', 'Correct-Horse-7', 'Review!2026', '申报平台Qx#2026']) {
      expect(checkNewPassword(password, { mobile: '13900000001', name: '张三' }), password).toEqual([]);
    }
  });

  it('undoes the usual substitutions instead of the costly l33t matcher', () => {
    expect(withoutSubstitutions('P@ssw0rd2026')).toBe('Password2026');
    expect(withoutSubstitutions('$h3nb@o')).toBe('shenbao');
  });
});

describeEachDatabase('passwords through the API', (db) => {
  let t: AccountsTestApp;
  beforeAll(async () => {
    t = await startAccountsApp(db());
  });
  afterAll(async () => t?.close());

  const register = 'mutation($i: RegisterInput!) { register(input: $i) { id } }';

  async function registerWith(mobile: string, password: string) {
    const client = new TestClient(t.app);
    await client.gql('mutation($m: String!) { requestVerificationCode(mobile: $m, purpose: "register") { sentTo } }', { m: mobile });
    const code = t.sms.lastCodeFor(mobile);
    return { client, result: await client.gql(register, { i: { mobile, code, password, name: '王伟', organisationName: '密码测试有限公司' } }) };
  }

  it('refuses the probe\'s passwords at registration, and the mobile number inside the password', async () => {
    let n = 0;
    for (const password of ['Password1', 'Aa123456', 'Qwer1234', 'Xy#13900007001']) {
      n += 1;
      const mobile = `1390000700${n}`;
      const { result } = await registerWith(mobile, password.replace('13900007001', mobile));
      expect(errorCode(result), password).toBe('SB_ERR_VALIDATION');
      const fields = (result.errors![0]!.extensions.details as { fields: Record<string, Array<{ zh: string; en: string }>> }).fields;
      expect(Object.keys(fields), password).toEqual(['/password']);
      expect(fields['/password']![0]!.zh, password).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await db().db.select({ id: users.id }).from(users).where(eq(users.mobile, '13900007001'))).toEqual([]);
  });

  it('locks the account after LOGIN_MAX_FAILURES wrong current passwords in changePassword, ending the session', async () => {
    const mobile = '13900007100';
    const { client, result } = await registerWith(mobile, 'Maker#2026');
    expect(result.errors).toBeUndefined();
    const change = (oldPassword: string, newPassword = 'Another#Pass77') =>
      client.gql('mutation($o: String!, $n: String!) { changePassword(oldPassword: $o, newPassword: $n) }', { o: oldPassword, n: newPassword });
    for (let i = 1; i <= 4; i += 1) expect(errorCode(await change(`Wrong#${i}guess`)), `attempt ${i}`).toBe('SB_ERR_VALIDATION');
    const fifth = await change('Wrong#5guess');
    expect(errorCode(fifth)).toBe('SB_ERR_ACCOUNT_LOCKED');
    // The probe's next step, the right password, no longer works: the session is gone and the account is locked.
    expect(errorCode(await change('Maker#2026'))).toBe('SB_ERR_UNAUTHENTICATED');
    expect(errorCode(await new TestClient(t.app).login(mobile, 'Maker#2026'))).toBe('SB_ERR_ACCOUNT_LOCKED');
    t.clock.advance(16 * 60_000);
    const again = new TestClient(t.app);
    expect((await again.login(mobile, 'Maker#2026')).errors).toBeUndefined();
    const ok = await again.gql('mutation { changePassword(oldPassword: "Maker#2026", newPassword: "Another#Pass77") }');
    expect(ok.data).toEqual({ changePassword: true });
  });

  it('refuses the current password again, a weak one, and one holding the mobile number; a right old password resets the count', async () => {
    const mobile = '13900007200';
    const { client } = await registerWith(mobile, 'Maker#2026');
    const change = (n: string) => client.gql('mutation($n: String!) { changePassword(oldPassword: "Maker#2026", newPassword: $n) }', { n });
    for (const weak of ['Maker#2026', 'Password1', `Pw#${mobile}`]) {
      const result = await change(weak);
      expect(errorCode(result), weak).toBe('SB_ERR_VALIDATION');
      expect(Object.keys((result.errors![0]!.extensions.details as { fields: object }).fields), weak).toEqual(['/newPassword']);
    }
    const [row] = await db().db.select({ failedLogins: users.failedLogins }).from(users).where(eq(users.mobile, mobile));
    expect(row!.failedLogins).toBe(0);
  });
});
