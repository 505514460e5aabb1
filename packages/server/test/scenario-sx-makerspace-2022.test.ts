/**
 * 2022 山西省省级众创空间认定 through the GraphQL API, on both databases. Three spaces apply through two recommending
 * units (太原市科技局, 晋中市科技局); the application book is printed, stamped and uploaded before submitting; one
 * applicant withdraws before the form check; the form check returns one with a reason and it is resubmitted; the
 * unit checks on site (附件3 printed from inside the task), recommends and reports once; the other unit rejects;
 * the province spot-checks, reviews, publishes and certifies; a late submit is refused; the book is read back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from './helpers/database.ts';
import { requestPrint, waitForPrintJob } from './helpers/print-steps.ts';
import { createApplicant, createReviewer, errorCode, ok, publishAndOpen, startProgrammeApp, type ProgrammeTestApp, type TestClient } from './helpers/programme-app.ts';
import {
  application, closeApplyWindow, completeTask, decide, draftFromFixture, inbox, printAndStamp, printStampAndReadBack, reportRanking, resave,
  setRanking, submit, taskFor, verifyPrint, withdraw,
} from './helpers/scenario-steps.ts';

const programmeId = 'sx-makerspace-2022';
const formCheck = { materialsComplete: '是', paperCopies: 5, opinion: '材料齐全' };

describeEachDatabase('scenario: Shanxi provincial makerspaces 2022', (database) => {
  let t: ProgrammeTestApp;
  let a: TestClient; let b: TestClient; let c: TestClient;
  let taiyuan: TestClient; let jinzhong: TestClient; let province: TestClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startProgrammeApp(database());
    await publishAndOpen(t.app, programmeId);
    a = await createApplicant(t.app, '山西晋阳创新孵化器有限公司');
    b = await createApplicant(t.app, '晋中榆次创客空间有限公司');
    c = await createApplicant(t.app, '太原小店创业服务有限公司');
    taiyuan = await createReviewer(t.app, 'sx-taiyuan-kjj');
    jinzhong = await createReviewer(t.app, 'sx-jinzhong-kjj');
    province = await createReviewer(t.app, 'sx-kjt');
    ids.a = await draftFromFixture(t, a, programmeId);
    ids.b = await draftFromFixture(t, b, programmeId, { cover: { recommender: 'sx-jinzhong-kjj' } });
    ids.c = await draftFromFixture(t, c, programmeId);
  });
  afterAll(async () => t?.close());

  it('submits only after the stamped scan of the printed book is uploaded', async () => {
    expect(errorCode(await submit(a, ids.a!))).toBe('SB_ERR_STAMPED_SCAN_REQUIRED');
    for (const [client, id] of [[a, ids.a], [b, ids.b], [c, ids.c]] as const) {
      await printAndStamp(t.app, client, id!, 'book');
      ok(await submit(client, id!));
    }
    expect((await inbox(taiyuan)).map((i) => i.task.applicationId).sort()).toEqual([ids.a, ids.c].sort());
    expect((await inbox(jinzhong)).map((i) => i.task.applicationId)).toEqual([ids.b]);
  });

  it('lets an applicant withdraw before the form check', async () => {
    expect((await withdraw(c, ids.c!)).data?.withdrawApplication.status).toBe('draft');
    expect((await inbox(taiyuan)).map((i) => i.task.applicationId)).toEqual([ids.a]);
  });

  it('the form check returns with a reason; the applicant fixes, prints again and resubmits', async () => {
    const task = await taskFor(taiyuan, ids.a!, 'formCheck');
    ok(await completeTask(taiyuan, task.id, 'return', { ...formCheck, materialsComplete: '否' }, '缺少近两年财务报表'));
    expect(await application(a, ids.a!)).toMatchObject({ status: 'returned', returnReason: '缺少近两年财务报表' });
    expect(errorCode(await withdraw(a, ids.a!))).toBe('SB_ERR_NOT_WITHDRAWABLE');
    await resave(a, ids.a!, 'cover', { fillDate: '2022-06-25' });
    expect(errorCode(await submit(a, ids.a!))).toBe('SB_ERR_STAMPED_SCAN_REQUIRED');
    await printAndStamp(t.app, a, ids.a!, 'book');
    ok(await submit(a, ids.a!));
    const history = (await application(taiyuan, ids.a!)).history;
    expect((history.find((h) => h.action === 'resubmit')!.details.changes as Array<{ pointer: string }>).map((c) => c.pointer)).toEqual(['/cover/fillDate']);
  });

  it('checks on site, prints 附件3 from inside the task, and recommends', async () => {
    await decide(t, taiyuan, programmeId, ids.a!, 'formCheck', 'approve', formCheck);
    const onsite = await taskFor(taiyuan, ids.a!, 'onsiteCheck');
    await decide(t, taiyuan, programmeId, ids.a!, 'onsiteCheck', 'approve');
    const job = await waitForPrintJob(taiyuan, (await requestPrint(taiyuan, ids.a!, 'onsite-check', onsite.id)).id);
    expect(job).toMatchObject({ status: 'done' });
    await decide(t, taiyuan, programmeId, ids.a!, 'recommendOpinion', 'recommend');
  });

  it('the other unit rejects at the form check', async () => {
    await decide(t, jinzhong, programmeId, ids.b!, 'formCheck', 'reject', { ...formCheck, materialsComplete: '否', opinion: '不符合认定条件' });
    expect(await application(b, ids.b!)).toMatchObject({ status: 'completed', outcome: 'notRecommended' });
  });

  it('the unit reports once', async () => {
    const scope = { programmeId, organisationId: 'sx-taiyuan-kjj', taskDefinitionId: 'reportUp' };
    const report = await taskFor(taiyuan, ids.a!, 'reportUp');
    ok(await setRanking(taiyuan, scope, [report.id]));
    expect(ok(await reportRanking(taiyuan, scope)).reportRanking).toEqual({ reported: 1, notReported: 0 });
    expect(errorCode(await reportRanking(taiyuan, scope))).toBe('SB_ERR_ALREADY_REPORTED');
    expect((await application(a, ids.a!)).frozen).toBe(true);
  });

  it('the unit’s recommendation letter travels with the application: the province opens it, another unit cannot', async () => {
    const { application: seen } = ok(await province.gql<{ application: { tasks: Array<{ definitionId: string; data: Record<string, unknown> | null }> } }>(
      'query($id: ID!) { application(id: $id) { tasks { definitionId data } } }', { id: ids.a }));
    const letter = seen.tasks.find((x) => x.definitionId === 'reportUp')!.data!.letter as string;
    expect(letter).toMatch(/\S/);
    expect((await t.app.inject({ method: 'GET', url: `/api/files/${letter}`, headers: province.headers() })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/files/${letter}`, headers: jinzhong.headers() })).statusCode).toBe(403);
  });

  it('the province spot-checks, reviews, publishes and certifies: the final decision and the history', async () => {
    await decide(t, province, programmeId, ids.a!, 'spotCheck', 'approve', { sampled: '否', findings: '未抽中，材料审查无异常' });
    await decide(t, province, programmeId, ids.a!, 'expertReview', 'approve', { reviewDate: '2022-07-20', score: 88, opinion: '同意认定' });
    await decide(t, province, programmeId, ids.a!, 'publicNotice', 'approve', { startDate: '2022-08-01', endDate: '2022-08-07', objection: '否' });
    await decide(t, province, programmeId, ids.a!, 'confirm', 'recognise', { documentRef: '晋科函〔2022〕99号', confirmDate: '2022-08-15' });
    const done = await application(a, ids.a!);
    expect(done).toMatchObject({ status: 'completed', outcome: 'certified' });
    expect(done.history.map((h) => h.action)).toEqual(expect.arrayContaining(['create', 'submit', 'return', 'resubmit', 'task.complete', 'report', 'decided']));
  });

  it('reads the printed book back by its version code', async () => {
    const version = await printStampAndReadBack(t, a, ids.a!, 'book');
    expect(await verifyPrint(t.app, version)).toMatchObject({ version, dataChanged: false, applicationNumber: (await application(a, ids.a!)).number });
  });

  describe('after the window closes', () => {
    it('refuses the withdrawn application when it is submitted again', async () => {
      await closeApplyWindow(t.app, programmeId);
      expect(errorCode(await submit(c, ids.c!))).toBe('SB_ERR_WINDOW_CLOSED');
      expect((await application(c, ids.c!)).status).toBe('draft');
    });
  });
});
