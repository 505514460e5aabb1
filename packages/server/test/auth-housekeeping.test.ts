import { afterAll, beforeAll, expect, it } from 'vitest';
import { sessions, unknownLoginFailures, verificationCodes } from '../src/db/schema/index.ts';
import { seedDemoAccounts } from '../src/demo/demo-accounts.ts';
import { Housekeeping } from '../src/auth/housekeeping.ts';
import { describeEachDatabase } from './helpers/database.ts';
import { startAccountsApp, type AccountsTestApp } from './fixtures/accounts-app.ts';

const minute = 60_000;
const day = 86_400_000;

describeEachDatabase('housekeeping: finished sessions and old SMS codes are deleted', (database) => {
  let t: AccountsTestApp;
  let housekeeping: Housekeeping;
  let userId: string;
  beforeAll(async () => {
    // A short retention keeps the clock arithmetic readable; the default is 30 days.
    t = await startAccountsApp(database(), { SESSION_RETENTION_DAYS: '10' });
    await seedDemoAccounts(t.app.services);
    userId = (await t.app.services.accounts.findByMobile('13900000001'))!.id;
    const { sessions: sessionService, verificationCodes: codes, auth, logger } = t.app.services;
    housekeeping = new Housekeeping(sessionService, codes, auth, logger);
  });
  afterAll(async () => t.close());

  const remainingSessions = async () => (await database().db.select({ idHash: sessions.idHash }).from(sessions)).map((s) => s.idHash).sort();

  it('keeps each session for SESSION_RETENTION_DAYS after it finished (logout, idle or absolute expiry), then deletes it', async () => {
    const service = t.app.services.sessions;
    const loggedOut = await service.start(userId, { ip: '203.0.113.7', userAgent: 'browser A' });
    await service.end(loggedOut.idHash);
    const leftIdle = await service.start(userId, { ip: '203.0.113.8', userAgent: 'browser B' });
    // Active until its absolute expiry 12 hours after login: touched every 20 minutes.
    const active = await service.start(userId, { ip: '203.0.113.9', userAgent: 'browser C' });
    const activeToken = active.token;
    for (let m = 20; m < 12 * 60; m += 20) {
      t.clock.advance(20 * minute);
      expect((await service.lookup(activeToken)).status).toBe('active');
    }
    t.clock.advance(20 * minute); // 12 hours after login: expired by the absolute limit
    expect((await service.lookup(activeToken)).status).toBe('expired');
    const all = [loggedOut.idHash, leftIdle.idHash, active.idHash].sort();

    // 10 days after the logout (12 hours ago) less a minute: nothing is old enough.
    t.clock.advance(10 * day - 12 * 60 * minute - minute);
    expect(await housekeeping.runOnce()).toEqual({ sessions: 0, codes: 0, loginFailures: 0 });
    expect(await remainingSessions()).toEqual(all);

    // Two minutes on, the logged-out one is past; the idle one finished 30 minutes after login, so it goes too.
    t.clock.advance(2 * minute);
    expect((await housekeeping.runOnce()).sessions).toBe(1);
    expect(await remainingSessions()).toEqual([leftIdle.idHash, active.idHash].sort());
    t.clock.advance(30 * minute);
    expect((await housekeeping.runOnce()).sessions).toBe(1);
    expect(await remainingSessions()).toEqual([active.idHash]);

    // The active one finished 12 hours after login.
    t.clock.advance(12 * 60 * minute - 30 * minute - minute);
    expect((await housekeeping.runOnce()).sessions).toBe(0);
    t.clock.advance(2 * minute);
    expect((await housekeeping.runOnce()).sessions).toBe(1);
    expect(await remainingSessions()).toEqual([]);
  });

  it('never deletes a session still in use', async () => {
    const service = t.app.services.sessions;
    const session = await service.start(userId, {});
    t.clock.advance(20 * minute);
    await housekeeping.runOnce();
    expect((await service.lookup(session.token)).status).toBe('active');
  });

  it('deletes SMS codes two days after they were sent, so the daily limit still sees every code of the last day', async () => {
    const codes = t.app.services.verificationCodes;
    await codes.send('13700000011', 'register');
    t.clock.advance(day);
    await codes.send('13700000012', 'register');
    const mobiles = async () => (await database().db.select({ mobile: verificationCodes.mobile }).from(verificationCodes)).map((c) => c.mobile).sort();
    expect(await mobiles()).toEqual(['13700000011', '13700000012']);

    t.clock.advance(day - minute);
    expect((await housekeeping.runOnce()).codes).toBe(0);
    t.clock.advance(2 * minute);
    expect((await housekeeping.runOnce()).codes).toBe(1);
    expect(await mobiles()).toEqual(['13700000012']);
  });

  it('forgets failed logins on a number without an account 30 days after the last one', async () => {
    const login = (password: string) => t.app.services.auth.login({ mobile: '13700000077', password }).catch((error: { code?: string }) => error.code);
    for (let i = 0; i < 5; i++) await login(`wrong-${i}`);
    expect(await login('wrong')).toBe('SB_ERR_ACCOUNT_LOCKED');
    const rows = async () => (await database().db.select().from(unknownLoginFailures)).length;
    expect(await rows()).toBe(1);

    t.clock.advance(30 * day - minute);
    expect((await housekeeping.runOnce()).loginFailures).toBe(0);
    t.clock.advance(2 * minute);
    expect((await housekeeping.runOnce()).loginFailures).toBe(1);
    expect(await rows()).toBe(0);
  });
});
