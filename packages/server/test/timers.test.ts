/**
 * Review deadlines: a task's `shenbao:dueDate` becomes a row in `timers`; once the server clock passes it, the timer
 * fires (the task is marked overdue in the flow state and the history says so), exactly once, and a timer that fell
 * due while the server was down fires from the database when a new server starts.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { SerializedState } from '@shenbao/engine';
import { buildApp } from '../src/app.ts';
import { FakeClock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import { applicationEvents, applications, tasks, timers } from '../src/db/schema/index.ts';
import { describeEachDatabase, type TestDatabase } from './helpers/database.ts';
import { createApplicant, createProgrammeAdmin, publishAndOpen, startProgrammeApp, type ProgrammeTestApp } from './helpers/programme-app.ts';
import { sessionUserOf, submissionsWithoutStampedScan, submittedApplications } from './helpers/seeded-applications.ts';

const programmeId = 'national-specialised-makerspace-4th';

/** A programme app with one application submitted and waiting at its first review task. */
async function oneInReview(database: TestDatabase, applicantName: string): Promise<{ t: ProgrammeTestApp; id: string }> {
  const t = await startProgrammeApp(database);
  await publishAndOpen(t.app, programmeId, 10);
  const applicant = await createApplicant(t.app, applicantName);
  const user = await sessionUserOf(t.app, (await applicant.gql<{ me: { mobile: string } }>('{ me { mobile } }')).data!.me.mobile);
  // The stamped-scan rule is tested in prints.test.ts.
  const id = (await submittedApplications(t.app, user, programmeId, 1, {}, submissionsWithoutStampedScan(t.app)))[0]!;
  return { t, id };
}

describeEachDatabase('review deadlines', (database) => {
  let t: ProgrammeTestApp;
  let id: string;
  beforeAll(async () => {
    ({ t, id } = await oneInReview(database(), '南京智能制造专业化众创空间'));
  });
  afterAll(async () => t?.close());

  it('stores the open task’s deadline as a timer', async () => {
    const [task] = await t.app.services.db.select().from(tasks).where(and(eq(tasks.applicationId, id), eq(tasks.status, 'open')));
    expect(task!.dueAt).not.toBeNull();
    const pending = await t.app.services.db.select().from(timers).where(eq(timers.applicationId, id));
    expect(pending).toHaveLength(1);
    expect(pending[0]!.dueAt.toISOString()).toBe(task!.dueAt!.toISOString());
    expect(await t.app.services.timers.fireDue()).toBe(0);
  });

  it('fires once the deadline has passed, once, and again from the database after a restart of the server', async () => {
    const [timer] = await t.app.services.db.select().from(timers).where(eq(timers.applicationId, id));
    // The server is down while the deadline passes; a new server on the same database picks the timer up.
    const later = new FakeClock(new Date(timer!.dueAt.getTime() + 60_000));
    const restarted = await buildApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: t.dataDir }), { database: database(), skipMigrations: true, clock: later });
    try {
      expect(await restarted.services.timers.fireDue()).toBe(1);
      expect(await restarted.services.timers.fireDue()).toBe(0);
    } finally {
      await restarted.close();
    }
    const [fired] = await t.app.services.db.select().from(timers).where(eq(timers.id, timer!.id));
    expect(fired!.firedAt).not.toBeNull();
    const [row] = await t.app.services.db.select().from(applications).where(eq(applications.id, id));
    expect((row!.flowState as SerializedState).openTasks[0]!.overdue).toBe(true);
    const deadline = await t.app.services.db.select().from(applicationEvents).where(and(eq(applicationEvents.applicationId, id), eq(applicationEvents.action, 'deadline')));
    expect(deadline).toHaveLength(1);
  });
});

describeEachDatabase('moving a window moves the review deadlines that read it', (database) => {
  let t: ProgrammeTestApp;
  let id: string;
  beforeAll(async () => {
    ({ t, id } = await oneInReview(database(), '无锡物联网专业化众创空间'));
  });
  afterAll(async () => t?.close());

  it('extends the open task, its timer and the flow state in the administrator\'s transaction, and says so in the history', async () => {
    const [before] = await t.app.services.db.select().from(tasks).where(and(eq(tasks.applicationId, id), eq(tasks.status, 'open')));
    const admin = await createProgrammeAdmin(t.app);
    const now = t.app.services.clock.now();
    const closes = new Date(before!.dueAt!.getTime() + 7 * 86_400_000);
    const result = await admin.gql('mutation($o: String!, $c: String!) { setProgrammeWindow(programmeId: "national-specialised-makerspace-4th", windowId: "cityRecommend", opens: $o, closes: $c) { id } }',
      { o: new Date(now.getTime() - 60_000).toISOString(), c: closes.toISOString() });
    expect(result.errors).toBeUndefined();

    const [after] = await t.app.services.db.select().from(tasks).where(eq(tasks.id, before!.id));
    expect(after!.dueAt!.toISOString()).toBe(closes.toISOString());
    const pending = await t.app.services.db.select().from(timers).where(eq(timers.applicationId, id));
    expect(pending.map((timer) => timer.dueAt.toISOString())).toEqual([closes.toISOString()]);
    const [row] = await t.app.services.db.select().from(applications).where(eq(applications.id, id));
    expect((row!.flowState as SerializedState).openTasks[0]!.dueAt).toBe(closes.toISOString());
    const moved = await t.app.services.db.select().from(applicationEvents).where(and(eq(applicationEvents.applicationId, id), eq(applicationEvents.action, 'deadline.moved')));
    expect(moved).toHaveLength(1);
    expect(moved[0]!.details).toMatchObject({ moved: [{ dueAt: closes.toISOString(), was: before!.dueAt!.toISOString() }] });
  });
});
