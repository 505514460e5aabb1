/**
 * Races through real parallel HTTP requests against a listening server (on PostgreSQL when TEST_DATABASE_URL is set —
 * there the requests really run in parallel on separate connections; on PGlite they queue on its one connection).
 * Every race must resolve to exactly one winner, and the losers must get SB_ERR_CONFLICT-family errors with nothing
 * half-written.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { applicationEvents, applications, rankings, reports, tasks } from '../src/db/schema/index.ts';
import { describeEachDatabase } from './helpers/database.ts';
import { createApplicant, createReviewer, publishAndOpen, startProgrammeApp, withoutStampedScan, type ProgrammeTestApp, type TestClient } from './helpers/programme-app.ts';
import { filledApplication, registeredAttachment, sessionUserOf, submissionsWithoutStampedScan, submittedApplications } from './helpers/seeded-applications.ts';

const programmeId = 'sd-maker-home-2020';
const recommendForm = { contactName: '张主任', contactMobile: '13905310001', contactPhone: '0531-86001234', opinion: '同意推荐', siteVisitedOn: '2026-03-01' };

interface HttpResult { code?: string; data?: Record<string, unknown> }

describeEachDatabase('races resolve to one winner', (database) => {
  let t: ProgrammeTestApp;
  let baseUrl: string;
  let applicant: TestClient; let reviewerA: TestClient; let reviewerB: TestClient;
  let applicantUser: Awaited<ReturnType<typeof sessionUserOf>>;
  let reviewerUser: Awaited<ReturnType<typeof sessionUserOf>>;

  /** The approve form of the recommending unit, with its stamped copy of the book registered for the application. */
  async function approveForm(applicationId: string): Promise<Record<string, unknown>> {
    return { ...recommendForm, stampedBook: await registeredAttachment(app(), reviewerUser, applicationId) };
  }

  /** One GraphQL request over a real socket, as a browser would send it. */
  async function post(client: TestClient, query: string, variables: Record<string, unknown>): Promise<HttpResult> {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...client.headers() }, body: JSON.stringify({ query, variables }),
    });
    const body = await response.json() as { data?: Record<string, unknown>; errors?: Array<{ extensions: { code: string } }> };
    return body.errors ? { code: body.errors[0]!.extensions.code } : { data: body.data! };
  }

  async function seed(count: number): Promise<string[]> {
    // The stamped-scan requirement is the print area's rule, tested there; these tests are about races.
    return submittedApplications(app(), applicantUser, programmeId, count, { service: { recommender: 'jinan-kx' } }, submissionsWithoutStampedScan(app()));
  }
  const app = () => t.app;

  beforeAll(async () => {
    // The stamped-scan requirement is the print area's rule, tested there; these tests are about races.
    t = await startProgrammeApp(database(), undefined, { workflowHooks: withoutStampedScan });
    await publishAndOpen(t.app, programmeId);
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    applicant = await createApplicant(t.app, '泉城创客汇');
    reviewerA = await createReviewer(t.app, 'jinan-kx');
    reviewerB = await createReviewer(t.app, 'jinan-kx');
    applicantUser = await sessionUserOf(t.app, (await applicant.gql<{ me: { mobile: string } }>('{ me { mobile } }')).data!.me.mobile);
    reviewerUser = await sessionUserOf(t.app, (await reviewerA.gql<{ me: { mobile: string } }>('{ me { mobile } }')).data!.me.mobile);
  });
  afterAll(async () => t?.close());

  it('the same submit sent 20 times at once is one submission', async () => {
    const id = await filledApplication(app(), applicantUser, programmeId, { service: { recommender: 'jinan-kx' } });
    const results = await Promise.all(Array.from({ length: 20 }, () =>
      post(applicant, 'mutation($a: ID!) { submitApplication(applicationId: $a) { status } }', { a: id })));
    expect(results.filter((r) => r.data)).toHaveLength(1);
    expect(new Set(results.filter((r) => r.code).map((r) => r.code))).toEqual(new Set(['SB_ERR_ALREADY_SUBMITTED']));
    const events = await app().services.db.select().from(applicationEvents).where(and(eq(applicationEvents.applicationId, id!), eq(applicationEvents.action, 'submit')));
    expect(events).toHaveLength(1);
    const open = await app().services.db.select().from(tasks).where(and(eq(tasks.applicationId, id!), eq(tasks.status, 'open')));
    expect(open).toHaveLength(1);
  });

  it('two reviewers acting on one application with 200 requests at once make one transition', async () => {
    const [id] = await seed(1);
    const [task] = await app().services.db.select().from(tasks).where(and(eq(tasks.applicationId, id!), eq(tasks.status, 'open')));
    const form = await approveForm(id!);
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => post(i % 2 ? reviewerA : reviewerB,
      'mutation($t: ID!, $o: String!, $d: JSON, $r: String) { completeTask(taskId: $t, outcome: $o, data: $d, reason: $r) { id } }',
      { t: task!.id, o: i % 3 === 0 ? 'return' : 'approve', d: form, r: '请补充材料' })));
    expect(results.filter((r) => r.data)).toHaveLength(1);
    expect(new Set(results.filter((r) => r.code).map((r) => r.code))).toEqual(new Set(['SB_ERR_CONFLICT']));
    const [row] = await app().services.db.select().from(applications).where(eq(applications.id, id!));
    const completed = await app().services.db.select().from(tasks).where(and(eq(tasks.applicationId, id!), eq(tasks.status, 'completed')));
    expect(completed).toHaveLength(1);
    expect(row!.status).toBe(completed[0]!.outcome === 'return' ? 'returned' : 'in_review');
    const decisions = await app().services.db.select().from(applicationEvents)
      .where(and(eq(applicationEvents.applicationId, id!), eq(applicationEvents.taskDefinitionId, 'recommend')));
    expect(decisions).toHaveLength(1);
  });

  it('with a quota of 2, 7 parallel attempts to rank never hold more than 2', async () => {
    const ids = await seed(7);
    const open = await Promise.all(ids.map(async (id) => {
      const [task] = await app().services.db.select().from(tasks).where(and(eq(tasks.applicationId, id), eq(tasks.status, 'open')));
      const approved = await reviewerA.gql('mutation($t: ID!, $d: JSON) { completeTask(taskId: $t, outcome: "approve", data: $d) { id } }', { t: task!.id, d: await approveForm(id) });
      expect(approved.errors).toBeUndefined();
      const [report] = await app().services.db.select().from(tasks).where(and(eq(tasks.applicationId, id), eq(tasks.status, 'open')));
      return report!;
    }));
    expect(open.every((task) => task.kind === 'report')).toBe(true);
    const scope = { programmeId, organisationId: 'jinan-kx', taskDefinitionId: 'report' };
    const results = await Promise.all(open.map((task, i) => post(i % 2 ? reviewerA : reviewerB,
      'mutation($s: RankingScope!, $t: ID!) { addToRanking(scope: $s, taskId: $t) }', { s: scope, t: task.id })));
    expect(results.filter((r) => r.data)).toHaveLength(2);
    expect(results.filter((r) => r.code === 'SB_ERR_QUOTA_EXCEEDED')).toHaveLength(5);
    const held = await app().services.db.select().from(rankings).where(eq(rankings.organisationId, 'jinan-kx'));
    expect(held.map((r) => r.rank).sort()).toEqual([1, 2]);
  });

  it('a unit reporting 200 times at once reports once', async () => {
    const scope = { programmeId, organisationId: 'jinan-kx', taskDefinitionId: 'report' };
    // The 200-request race above ends in approve or return, whichever request won: count what waits to be reported.
    const waiting = await app().services.db.select().from(tasks).where(and(eq(tasks.organisationId, 'jinan-kx'), eq(tasks.definitionId, 'report'), eq(tasks.status, 'open')));
    expect(waiting.length).toBeGreaterThanOrEqual(7);
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => post(i % 2 ? reviewerA : reviewerB,
      'mutation($s: RankingScope!) { reportRanking(scope: $s) { reported notReported } }', { s: scope })));
    const winners = results.filter((r) => r.data);
    expect(winners).toHaveLength(1);
    expect(winners[0]!.data!.reportRanking).toEqual({ reported: 2, notReported: waiting.length - 2 });
    expect(new Set(results.filter((r) => r.code).map((r) => r.code))).toEqual(new Set(['SB_ERR_ALREADY_REPORTED']));
    expect(await app().services.db.select().from(reports).where(eq(reports.organisationId, 'jinan-kx'))).toHaveLength(1);
    const stillOpen = await app().services.db.select().from(tasks).where(and(eq(tasks.organisationId, 'jinan-kx'), eq(tasks.definitionId, 'report'), eq(tasks.status, 'open')));
    expect(stillOpen).toHaveLength(0);
  });

  it('the database itself refuses a rank beyond the quota and a second report, whatever the code does', async () => {
    const [ranked] = await app().services.db.select().from(rankings).where(eq(rankings.organisationId, 'jinan-kx'));
    const overQuota = app().services.db.insert(rankings).values({ ...ranked!, id: 'extra-rank', taskId: ranked!.taskId, rank: 3, quota: 2 });
    await expect(overQuota).rejects.toThrow();
    const [report] = await app().services.db.select().from(reports).where(eq(reports.organisationId, 'jinan-kx'));
    await expect(app().services.db.insert(reports).values({ ...report!, id: 'second-report' })).rejects.toThrow();
    await expect(app().services.db.insert(reports).values({ ...report!, id: 'over-quota', organisationId: 'qingdao-kx', itemCount: 3, quota: 2 })).rejects.toThrow();
  });
}, { maxConnections: 20 });
