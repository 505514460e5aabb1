/**
 * 2020 济南市中小企业公共服务示范平台认定 through the GraphQL API, on both databases. Three platforms apply through two
 * district bureaus (历下区, 市中区); a submit is accepted once only; the notice gives no withdrawal or return (the
 * district surveys and recommends or not); the 历下 bureau prints its 测评推荐表 from inside the survey task, does
 * not recommend one, and reports once, leaving one recommended platform out; the city recognises one and rejects the other; a late submit is refused; the
 * 真实性声明 is printed and read back by its version code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from './helpers/database.ts';
import { createApplicant, createReviewer, errorCode, ok, publishAndOpen, startProgrammeApp, type ProgrammeTestApp, type TestClient } from './helpers/programme-app.ts';
import {
  application, closeApplyWindow, decide, draftFromFixture, inbox, printAndReadBack, reportRanking, setRanking, submit, taskFor, verifyPrint, withdraw,
} from './helpers/scenario-steps.ts';

const programmeId = 'jn-sme-platform-2020';

describeEachDatabase('scenario: Jinan SME public service platforms 2020', (database) => {
  let t: ProgrammeTestApp;
  let a: TestClient; let b: TestClient; let c: TestClient; let d: TestClient;
  let lixia: TestClient; let shizhong: TestClient; let city: TestClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startProgrammeApp(database());
    await publishAndOpen(t.app, programmeId);
    a = await createApplicant(t.app, '济南泉企通企业服务有限公司');
    b = await createApplicant(t.app, '济南市中创服科技有限公司');
    c = await createApplicant(t.app, '历下企服通信息咨询有限公司');
    d = await createApplicant(t.app, '历下数智企业服务有限公司');
    lixia = await createReviewer(t.app, 'jn-lixia');
    shizhong = await createReviewer(t.app, 'jn-shizhong');
    city = await createReviewer(t.app, 'jn-gxj');
    ids.a = await draftFromFixture(t, a, programmeId);
    ids.b = await draftFromFixture(t, b, programmeId, { enterprise: { county: 'jn-shizhong', platformName: '市中区中小企业服务平台', uscc: '91370103MA3C5XKL4Y' } });
    ids.c = await draftFromFixture(t, c, programmeId, { enterprise: { platformName: '历下企服通平台' } });
    ids.d = await draftFromFixture(t, d, programmeId, { enterprise: { platformName: '历下数智服务平台' } });
  });
  afterAll(async () => t?.close());

  it('accepts a submit once, however often it is sent', async () => {
    const results = await Promise.all([submit(a, ids.a!), submit(a, ids.a!)]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map(errorCode)).toEqual(['SB_ERR_ALREADY_SUBMITTED']);
    ok(await submit(b, ids.b!));
    ok(await submit(c, ids.c!));
    ok(await submit(d, ids.d!));
    expect((await inbox(lixia)).map((i) => i.task.applicationId).sort()).toEqual([ids.a, ids.c, ids.d].sort());
    expect((await inbox(shizhong)).map((i) => i.task.applicationId)).toEqual([ids.b]);
    expect(errorCode(await shizhong.gql('query($id: ID!) { application(id: $id) { id } }', { id: ids.a }))).toBe('SB_ERR_FORBIDDEN');
  });

  it('gives no withdrawal once submitted (the notice has none)', async () => {
    expect(errorCode(await withdraw(a, ids.a!))).toBe('SB_ERR_NOT_WITHDRAWABLE');
    expect(await application(a, ids.a!)).toMatchObject({ status: 'in_review', frozen: true });
  });

  it('the district prints its 测评推荐表 from inside the survey task, recommends one and not the other', async () => {
    const survey = await taskFor(lixia, ids.a!, 'countySurvey');
    await printAndReadBack(t, lixia, ids.a!, 'survey', survey.id);
    await decide(t, lixia, programmeId, ids.a!, 'countySurvey', 'recommend');
    await decide(t, lixia, programmeId, ids.c!, 'countySurvey', 'notRecommend', { opinion: '服务对象满意度偏低，暂不推荐' });
    expect(await application(c, ids.c!)).toMatchObject({ status: 'completed', outcome: 'notRecommended' });
    await decide(t, lixia, programmeId, ids.d!, 'countySurvey', 'recommend', { platformName: '历下数智服务平台' });
    await decide(t, shizhong, programmeId, ids.b!, 'countySurvey', 'recommend', { platformName: '市中区中小企业服务平台' });
  });

  it('each district reports once; a recommended platform it leaves out of the report ends not recommended', async () => {
    const lixiaScope = { programmeId, organisationId: 'jn-lixia', taskDefinitionId: 'countyReport' };
    ok(await setRanking(lixia, lixiaScope, [(await taskFor(lixia, ids.a!, 'countyReport')).id]));
    expect(ok(await reportRanking(lixia, lixiaScope)).reportRanking).toEqual({ reported: 1, notReported: 1 });
    expect(errorCode(await reportRanking(lixia, lixiaScope))).toBe('SB_ERR_ALREADY_REPORTED');
    expect(await application(d, ids.d!)).toMatchObject({ status: 'completed', outcome: 'notRecommended' });
    const shizhongScope = { programmeId, organisationId: 'jn-shizhong', taskDefinitionId: 'countyReport' };
    ok(await setRanking(shizhong, shizhongScope, [(await taskFor(shizhong, ids.b!, 'countyReport')).id]));
    ok(await reportRanking(shizhong, shizhongScope));
    expect((await inbox(city)).map((i) => i.task.applicationId).sort()).toEqual([ids.a, ids.b].sort());
  });

  it('the city recognises one and rejects the other: the final decisions and the history', async () => {
    await decide(t, city, programmeId, ids.a!, 'cityDecision', 'recognise', { decidedOn: '2020-12-20', documentRef: '济工信字〔2020〕88号' });
    await decide(t, city, programmeId, ids.b!, 'cityDecision', 'reject', { decidedOn: '2020-12-20', opinion: '服务能力不足' });
    const done = await application(a, ids.a!);
    expect(done).toMatchObject({ status: 'completed', outcome: 'recognised' });
    expect(await application(b, ids.b!)).toMatchObject({ status: 'completed', outcome: 'notRecognised' });
    expect(done.history.map((h) => h.action)).toEqual(expect.arrayContaining(['create', 'submit', 'task.complete', 'report', 'decided']));
  });

  it('prints the 真实性声明 and reads it back by its version code', async () => {
    const version = await printAndReadBack(t, a, ids.a!, 'declaration');
    expect(await verifyPrint(t.app, version)).toMatchObject({ version, dataChanged: false, applicationNumber: (await application(a, ids.a!)).number });
  });

  describe('after the window closes', () => {
    it('refuses a submit and keeps the draft', async () => {
      const late = await createApplicant(t.app, '天桥晚到服务平台公司');
      const id = await draftFromFixture(t, late, programmeId, { enterprise: { county: 'jn-tianqiao' } });
      await closeApplyWindow(t.app, programmeId);
      expect(errorCode(await submit(late, id))).toBe('SB_ERR_WINDOW_CLOSED');
      expect((await application(late, id)).status).toBe('draft');
    });
  });
});
