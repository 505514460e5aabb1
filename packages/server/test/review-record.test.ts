/**
 * What a later reviewer reads before deciding (issue 13 item 5), on both databases, with 2020 济南 SME platforms:
 * the city sees the district's survey form and its report (the stamped 测评推荐表 scan and the recommendation
 * letter) with the files' names, and may open the files; another district sees none of it; the applicant reads each
 * step's outcome and opinion (what the flow's notices tell) but not the units' forms or the files attached to them.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from './helpers/database.ts';
import { createApplicant, createReviewer, errorCode, ok, publishAndOpen, startProgrammeApp, type ProgrammeTestApp, type TestClient } from './helpers/programme-app.ts';
import { decide, draftFromFixture, reportRanking, setRanking, submit, taskFor } from './helpers/scenario-steps.ts';

const programmeId = 'jn-sme-platform-2020';

interface RecordView {
  files: Array<{ id: string; name: string; purpose: string; fieldPointer: string | null }>;
  tasks: Array<{ definitionId: string; status: string; outcome: string | null; organisationId: string; completedAt: string | null; data: Record<string, unknown> | null }>;
}

const RECORD = 'query($id: ID!) { application(id: $id) { files { id name purpose fieldPointer } tasks { definitionId status outcome organisationId completedAt data } } }';

describeEachDatabase('the record a later reviewer reads: earlier steps\' forms and files, by name', (database) => {
  let t: ProgrammeTestApp;
  let applicant: TestClient; let lixia: TestClient; let shizhong: TestClient; let city: TestClient;
  let applicationId: string;

  beforeAll(async () => {
    t = await startProgrammeApp(database());
    await publishAndOpen(t.app, programmeId);
    applicant = await createApplicant(t.app, '济南泉企通企业服务有限公司');
    lixia = await createReviewer(t.app, 'jn-lixia');
    shizhong = await createReviewer(t.app, 'jn-shizhong');
    city = await createReviewer(t.app, 'jn-gxj');
    applicationId = await draftFromFixture(t, applicant, programmeId);
    ok(await submit(applicant, applicationId));
    await decide(t, lixia, programmeId, applicationId, 'countySurvey', 'recommend');
    const scope = { programmeId, organisationId: 'jn-lixia', taskDefinitionId: 'countyReport' };
    ok(await setRanking(lixia, scope, [(await taskFor(lixia, applicationId, 'countyReport')).id]));
    ok(await reportRanking(lixia, scope));
  }, 120_000);
  afterAll(async () => t?.close());

  it('shows the city the district\'s survey and report with their files by name, and lets it open them', async () => {
    await taskFor(city, applicationId, 'cityDecision');
    const record = ok(await city.gql<{ application: RecordView }>(RECORD, { id: applicationId })).application;
    const survey = record.tasks.find((task) => task.definitionId === 'countySurvey')!;
    expect(survey).toMatchObject({ status: 'completed', outcome: 'recommend', organisationId: 'jn-lixia' });
    expect(survey.completedAt).toEqual(expect.any(String));
    expect((survey.data!.samples as unknown[]).length).toBeGreaterThanOrEqual(10);
    const report = record.tasks.find((task) => task.definitionId === 'countyReport')!;
    const letter = report.data!.recommendationDoc as string;
    const scan = report.data!.surveyForms as string;
    for (const id of [letter, scan]) {
      const file = record.files.find((f) => f.id === id);
      expect(file, `file ${id} listed`).toBeDefined();
      expect(file!.name).toMatch(/\S\.\w+$/);
      expect((await t.app.inject({ method: 'GET', url: `/api/files/${id}`, headers: city.headers() })).statusCode).toBe(200);
    }
    // The applicant's own section files are in the same list, by name.
    expect(record.files.filter((f) => f.purpose === 'section').length).toBeGreaterThan(0);
  });

  it('shows another district nothing: neither the record nor the files', async () => {
    expect(errorCode(await shizhong.gql(RECORD, { id: applicationId }))).toBe('SB_ERR_FORBIDDEN');
    const { application } = ok(await city.gql<{ application: RecordView }>(RECORD, { id: applicationId }));
    for (const file of application.files.slice(0, 3)) {
      expect((await t.app.inject({ method: 'GET', url: `/api/files/${file.id}`, headers: shizhong.headers() })).statusCode).toBe(403);
    }
  });

  it('tells the applicant each step\'s outcome but not the units\' forms or their files', async () => {
    const { application } = ok(await applicant.gql<{ application: RecordView }>(RECORD, { id: applicationId }));
    expect(application.tasks.find((task) => task.definitionId === 'countySurvey')).toMatchObject({ status: 'completed', outcome: 'recommend', data: null });
    expect(application.tasks.find((task) => task.definitionId === 'countyReport')).toMatchObject({ data: null });
    expect(application.files.map((f) => f.purpose).filter((p) => p === 'task' || p.startsWith('report:'))).toEqual([]);
    expect(application.files.filter((f) => f.purpose === 'section').length).toBeGreaterThan(0);
    // The city (a reviewer) reads the same steps with their forms.
    const seen = ok(await city.gql<{ application: RecordView }>(RECORD, { id: applicationId })).application;
    expect(seen.tasks.find((task) => task.definitionId === 'countySurvey')!.data).not.toBeNull();
    expect(seen.files.some((f) => f.purpose.startsWith('report:') || f.purpose === 'task')).toBe(true);
  });

  it('lists for the applicant only files the applicant may download', async () => {
    const { application } = ok(await applicant.gql<{ application: RecordView }>(RECORD, { id: applicationId }));
    expect(application.files.length).toBeGreaterThan(0);
    for (const file of application.files) {
      expect((await t.app.inject({ method: 'GET', url: `/api/files/${file.id}`, headers: applicant.headers() })).statusCode).toBe(200);
    }
  });
});
