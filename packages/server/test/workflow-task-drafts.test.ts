/**
 * Task-form drafts (issue 13 item 3) through the GraphQL API, on both databases: the reviewer's 暂存 / autosave of an
 * open task's form keeps what was typed (with the entries still wrong reported, missing ones not), is refused on a
 * stale revision, to another unit, to the applicant and once the task is closed; a refused decision leaves the draft
 * as it was; every draft save is audited.
 */
import { beforeAll, afterAll, expect, it } from 'vitest';
import { describeEachDatabase } from './helpers/database.ts';
import { createApplicant, createReviewer, errorCode, ok, publishAndOpen, startProgrammeApp, type ProgrammeTestApp, type TestClient } from './helpers/programme-app.ts';
import { completeTask, draftFromFixture, printAndStamp, submit, taskFor } from './helpers/scenario-steps.ts';
import { uploadTaskAttachments } from './helpers/fixture-uploads.ts';

const programmeId = 'sd-maker-home-2020';
const SAVE = `mutation($t: ID!, $d: JSON!, $r: Int!, $o: String) {
  saveTaskDraft(taskId: $t, data: $d, dataRevision: $r, outcome: $o) { errors task { id data dataRevision status } }
}`;
type Saved = { saveTaskDraft: { errors: Record<string, unknown>; task: { data: Record<string, unknown>; dataRevision: number; status: string } } };

describeEachDatabase('task-form drafts', (database) => {
  let t: ProgrammeTestApp;
  let applicant: TestClient;
  let jinan: TestClient;
  let qingdao: TestClient;
  let applicationId = '';
  let taskId = '';

  beforeAll(async () => {
    t = await startProgrammeApp(database());
    await publishAndOpen(t.app, programmeId);
    applicant = await createApplicant(t.app, '草稿测试创客汇');
    jinan = await createReviewer(t.app, 'jinan-kx');
    qingdao = await createReviewer(t.app, 'qingdao-kx');
    applicationId = await draftFromFixture(t, applicant, programmeId, { service: { recommender: 'jinan-kx' } });
    await printAndStamp(t.app, applicant, applicationId, 'book');
    ok(await submit(applicant, applicationId));
    taskId = (await taskFor(jinan, applicationId, 'recommend')).id;
  });
  afterAll(async () => t?.close());

  it('keeps a draft with wrong entries, reports only those, and reads back on the task', async () => {
    const first = ok(await jinan.gql<Saved>(SAVE, { t: taskId, d: { opinion: '初步意见', contactMobile: '1390531' }, r: 0 }));
    expect(first.saveTaskDraft.task.dataRevision).toBe(1);
    expect(first.saveTaskDraft.task.data).toMatchObject({ opinion: '初步意见', contactMobile: '1390531' });
    // The wrong mobile is reported; the required fields not yet filled are not.
    expect(Object.keys(first.saveTaskDraft.errors)).toEqual(['/contactMobile']);
    const read = ok(await jinan.gql<{ task: { data: Record<string, unknown>; dataRevision: number } }>('query($t: ID!) { task(id: $t) { data dataRevision } }', { t: taskId }));
    expect(read.task).toEqual({ data: first.saveTaskDraft.task.data, dataRevision: 1 });
  });

  it('refuses a stale revision, another unit and the applicant', async () => {
    expect(errorCode(await jinan.gql(SAVE, { t: taskId, d: { opinion: '旧页面' }, r: 0 }))).toBe('SB_ERR_CONFLICT');
    expect(errorCode(await qingdao.gql(SAVE, { t: taskId, d: { opinion: '别的单位' }, r: 1 }))).toBe('SB_ERR_FORBIDDEN');
    expect(errorCode(await applicant.gql(SAVE, { t: taskId, d: { opinion: '申报人' }, r: 1 }))).toBe('SB_ERR_FORBIDDEN');
    const read = ok(await jinan.gql<{ task: { data: Record<string, unknown>; dataRevision: number } }>('query($t: ID!) { task(id: $t) { data dataRevision } }', { t: taskId }));
    expect(read.task.data.opinion).toBe('初步意见');
    expect(read.task.dataRevision).toBe(1);
  });

  it('a refused decision leaves the draft as saved; the corrected one completes; then drafts are refused', async () => {
    const draft = { contactName: '张主任', contactMobile: '13905310001', contactPhone: '0531-86001234', opinion: '同意推荐' };
    ok(await jinan.gql<Saved>(SAVE, { t: taskId, d: draft, r: 1, o: 'approve' }));
    // Approve needs the stamped book and the site-visit date.
    expect(errorCode(await completeTask(jinan, taskId, 'approve', draft))).toBe('SB_ERR_VALIDATION');
    const kept = ok(await jinan.gql<{ task: { data: Record<string, unknown>; dataRevision: number; status: string } }>('query($t: ID!) { task(id: $t) { data dataRevision status } }', { t: taskId }));
    expect(kept.task).toMatchObject({ data: draft, dataRevision: 2, status: 'open' });
    const full = await uploadTaskAttachments(t.app, jinan, applicationId, programmeId, 'recommend-review', { ...draft, stampedBook: 'att-stamped-book', siteVisitedOn: '2026-03-05' });
    ok(await completeTask(jinan, taskId, 'approve', full));
    expect(errorCode(await jinan.gql(SAVE, { t: taskId, d: draft, r: 2 }))).toBe('SB_ERR_CONFLICT');
  });

  it('audits every draft save with the task and its revision', async () => {
    const events = await t.app.services.audit.list({ action: 'task.draft_saved' });
    const mine = events.filter((event) => event.subjectId === taskId);
    expect(mine.map((event) => (event.details as { dataRevision: number }).dataRevision).sort()).toEqual([1, 2]);
    expect(mine.every((event) => event.result === 'ok' && event.subjectType === 'task')).toBe(true);
  });
});
