/**
 * 第四批国家专业化众创空间备案示范 (江苏) through the GraphQL API, on both databases. Three spaces apply through two
 * 设区市科技局; each prints, stamps and uploads its book before submitting; one withdraws before its bureau acts; the
 * Nanjing bureau returns one with a reason and it is resubmitted, then approves it, prints and uploads the 主管部门信用
 * 承诺书 from inside its commitment task, and reports once; the Suzhou bureau rejects; the province centre receives,
 * the province reviews and reports, the ministry files; a late submit is refused; the book is read back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from './helpers/database.ts';
import { requestPrint, waitForPrintJob } from './helpers/print-steps.ts';
import { createApplicant, createReviewer, errorCode, ok, publishAndOpen, startProgrammeApp, type ProgrammeTestApp, type TestClient } from './helpers/programme-app.ts';
import {
  application, closeApplyWindow, completeTask, decide, draftFromFixture, inbox, printAndStamp, printStampAndReadBack, reportRanking, resave,
  setRanking, submit, taskFor, verifyPrint, withdraw,
} from './helpers/scenario-steps.ts';

const programmeId = 'national-specialised-makerspace-4th';

describeEachDatabase('scenario: national specialised makerspaces, 4th batch (Jiangsu)', (database) => {
  let t: ProgrammeTestApp;
  let a: TestClient; let b: TestClient; let c: TestClient;
  let nanjing: TestClient; let suzhou: TestClient; let centre: TestClient; let province: TestClient; let ministry: TestClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startProgrammeApp(database());
    await publishAndOpen(t.app, programmeId);
    a = await createApplicant(t.app, '南京江北芯创孵化器管理有限公司');
    b = await createApplicant(t.app, '苏州纳米城创业服务有限公司');
    c = await createApplicant(t.app, '南京麒麟科创孵化有限公司');
    nanjing = await createReviewer(t.app, 'js-nanjing-kjj');
    suzhou = await createReviewer(t.app, 'js-suzhou-kjj');
    centre = await createReviewer(t.app, 'js-gxcyzx');
    province = await createReviewer(t.app, 'js-kjt');
    ministry = await createReviewer(t.app, 'most');
    ids.a = await draftFromFixture(t, a, programmeId);
    ids.b = await draftFromFixture(t, b, programmeId, { basic: { cityBureau: 'js-suzhou-kjj', spaceName: '纳米技术专业化众创空间' } });
    ids.c = await draftFromFixture(t, c, programmeId, { basic: { spaceName: '智能制造专业化众创空间' } });
  });
  afterAll(async () => t?.close());

  it('submits only after the stamped scan of the printed book is uploaded', async () => {
    expect(errorCode(await submit(a, ids.a!))).toBe('SB_ERR_STAMPED_SCAN_REQUIRED');
    for (const [client, id] of [[a, ids.a], [b, ids.b], [c, ids.c]] as const) {
      await printAndStamp(t.app, client, id!, 'book');
      ok(await submit(client, id!));
    }
    expect((await inbox(nanjing)).map((i) => i.task.applicationId).sort()).toEqual([ids.a, ids.c].sort());
    expect((await inbox(suzhou)).map((i) => i.task.applicationId)).toEqual([ids.b]);
  });

  it('lets an applicant withdraw before its bureau acts', async () => {
    expect((await withdraw(c, ids.c!)).data?.withdrawApplication.status).toBe('draft');
    expect((await inbox(nanjing)).map((i) => i.task.applicationId)).toEqual([ids.a]);
  });

  it('the bureau returns with a reason; the applicant fixes, prints again and resubmits', async () => {
    const task = await taskFor(nanjing, ids.a!, 'cityReview');
    const review = { authenticity: '存在问题', meetsGuideline: '是', opinion: '导师人数与附表不一致' };
    expect(errorCode(await completeTask(nanjing, task.id, 'return', review))).toBe('SB_ERR_REASON_REQUIRED');
    ok(await completeTask(nanjing, task.id, 'return', review, '创业导师人数与导师名单不一致，请核实'));
    expect(await application(a, ids.a!)).toMatchObject({ status: 'returned', returnReason: '创业导师人数与导师名单不一致，请核实' });
    expect(errorCode(await withdraw(a, ids.a!))).toBe('SB_ERR_NOT_WITHDRAWABLE');
    await resave(a, ids.a!, 'basic', { mentorCount: 30 });
    expect(errorCode(await submit(a, ids.a!))).toBe('SB_ERR_STAMPED_SCAN_REQUIRED');
    await printAndStamp(t.app, a, ids.a!, 'book');
    ok(await submit(a, ids.a!));
    const history = (await application(nanjing, ids.a!)).history;
    expect(history.find((h) => h.action === 'resubmit')!.details.changes).toEqual([{ pointer: '/basic/mentorCount', before: 32, after: 30 }]);
  });

  it('the bureau approves, prints the 主管部门信用承诺书 from its commitment task and uploads it signed', async () => {
    await decide(t, nanjing, programmeId, ids.a!, 'cityReview', 'approve');
    const commitment = await taskFor(nanjing, ids.a!, 'cityCommitment');
    const job = await waitForPrintJob(nanjing, (await requestPrint(nanjing, ids.a!, 'authority-commitment', commitment.id)).id);
    expect(job).toMatchObject({ status: 'done' });
    expect(errorCode(await completeTask(nanjing, commitment.id, 'approve', { signedOn: '2020-07-20' }))).toBe('SB_ERR_VALIDATION');
    await decide(t, nanjing, programmeId, ids.a!, 'cityCommitment', 'approve');
  });

  it('the other bureau rejects', async () => {
    await decide(t, suzhou, programmeId, ids.b!, 'cityReview', 'reject', { authenticity: '存在问题', meetsGuideline: '否', opinion: '不属于专业化众创空间' });
    expect(await application(b, ids.b!)).toMatchObject({ status: 'completed', outcome: 'notRecommended' });
  });

  it('the bureau reports once', async () => {
    const scope = { programmeId, organisationId: 'js-nanjing-kjj', taskDefinitionId: 'cityReport' };
    ok(await setRanking(nanjing, scope, [(await taskFor(nanjing, ids.a!, 'cityReport')).id]));
    expect(ok(await reportRanking(nanjing, scope)).reportRanking).toEqual({ reported: 1, notReported: 0 });
    expect(errorCode(await reportRanking(nanjing, scope))).toBe('SB_ERR_ALREADY_REPORTED');
    expect((await application(a, ids.a!)).frozen).toBe(true);
  });

  it('the centre receives, the province reviews and reports, the ministry files: the decision and the history', async () => {
    await decide(t, centre, programmeId, ids.a!, 'centreReceipt', 'approve', { paperCopies: 2, electronicReceived: '是', receivedOn: '2020-07-30', opinion: '材料齐全' });
    await decide(t, province, programmeId, ids.a!, 'provinceReview', 'approve', { methods: ['实地调研', '材料评审'], opinion: '同意推荐' });
    const scope = { programmeId, organisationId: 'js-kjt', taskDefinitionId: 'provinceReport' };
    ok(await setRanking(province, scope, [(await taskFor(province, ids.a!, 'provinceReport')).id]));
    ok(await reportRanking(province, scope));
    await decide(t, ministry, programmeId, ids.a!, 'ministryDecision', 'file', { decidedOn: '2020-10-15', documentRef: '国科火字〔2020〕200号' });
    const done = await application(a, ids.a!);
    expect(done).toMatchObject({ status: 'completed', outcome: 'filed' });
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
