/**
 * The Shandong maker-home flow through the GraphQL API, on both databases: print and stamp the form, submit,
 * withdraw, return and resubmit, approve (the stamped book and site-visit date required only then), rank within the
 * city quota, report once, province review and the final decision, a submit refused after the window closes, and the
 * printed form read back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from './helpers/database.ts';
import { uploadFile, uploadTaskAttachments } from './helpers/fixture-uploads.ts';
import { STAMPED_SCAN_PDF } from './helpers/print-steps.ts';
import {
  createApplicant, createReviewer, errorCode, ok, publishAndOpen, readFixture, startProgrammeApp,
  type ProgrammeTestApp, type TestClient,
} from './helpers/programme-app.ts';
import { closeApplyWindow, draftFromFixture as fillFromFixture, printAndStamp, printStampAndReadBack, verifyPrint } from './helpers/scenario-steps.ts';

const programmeId = 'sd-maker-home-2020';

const APPLICATION = `id number data status revision sectionRevisions returnReason frozen outcome
  tasks { id definitionId status outcome kind organisationId }
  history { action outcome opinion taskName details }`;

async function submit(client: TestClient, applicationId: string) {
  return client.gql<{ submitApplication: { status: string } }>('mutation($a: ID!) { submitApplication(applicationId: $a) { status } }', { a: applicationId });
}

async function inbox(client: TestClient) {
  return ok(await client.gql<{ inbox: Array<{ task: { id: string; applicationId: string; definitionId: string; outcomes: string[] }; applicationNumber: string }> }>(
    '{ inbox { applicationNumber task { id applicationId definitionId outcomes } } }')).inbox;
}

async function application(client: TestClient, id: string) {
  return ok(await client.gql<{ application: Record<string, unknown> & { status: string; tasks: Array<{ id: string; definitionId: string; status: string }>; history: Array<{ action: string; details: Record<string, unknown> }> } }>(
    `query($id: ID!) { application(id: $id) { ${APPLICATION} } }`, { id })).application;
}

const recommendForm = { contactName: '张主任', contactMobile: '13905310001', contactPhone: '0531-86001234', opinion: '同意推荐' };
/** On approve the recommender also uploads the stamped book and gives the site-visit date. */
const approveForm = { ...recommendForm, stampedBook: 'att-stamped-book', siteVisitedOn: '2026-03-05' };

