import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { auditEvents } from '../src/db/schema/index.ts';
import { demoPassword, seedDemoAccounts } from '../src/demo/demo-accounts.ts';
import { describeEachDatabase } from './helpers/database.ts';
import { errorCode, startAccountsApp, TestClient, type AccountsTestApp } from './fixtures/accounts-app.ts';

/** The database's own message (drizzle wraps it as the cause of "Failed query"). */
async function refusal(query: PromiseLike<unknown>): Promise<string> {
  try {
    await query;
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return cause?.message ?? (error as Error).message;
  }
  return 'not refused';
}

describeEachDatabase('audit: append-only trail and the admin query', (database) => {
  let t: AccountsTestApp;
  beforeAll(async () => {
    t = await startAccountsApp(database());
    await seedDemoAccounts(t.app.services);
  });
  afterAll(async () => t.close());

  it('refuses UPDATE, DELETE and TRUNCATE on audit_events', async () => {
    await t.app.services.audit.record({ action: 'test.event', result: 'ok', details: { n: 1 } });
    const db = database().db;
    expect(await refusal(db.update(auditEvents).set({ action: 'rewritten' }).where(eq(auditEvents.action, 'test.event')))).toMatch(/append-only: UPDATE/);
    expect(await refusal(db.delete(auditEvents).where(eq(auditEvents.action, 'test.event')))).toMatch(/append-only: DELETE/);
    expect(await refusal(db.execute(sql`truncate audit_events`))).toMatch(/append-only: TRUNCATE/);
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, 'test.event'))).toHaveLength(1);
  });

  it('lets a platform admin filter events by actor, action and time, newest first; others are refused', async () => {
    const applicant = new TestClient(t.app);
    await applicant.login('13900000001', demoPassword);
    const user = await t.app.services.accounts.findByMobile('13900000001');
    t.clock.advance(3_600_000);
    await applicant.login('13900000001', demoPassword);

    expect(errorCode(await applicant.gql('{ auditEvents { id } }'))).toBe('SB_ERR_FORBIDDEN');

    const admin = new TestClient(t.app);
    await admin.login('13800000000', demoPassword);
    const query = 'query($a: String, $act: String, $from: String) { auditEvents(actorId: $a, action: $act, from: $from) { id at action result actorId details } }';
    const all = await admin.gql<{ auditEvents: { id: string; at: string; action: string; actorId: string; details: string }[] }>(query, { a: user!.id, act: 'auth.login' });
    expect(all.data!.auditEvents).toHaveLength(2);
    expect(Number(all.data!.auditEvents[0]!.id)).toBeGreaterThan(Number(all.data!.auditEvents[1]!.id));
    expect(JSON.parse(all.data!.auditEvents[0]!.details)).toEqual({ mustChangePassword: false });

    const later = await admin.gql<{ auditEvents: { at: string }[] }>(query, { a: user!.id, act: 'auth.login', from: new Date(t.clock.now().getTime() - 60_000).toISOString() });
    expect(later.data!.auditEvents).toHaveLength(1);

    const denied = await admin.gql<{ auditEvents: { actorId: string; details: string }[] }>(query, { act: 'access.denied' });
    expect(denied.data!.auditEvents.some((e) => e.actorId === user!.id && JSON.parse(e.details).code === 'SB_ERR_FORBIDDEN')).toBe(true);

    // Names, not UUIDs: the actor and a user subject by name; an event without an actor has none.
    const named = await admin.gql<{ auditEvents: { actorId: string | null; actorName: string | null; subjectName: string | null }[] }>(
      'query($a: String) { auditEvents(actorId: $a, action: "auth.login") { actorId actorName subjectName } }', { a: user!.id },
    );
    expect(named.data!.auditEvents.map((e) => [e.actorName, e.subjectName])).toEqual([[user!.name, user!.name], [user!.name, user!.name]]);
    const anonymous = await admin.gql<{ auditEvents: { actorName: string | null; subjectName: string | null }[] }>('{ auditEvents(action: "test.event") { actorName subjectName } }');
    expect(anonymous.data!.auditEvents).toEqual([{ actorName: null, subjectName: null }]);
  });
});
