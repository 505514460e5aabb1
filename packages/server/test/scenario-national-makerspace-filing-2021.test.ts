/**
 * 国家备案众创空间 2021 through the GraphQL API, on both databases. Two spaces apply to two accepting agencies
 * (受理机构); a submit is accepted once only; the notice gives no withdrawal after submitting; one agency returns an
 * application with a reason and it is resubmitted, the other rejects; the Torch centre files the first; a late submit
 * is refused after the window closes; the 申报书 is printed and read back by its version code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from './helpers/database.ts';
import { createApplicant, createReviewer, errorCode, ok, publishAndOpen, readFixture, startProgrammeApp, type ProgrammeTestApp, type TestClient } from './helpers/programme-app.ts';
import {
  application, closeApplyWindow, completeTask, decide, draftFromFixture, inbox, printStampAndReadBack, resave, submit, taskFor, verifyPrint, withdraw,
} from './helpers/scenario-steps.ts';

const programmeId = 'national-makerspace-filing-2021';

describeEachDatabase('scenario: national makerspace filing 2021', (database) => {
  let t: ProgrammeTestApp;
  let suzhou: TestClient; let beijing: TestClient;
  let jiangsuAgency: TestClient; let beijingAgency: TestClient; let torch: TestClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startProgrammeApp(database());
    await publishAndOpen(t.app, programmeId);
    suzhou = await createApplicant(t.app, '苏州星火创客科技服务有限公司');
    beijing = await createApplicant(t.app, '北京中关村创客汇有限公司');
    jiangsuAgency = await createReviewer(t.app, 'jiangsu-st');
    beijingAgency = await createReviewer(t.app, 'beijing-st');
    torch = await createReviewer(t.app, 'torch');
    ids.suzhou = await draftFromFixture(t, suzhou, programmeId, { basic: { acceptingAgency: 'jiangsu-st' } });
    ids.beijing = await draftFromFixture(t, beijing, programmeId, { basic: { acceptingAgency: 'beijing-st', carrierName: '中关村创客汇众创空间' } });
  });
  afterAll(async () => t?.close());

  it('accepts a submit once, however often it is sent', async () => {
    const results = await Promise.all([submit(suzhou, ids.suzhou!), submit(suzhou, ids.suzhou!)]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map(errorCode)).toEqual(['SB_ERR_ALREADY_SUBMITTED']);
    ok(await submit(beijing, ids.beijing!));
    expect(await application(suzhou, ids.suzhou!)).toMatchObject({ status: 'in_review', frozen: true });
  });

  it('gives no withdrawal once submitted (the notice has none)', async () => {
    expect(errorCode(await withdraw(suzhou, ids.suzhou!))).toBe('SB_ERR_NOT_WITHDRAWABLE');
    expect((await application(suzhou, ids.suzhou!)).status).toBe('in_review');
  });

  it('shows each application only to the agency the applicant chose', async () => {
    expect((await inbox(jiangsuAgency)).map((i) => i.task.applicationId)).toEqual([ids.suzhou]);
    expect((await inbox(beijingAgency)).map((i) => i.task.applicationId)).toEqual([ids.beijing]);
    expect(await inbox(torch)).toEqual([]);
    expect(errorCode(await beijingAgency.gql('query($id: ID!) { application(id: $id) { id } }', { id: ids.suzhou }))).toBe('SB_ERR_FORBIDDEN');
  });

  it('returns with a reason; the applicant revises and resubmits; the change is in the history', async () => {
    const task = await taskFor(jiangsuAgency, ids.suzhou!, 'agencyReview');
    expect(errorCode(await completeTask(jiangsuAgency, task.id, 'return', { paperReceived: '否', opinion: '请补充' }))).toBe('SB_ERR_REASON_REQUIRED');
    ok(await completeTask(jiangsuAgency, task.id, 'return', { paperReceived: '否', opinion: '发展目标不具体' }, '发展思路、目标及措施过于笼统，请量化目标'));
    const returned = await application(suzhou, ids.suzhou!);
    expect(returned).toMatchObject({ status: 'returned', returnReason: '发展思路、目标及措施过于笼统，请量化目标' });

    const fixture = await readFixture(programmeId);
    const plan = { content: `${String(fixture.data.plan!.content)}\n量化目标：三年内孵化企业80家，其中科技型中小企业30家。` };
    await resave(suzhou, ids.suzhou!, 'plan', plan);
    ok(await submit(suzhou, ids.suzhou!));
    const resubmitted = await application(jiangsuAgency, ids.suzhou!);
    expect(resubmitted.status).toBe('in_review');
    const changes = resubmitted.history.find((h) => h.action === 'resubmit')!.details.changes as Array<{ pointer: string }>;
    expect(changes.map((c) => c.pointer)).toEqual(['/plan/content']);
  });

  it('the other agency rejects; its application ends not recommended', async () => {
    await decide(t, beijingAgency, programmeId, ids.beijing!, 'agencyReview', 'reject', { opinion: '服务场地不符合条件' });
    expect(await application(beijing, ids.beijing!)).toMatchObject({ status: 'completed', outcome: 'notRecommended' });
  });

  it('the agency approves and the Torch centre files it: the final decision and the history', async () => {
    await decide(t, jiangsuAgency, programmeId, ids.suzhou!, 'agencyReview', 'approve');
    expect((await inbox(torch)).map((i) => i.task.applicationId)).toEqual([ids.suzhou]);
    await decide(t, torch, programmeId, ids.suzhou!, 'torchReview', 'recognise');
    const done = await application(suzhou, ids.suzhou!);
    expect(done).toMatchObject({ status: 'completed', outcome: 'recognised' });
    expect(done.history.map((h) => h.action)).toEqual(expect.arrayContaining(['create', 'submit', 'return', 'resubmit', 'task.complete', 'decided']));
    expect(done.history.find((h) => h.action === 'return')!.opinion).toBe('发展思路、目标及措施过于笼统，请量化目标');
  });

  it('prints the 申报书 and reads it back by its version code', async () => {
    const version = await printStampAndReadBack(t, suzhou, ids.suzhou!, 'book');
    const answer = await verifyPrint(t.app, version);
    expect(answer).toMatchObject({ version, dataChanged: false, applicationNumber: (await application(suzhou, ids.suzhou!)).number });
  });

  describe('after the window closes', () => {
    it('refuses a submit and keeps the draft', async () => {
      const late = await createApplicant(t.app, '天津晚到众创空间');
      const id = await draftFromFixture(t, late, programmeId, { basic: { acceptingAgency: 'tianjin-st' } });
      await closeApplyWindow(t.app, programmeId);
      expect(errorCode(await submit(late, id))).toBe('SB_ERR_WINDOW_CLOSED');
      expect((await application(late, id)).status).toBe('draft');
    });
  });
});
