/**
 * Prints do not drift (issue 13 item 4), on both databases, with 2020 济南 SME platforms: a print of unchanged data
 * is the latest version again, not a new one; a reviewer (or an administrator) opening the applicant's 真实性声明
 * gets the applicant's version and never creates one, so /verify keeps calling the applicant's paper the latest;
 * the district's 测评推荐表 can be printed from a later step (the city's decision) after the survey is done.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tasks } from '../src/db/schema/index.ts';
import { describeEachDatabase } from './helpers/database.ts';
import { createApplicant, createProgrammeAdmin, createReviewer, errorCode, ok, publishAndOpen, startProgrammeApp, type ProgrammeTestApp, type TestClient } from './helpers/programme-app.ts';
import { application, decide, draftFromFixture, reportRanking, resave, setRanking, submit, taskFor, verifyPrint } from './helpers/scenario-steps.ts';
import { requestPrint, waitForPrintJob, type PrintJobView } from './helpers/print-steps.ts';
import { pdfPages } from './print/pdf-text.ts';

const programmeId = 'jn-sme-platform-2020';

interface PrintStateView { latest: { version: string; attachmentId: string } | null; matchesData: boolean; mayCreate: boolean }

async function printState(client: TestClient, applicationId: string, printId: string, taskId?: string): Promise<PrintStateView> {
  return ok(await client.gql<{ printState: PrintStateView }>(
    'query($a: ID!, $p: String!, $t: ID) { printState(applicationId: $a, printId: $p, taskId: $t) { latest { version attachmentId } matchesData mayCreate } }',
    { a: applicationId, p: printId, t: taskId ?? null })).printState;
}

async function printed(client: TestClient, applicationId: string, printId: string, taskId?: string): Promise<PrintJobView> {
  const job = await waitForPrintJob(client, (await requestPrint(client, applicationId, printId, taskId)).id);
  expect(job, job.error ?? '').toMatchObject({ status: 'done', error: null });
  return job;
}

async function versionsOf(client: TestClient, applicationId: string, printId: string): Promise<string[]> {
  const { prints } = ok(await client.gql<{ prints: Array<{ version: string; printId: string }> }>('query($a: ID!) { prints(applicationId: $a) { version printId } }', { a: applicationId }));
  return prints.filter((p) => p.printId === printId).map((p) => p.version);
}

describeEachDatabase('prints are reused until the data changes, and reviewers never print in the applicant\'s name', (database) => {
  let t: ProgrammeTestApp;
  let applicant: TestClient; let lixia: TestClient; let city: TestClient; let admin: TestClient;
  let applicationId: string;
  let stamped: string;

  beforeAll(async () => {
    t = await startProgrammeApp(database());
    await publishAndOpen(t.app, programmeId);
    applicant = await createApplicant(t.app, '济南泉企通企业服务有限公司');
    lixia = await createReviewer(t.app, 'jn-lixia');
    city = await createReviewer(t.app, 'jn-gxj');
    admin = await createProgrammeAdmin(t.app);
    applicationId = await draftFromFixture(t, applicant, programmeId);
  }, 60_000);
  afterAll(async () => t?.close());

  it('refuses an administrator a first print in the applicant\'s name, in both languages', async () => {
    const refused = await admin.gql('mutation($a: ID!) { requestPrint(applicationId: $a, printId: "declaration") { id } }', { a: applicationId });
    expect(errorCode(refused)).toBe('SB_ERR_PRINT_NOT_YET');
    expect(JSON.stringify(refused.errors)).toContain('尚未打印');
    expect(await printState(admin, applicationId, 'declaration')).toEqual({ latest: null, matchesData: false, mayCreate: false });
    expect(await versionsOf(applicant, applicationId, 'declaration')).toEqual([]);
  });

  it('gives the applicant the same version again while the data is unchanged, and a new one after an edit', async () => {
    const first = await printed(applicant, applicationId, 'declaration');
    const again = await requestPrint(applicant, applicationId, 'declaration');
    // Reused at once: no render, the same version and PDF.
    expect(again).toMatchObject({ status: 'done', version: first.version, attachmentId: first.attachmentId });
    expect(await printState(applicant, applicationId, 'declaration')).toEqual({
      latest: { version: first.version, attachmentId: first.attachmentId }, matchesData: true, mayCreate: true,
    });
    expect(await versionsOf(applicant, applicationId, 'declaration')).toEqual([first.version]);

    await resave(applicant, applicationId, 'enterprise', { platformName: '泉企通中小企业综合服务平台（改）' });
    expect(await printState(applicant, applicationId, 'declaration')).toMatchObject({ latest: { version: first.version }, matchesData: false });
    const edited = await printed(applicant, applicationId, 'declaration');
    expect(edited.version).not.toBe(first.version);
    expect(await versionsOf(applicant, applicationId, 'declaration')).toEqual([edited.version, first.version]);
    stamped = edited.version!;
  }, 120_000);

  it('answers two requests sent at once with one version', async () => {
    await resave(applicant, applicationId, 'enterprise', { platformName: '泉企通中小企业综合服务平台' });
    const [one, two] = await Promise.all([requestPrint(applicant, applicationId, 'declaration'), requestPrint(applicant, applicationId, 'declaration')]);
    const [doneOne, doneTwo] = [await waitForPrintJob(applicant, one.id), await waitForPrintJob(applicant, two.id)];
    expect(doneOne.version).toBe(doneTwo.version);
    expect(await versionsOf(applicant, applicationId, 'declaration')).toHaveLength(3);
    stamped = doneOne.version!;
  }, 120_000);

  it('gives the district reviewer the applicant\'s version: no new version, /verify still calls it the latest', async () => {
    ok(await submit(applicant, applicationId));
    const before = await versionsOf(applicant, applicationId, 'declaration');
    const opened = await requestPrint(lixia, applicationId, 'declaration');
    expect(opened).toMatchObject({ status: 'done', version: stamped });
    expect(await printState(lixia, applicationId, 'declaration')).toMatchObject({ latest: { version: stamped }, matchesData: true, mayCreate: false });
    expect(await versionsOf(lixia, applicationId, 'declaration')).toEqual(before);
    expect(await verifyPrint(t.app, stamped)).toMatchObject({ isLatest: true, dataChanged: false });
    // The PDF it points to is the applicant's, readable by the reviewer.
    const pdf = await t.app.inject({ method: 'GET', url: `/api/files/${opened.attachmentId}`, headers: lixia.headers() });
    expect(pdf.statusCode).toBe(200);
  });

  it('prints the district\'s 测评推荐表 from the city\'s later step, filled from the finished survey', async () => {
    const survey = await taskFor(lixia, applicationId, 'countySurvey');
    // Before the application reaches the city, the city may not print it at all.
    expect(errorCode(await city.gql('mutation($a: ID!) { requestPrint(applicationId: $a, printId: "survey") { id } }', { a: applicationId }))).toBe('SB_ERR_FORBIDDEN');
    // While open, the print is made from what the task holds: the district's draft, stored on the open task as the
    // task-form draft API (saveTaskDraft) keeps it. Written directly here, as that API lands on another branch.
    await t.app.services.db.update(tasks).set({ data: { platformName: '草稿中的平台名称', opinion: '测评进行中' } }).where(eq(tasks.id, survey.id));
    const duringTask = await printed(lixia, applicationId, 'survey', survey.id);
    const draftPdf = await t.app.inject({ method: 'GET', url: `/api/files/${duringTask.attachmentId}`, headers: lixia.headers() });
    expect((await pdfPages(draftPdf.rawPayload)).join('').replace(/\s+/g, '')).toContain('草稿中的平台名称');
    expect(await printState(lixia, applicationId, 'survey', survey.id)).toMatchObject({ latest: { version: duringTask.version }, matchesData: true, mayCreate: true });
    await t.app.services.db.update(tasks).set({ data: { platformName: '草稿中的平台名称（改）' } }).where(eq(tasks.id, survey.id));
    expect(await printState(lixia, applicationId, 'survey', survey.id)).toMatchObject({ matchesData: false, mayCreate: true });
    await decide(t, lixia, programmeId, applicationId, 'countySurvey', 'recommend');
    const scope = { programmeId, organisationId: 'jn-lixia', taskDefinitionId: 'countyReport' };
    ok(await setRanking(lixia, scope, [(await taskFor(lixia, applicationId, 'countyReport')).id]));
    ok(await reportRanking(lixia, scope));
    const decision = await taskFor(city, applicationId, 'cityDecision');

    // The city's own task has another form: the print shows the survey task (this failed with 审核表单 county-survey不存在).
    const afterStep = await printed(city, applicationId, 'survey', decision.id);
    expect(afterStep.version).not.toBe(duringTask.version);
    const pdf = await t.app.inject({ method: 'GET', url: `/api/files/${afterStep.attachmentId}`, headers: city.headers() });
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = (await pdfPages(pdf.rawPayload)).join('').replace(/\s+/g, '');
    for (const words of ['王磊总经理', '经测评，企业对平台服务满意度高，同意推荐']) expect(text).toContain(words);
    // Reused afterwards, from either unit's page.
    expect(await requestPrint(city, applicationId, 'survey', decision.id)).toMatchObject({ status: 'done', version: afterStep.version });
    expect(await requestPrint(lixia, applicationId, 'survey', survey.id)).toMatchObject({ status: 'done', version: afterStep.version });
    expect((await application(applicant, applicationId)).status).toBe('in_review');
  }, 180_000);
});