describeEachDatabase('Shandong maker homes through the API', (database) => {
  let t: ProgrammeTestApp;
  const draftFromFixture = (client: TestClient, recommender: string) => fillFromFixture(t, client, programmeId, { service: { recommender } });
  const printed = (client: TestClient, applicationId: string) => printAndStamp(t.app, client, applicationId, 'book');
  beforeAll(async () => {
    t = await startProgrammeApp(database());
    await publishAndOpen(t.app, programmeId);
  });
  afterAll(async () => t?.close());

  describe('one round', () => {
    let a: TestClient; let b: TestClient; let c: TestClient;
    let jinan: TestClient; let qingdao: TestClient; let province: TestClient;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      a = await createApplicant(t.app, '泉城创客汇');
      b = await createApplicant(t.app, '齐鲁众创空间');
      c = await createApplicant(t.app, '历下创新工场');
      jinan = await createReviewer(t.app, 'jinan-kx');
      qingdao = await createReviewer(t.app, 'qingdao-kx');
      province = await createReviewer(t.app, 'sd-kx');
      ids.a = await draftFromFixture(a, 'jinan-kx');
      ids.b = await draftFromFixture(b, 'jinan-kx');
      ids.c = await draftFromFixture(c, 'jinan-kx');
    });

    it('refuses a submit before the stamped scan of the printed form is uploaded', async () => {
      expect(errorCode(await submit(a, ids.a!))).toBe('SB_ERR_STAMPED_SCAN_REQUIRED');
      await printed(a, ids.a!);
      await printed(b, ids.b!);
      await printed(c, ids.c!);
    });

    it('submits once, however often the same submit is sent', async () => {
      const results = await Promise.all([submit(a, ids.a!), submit(a, ids.a!), submit(a, ids.a!)]);
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      expect(results.filter((r) => r.errors).map(errorCode)).toEqual(['SB_ERR_ALREADY_SUBMITTED', 'SB_ERR_ALREADY_SUBMITTED']);
      ok(await submit(b, ids.b!));
      ok(await submit(c, ids.c!));
      expect((await application(a, ids.a!)).status).toBe('in_review');
    });

    it('shows the tasks only to the unit the applicant chose', async () => {
      expect((await inbox(jinan)).map((i) => i.task.applicationId).sort()).toEqual([ids.a, ids.b, ids.c].sort());
      expect(await inbox(qingdao)).toEqual([]);
      const foreign = await qingdao.gql(`query($id: ID!) { application(id: $id) { id } }`, { id: ids.a });
      expect(errorCode(foreign)).toBe('SB_ERR_FORBIDDEN');
    });

    it('lets the applicant withdraw before the unit acts, and submit again', async () => {
      const withdrawn = ok(await c.gql<{ withdrawApplication: { status: string } }>('mutation($a: ID!) { withdrawApplication(applicationId: $a) { status } }', { a: ids.c }));
      expect(withdrawn.withdrawApplication.status).toBe('draft');
      expect((await inbox(jinan)).map((i) => i.task.applicationId)).not.toContain(ids.c);
      ok(await submit(c, ids.c!));
      expect((await application(c, ids.c!)).history.map((h) => h.action)).toEqual(expect.arrayContaining(['withdraw']));
    });

    it('returns with a required reason; the applicant fixes and resubmits; the reviewer sees what changed', async () => {
      const task = (await inbox(jinan)).find((i) => i.task.applicationId === ids.a)!.task;
      const noReason = await jinan.gql('mutation($t: ID!, $d: JSON) { completeTask(taskId: $t, outcome: "return", data: $d) { id } }', { t: task.id, d: recommendForm });
      expect(errorCode(noReason)).toBe('SB_ERR_REASON_REQUIRED');
      ok(await jinan.gql('mutation($t: ID!, $d: JSON, $r: String) { completeTask(taskId: $t, outcome: "return", data: $d, reason: $r) { id } }',
        { t: task.id, d: recommendForm, r: '场地面积证明不清晰，请重新上传' }));
      const returned = await application(a, ids.a!);
      expect(returned.status).toBe('returned');
      expect(returned.returnReason).toBe('场地面积证明不清晰，请重新上传');
      const withdrawAfterAction = await a.gql('mutation($a: ID!) { withdrawApplication(applicationId: $a) { status } }', { a: ids.a });
      expect(errorCode(withdrawAfterAction)).toBe('SB_ERR_NOT_WITHDRAWABLE');

      const fixture = await readFixture(programmeId);
      const revision = (returned.sectionRevisions as Record<string, number>).infrastructure!;
      // The saved data holds the ids of the files uploaded for this application (the fixture's are placeholders).
      const saved = returned.data as Record<string, Record<string, unknown>>;
      // A new 场地面积证明 too: the reviewer is told its name, not its id.
      const newProof = await uploadFile(t.app, a, { purpose: 'section', applicationId: ids.a!, fieldPointer: '/infrastructure/siteAreaProof' }, { name: '场地面积证明-补充.pdf', bytes: STAMPED_SCAN_PDF });
      const oldProof = saved.infrastructure!.siteAreaProof as string;
      ok(await a.gql('mutation($a: ID!, $d: JSON!, $r: Int!) { saveSection(applicationId: $a, sectionId: "infrastructure", data: $d, sectionRevision: $r) { sectionRevision } }',
        { a: ids.a, d: { ...saved.infrastructure, siteArea: 888, siteAreaProof: newProof }, r: revision }));
      const stale = await a.gql('mutation($a: ID!, $d: JSON!, $r: Int!) { saveSection(applicationId: $a, sectionId: "infrastructure", data: $d, sectionRevision: $r) { sectionRevision } }',
        { a: ids.a, d: saved.infrastructure, r: revision });
      expect(errorCode(stale)).toBe('SB_ERR_CONFLICT');
      // The stamped form no longer matches the data: print, stamp and upload again before resubmitting.
      expect(errorCode(await submit(a, ids.a!))).toBe('SB_ERR_STAMPED_SCAN_REQUIRED');
      await printed(a, ids.a!);
      ok(await submit(a, ids.a!));
      const history = (await application(jinan, ids.a!)).history;
      const resubmit = history.find((h) => h.action === 'resubmit')!;
      expect(resubmit.details.changes).toEqual([
        { pointer: '/infrastructure/siteArea', before: fixture.data.infrastructure!.siteArea, after: 888 },
        { pointer: '/infrastructure/siteAreaProof', before: oldProof, after: newProof },
      ]);
      expect(resubmit.details.files).toEqual({ [oldProof]: `${fixture.data.infrastructure!.siteAreaProof as string}.png`, [newProof]: '场地面积证明-补充.pdf' });
    });

    it('approves only with the stamped book and the site-visit date', async () => {
      const item = (await inbox(jinan)).find((i) => i.task.applicationId === ids.a)!;
      const bare = await jinan.gql('mutation($t: ID!, $d: JSON) { completeTask(taskId: $t, outcome: "approve", data: $d) { id } }', { t: item.task.id, d: recommendForm });
      expect(errorCode(bare)).toBe('SB_ERR_VALIDATION');
      expect(Object.keys((bare.errors![0]!.extensions as { details: { fields: Record<string, unknown> } }).details.fields).sort()).toEqual(['/siteVisitedOn', '/stampedBook']);
    });

    it('approves all three, then ranks within the city quota of 2 and reports once', async () => {
      for (const item of await inbox(jinan)) {
        const data = await uploadTaskAttachments(t.app, jinan, item.task.applicationId, programmeId, 'recommend-review', approveForm);
        ok(await jinan.gql('mutation($t: ID!, $d: JSON) { completeTask(taskId: $t, outcome: "approve", data: $d) { id } }', { t: item.task.id, d: data }));
      }
      const waiting = await inbox(jinan);
      expect(waiting.map((i) => i.task.definitionId)).toEqual(['report', 'report', 'report']);
      const scope = { programmeId, organisationId: 'jinan-kx', taskDefinitionId: 'report' };
      const byApp = new Map(waiting.map((i) => [i.task.applicationId, i.task.id]));
      const overQuota = await jinan.gql('mutation($s: RankingScope!, $t: [ID!]!) { setRanking(scope: $s, taskIds: $t) { quota } }',
        { s: scope, t: [byApp.get(ids.b!), byApp.get(ids.a!), byApp.get(ids.c!)] });
      expect(errorCode(overQuota)).toBe('SB_ERR_QUOTA_EXCEEDED');
      const ranked = ok(await jinan.gql<{ setRanking: { quota: number; candidates: Array<{ applicationId: string; applicantName: string; rank: number | null }> } }>(
        'mutation($s: RankingScope!, $t: [ID!]!) { setRanking(scope: $s, taskIds: $t) { quota candidates { applicationId applicantName rank } } }',
        { s: scope, t: [byApp.get(ids.b!), byApp.get(ids.a!)] }));
      expect(ranked.setRanking.quota).toBe(2);
      // The candidates by organisation name, not only by number.
      expect(Object.fromEntries(ranked.setRanking.candidates.map((candidate) => [candidate.applicationId, candidate.applicantName])))
        .toEqual({ [ids.a!]: '泉城创客汇', [ids.b!]: '齐鲁众创空间', [ids.c!]: '历下创新工场' });
      const reports = await Promise.all([1, 2, 3].map(() => jinan.gql<{ reportRanking: { reported: number; notReported: number } }>(
        'mutation($s: RankingScope!) { reportRanking(scope: $s) { reported notReported } }', { s: scope })));
      const winners = reports.filter((r) => !r.errors);
      expect(winners).toHaveLength(1);
      expect(winners[0]!.data!.reportRanking).toEqual({ reported: 2, notReported: 1 });
      expect(reports.filter((r) => r.errors).map(errorCode)).toEqual(['SB_ERR_ALREADY_REPORTED', 'SB_ERR_ALREADY_REPORTED']);
      expect((await application(c, ids.c!))).toMatchObject({ status: 'completed', outcome: 'notReported' });
    });

    it('goes through province review, expert review and the decision', async () => {
      const decide = async (outcome: string, data: Record<string, unknown>, applicationId: string) => {
        const item = (await inbox(province)).find((i) => i.task.applicationId === applicationId)!;
        ok(await province.gql('mutation($t: ID!, $o: String!, $d: JSON) { completeTask(taskId: $t, outcome: $o, data: $d) { id } }', { t: item.task.id, o: outcome, d: data }));
        return item.task.definitionId;
      };
      expect(await decide('approve', { paperReceived: '是', opinion: '材料齐全' }, ids.a!)).toBe('provinceReview');
      expect(await decide(await firstOutcome(province, ids.a!), { score: 92, opinion: '运营成熟' }, ids.a!)).toBe('expertReview');
      expect(await decide('recognise', { opinion: '予以认定' }, ids.a!)).toBe('decision');
      expect(await application(a, ids.a!)).toMatchObject({ status: 'completed', outcome: 'recognised' });
      expect(await decide('reject', { paperReceived: '是', opinion: '场地不符合要求' }, ids.b!)).toBe('provinceReview');
      expect(await application(b, ids.b!)).toMatchObject({ status: 'completed', outcome: 'notRecommended' });
      const actions = (await application(a, ids.a!)).history.map((h) => h.action);
      expect(actions).toEqual(expect.arrayContaining(['create', 'submit', 'return', 'resubmit', 'task.complete', 'report', 'decided']));
    // Every state change is also in the append-only audit trail.
    const audited = await t.app.services.audit.list({ limit: 500 });
    const mine = audited.filter((e) => e.subjectId === ids.a);
    expect(mine.map((e) => e.action)).toEqual(expect.arrayContaining(['application.submit', 'application.return', 'application.resubmit', 'application.decided']));
    });

    it('reads the printed form back: the PDF, and the verification of its version code', async () => {
      const version = await printStampAndReadBack(t, a, ids.a!, 'book');
      const answer = await verifyPrint(t.app, version);
      expect(answer).toMatchObject({ version, dataChanged: false });
      expect(answer.applicationNumber).toBe((await application(a, ids.a!)).number);
    });

    it('refuses a submit once the apply window has closed', async () => {
      const late = await createApplicant(t.app, '槐荫晚到众创空间');
      const id = await draftFromFixture(late, 'jinan-kx');
      await printed(late, id);
      await closeApplyWindow(t.app, programmeId);
      expect(errorCode(await submit(late, id))).toBe('SB_ERR_WINDOW_CLOSED');
      expect((await application(late, id)).status).toBe('draft');
    });
  });
});

async function firstOutcome(client: TestClient, applicationId: string): Promise<string> {
  const items = ok(await client.gql<{ inbox: Array<{ task: { applicationId: string; outcomes: string[] } }> }>('{ inbox { task { applicationId outcomes } } }')).inbox;
  return items.find((i) => i.task.applicationId === applicationId)!.task.outcomes[0]!;
}
