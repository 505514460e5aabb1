/**
 * The steps every programme scenario takes through the GraphQL API (create and fill from the fixture, submit,
 * withdraw, work the inbox, rank and report, close the window, print and read the print back), so each
 * scenario-*.test.ts reads as the story of its notice.
 */
import { expect } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { uploadFile, uploadFixtureAttachments, uploadFormAttachments, uploadTaskAttachments } from './fixture-uploads.ts';
import { requestPrint, STAMPED_SCAN_PDF, waitForPrintJob } from './print-steps.ts';
import { ok, readFixture, type GraphqlResult, type ProgrammeTestApp, type TestClient } from './programme-app.ts';

export interface TaskView { id: string; definitionId: string; status: string; outcome: string | null; kind: string; organisationId: string }
export interface HistoryView { action: string; outcome: string | null; opinion: string | null; taskName: string | null; details: Record<string, unknown> }
export interface ApplicationView {
  id: string; number: string | null; status: string; outcome: string | null; revision: number; frozen: boolean;
  returnReason: string | null; sectionRevisions: Record<string, number>; tasks: TaskView[]; history: HistoryView[];
  /** The sections as saved (attachment ids are those uploaded for this application). */
  data: Record<string, Record<string, unknown>>;
}
export interface InboxItem { task: { id: string; applicationId: string; definitionId: string; outcomes: string[]; formKey: string | null } }

const APPLICATION_FIELDS = `id number data status outcome revision frozen returnReason sectionRevisions
  tasks { id definitionId status outcome kind organisationId }
  history { action outcome opinion taskName details }`;

/**
 * Creates an application of `programmeId` and fills every section from the programme's complete fixture, with
 * `overrides` merged into sections (the unit chosen, a name); uploads a real file for every attachment first.
 */
export async function draftFromFixture(
  t: ProgrammeTestApp, client: TestClient, programmeId: string, overrides: Record<string, Record<string, unknown>> = {},
): Promise<string> {
  const fixture = await readFixture(programmeId);
  const { createApplication } = ok(await client.gql<{ createApplication: { id: string } }>(
    'mutation($p: ID!) { createApplication(programmeId: $p) { id } }', { p: programmeId }));
  const merged: Record<string, Record<string, unknown>> = {};
  for (const [sectionId, data] of Object.entries(fixture.data)) merged[sectionId] = { ...data, ...(overrides[sectionId] ?? {}) };
  const uploaded = await uploadFixtureAttachments(t.app, client, createApplication.id, programmeId, merged);
  for (const [sectionId, data] of Object.entries(uploaded)) {
    const saved = ok(await client.gql<{ saveSection: { errors: Record<string, unknown> } }>(
      'mutation($a: ID!, $s: String!, $d: JSON!) { saveSection(applicationId: $a, sectionId: $s, data: $d, sectionRevision: 0) { errors } }',
      { a: createApplication.id, s: sectionId, d: data }));
    expect(saved.saveSection.errors, `section ${sectionId}`).toEqual({});
  }
  return createApplication.id;
}

/** Saves one section again (after a return) at its current revision: the saved data with `changes` merged in. */
export async function resave(client: TestClient, applicationId: string, sectionId: string, changes: Record<string, unknown>): Promise<void> {
  const current = await application(client, applicationId);
  const data = { ...(current.data[sectionId] ?? {}), ...changes };
  const saved = ok(await client.gql<{ saveSection: { errors: Record<string, unknown> } }>(
    'mutation($a: ID!, $s: String!, $d: JSON!, $r: Int!) { saveSection(applicationId: $a, sectionId: $s, data: $d, sectionRevision: $r) { errors } }',
    { a: applicationId, s: sectionId, d: data, r: current.sectionRevisions[sectionId] ?? 0 }));
  expect(saved.saveSection.errors).toEqual({});
}

export function submit(client: TestClient, applicationId: string): Promise<GraphqlResult<{ submitApplication: { status: string } }>> {
  return client.gql('mutation($a: ID!) { submitApplication(applicationId: $a) { status } }', { a: applicationId });
}

export function withdraw(client: TestClient, applicationId: string): Promise<GraphqlResult<{ withdrawApplication: { status: string } }>> {
  return client.gql('mutation($a: ID!) { withdrawApplication(applicationId: $a) { status } }', { a: applicationId });
}

export async function application(client: TestClient, id: string): Promise<ApplicationView> {
  return ok(await client.gql<{ application: ApplicationView }>(`query($id: ID!) { application(id: $id) { ${APPLICATION_FIELDS} } }`, { id })).application;
}

export async function inbox(client: TestClient): Promise<InboxItem[]> {
  return ok(await client.gql<{ inbox: InboxItem[] }>('{ inbox { task { id applicationId definitionId outcomes formKey } } }')).inbox;
}

/** The reviewer's waiting task of `definitionId` for the application (fails the test when there is none). */
export async function taskFor(client: TestClient, applicationId: string, definitionId: string): Promise<InboxItem['task']> {
  const items = await inbox(client);
  const item = items.find((i) => i.task.applicationId === applicationId && i.task.definitionId === definitionId);
  if (!item) throw new Error(`no ${definitionId} task for ${applicationId}; inbox has ${items.map((i) => `${i.task.definitionId}:${i.task.applicationId}`).join(', ') || 'nothing'}`);
  return item.task;
}

export function completeTask(client: TestClient, taskId: string, outcome: string, data: Record<string, unknown> = {}, reason?: string): Promise<GraphqlResult<{ completeTask: { id: string } }>> {
  return client.gql('mutation($t: ID!, $o: String!, $d: JSON, $r: String) { completeTask(taskId: $t, outcome: $o, data: $d, reason: $r) { id } }',
    { t: taskId, o: outcome, d: data, r: reason ?? null });
}

/**
 * Completes the reviewer's `definitionId` task of the application with the fixture's data for that task (its
 * attachments uploaded first), merged with `data`.
 */
export async function decide(
  t: ProgrammeTestApp, client: TestClient, programmeId: string, applicationId: string, definitionId: string, outcome: string,
  data: Record<string, unknown> = {}, reason?: string,
): Promise<void> {
  const task = await taskFor(client, applicationId, definitionId);
  const fixture = await readFixture(programmeId);
  let formData = { ...(fixture.tasks?.[definitionId]?.data ?? {}), ...data };
  if (task.formKey) formData = await uploadTaskAttachments(t.app, client, applicationId, programmeId, task.formKey, formData);
  ok(await completeTask(client, task.id, outcome, formData, reason));
}

export interface RankingScopeInput { programmeId: string; organisationId: string; taskDefinitionId: string }

export function setRanking(client: TestClient, scope: RankingScopeInput, taskIds: string[]): Promise<GraphqlResult<{ setRanking: { quota: number | null } }>> {
  return client.gql('mutation($s: RankingScope!, $t: [ID!]!) { setRanking(scope: $s, taskIds: $t) { quota } }', { s: scope, t: taskIds });
}

/**
 * Reports the unit's ranking once. Where the report task has a form (a recommendation letter …), it is filled from the
 * fixture's `tasks.<report task>` data, its files uploaded first with purpose `report:<programmeId>`.
 */
export async function reportRanking(client: TestClient, scope: RankingScopeInput): Promise<GraphqlResult<{ reportRanking: { reported: number; notReported: number } }>> {
  const runtime = await client.app.services.programmes.currentRuntime(scope.programmeId);
  const formKey = runtime.flow.userTasks[scope.taskDefinitionId]?.formKey;
  let data: Record<string, unknown> = {};
  if (formKey) {
    const fixture = await readFixture(scope.programmeId);
    const form = runtime.programme.taskForms.find((f) => f.ref.id === formKey)!;
    data = await uploadFormAttachments(client.app, client, { purpose: `report:${scope.programmeId}`, formId: formKey, schema: form.schema },
      fixture.tasks?.[scope.taskDefinitionId]?.data ?? {});
  }
  return client.gql('mutation($s: RankingScope!, $d: JSON) { reportRanking(scope: $s, data: $d) { reported notReported } }', { s: scope, d: data });
}

/** Closes the programme's apply window a minute ago (as an administrator moving the deadline would). */
export async function closeApplyWindow(app: FastifyInstance, programmeId: string): Promise<void> {
  const runtime = await app.services.programmes.currentRuntime(programmeId);
  const now = app.services.clock.now().getTime();
  await app.services.programmes.setWindow(programmeId, runtime.programme.manifest.applyWindow, new Date(now - 30 * 86_400_000), new Date(now - 60_000));
}

/**
 * The paper round trip (print-steps' printAndStamp, with an upload that accepts the files API's 201): print the
 * document, wait for the PDF, upload a stamped scan and register it for that version.
 */
export async function printAndStamp(app: FastifyInstance, client: TestClient, applicationId: string, printId: string): Promise<{ version: string; pdfAttachmentId: string }> {
  const job = await waitForPrintJob(client, (await requestPrint(client, applicationId, printId)).id);
  if (job.status !== 'done' || !job.version || !job.attachmentId) throw new Error(`print ${printId} failed: ${job.error ?? 'no version'}`);
  const scan = await uploadFile(app, client, { purpose: 'stamped-scan', applicationId }, { name: '盖章扫描件.pdf', bytes: STAMPED_SCAN_PDF });
  ok(await client.gql(
    'mutation($a: ID!, $p: String!, $v: String!, $f: ID!) { uploadStampedScan(applicationId: $a, printId: $p, version: $v, attachmentId: $f) { id } }',
    { a: applicationId, p: printId, v: job.version, f: scan }));
  return { version: job.version, pdfAttachmentId: job.attachmentId };
}

/**
 * Prints the document, uploads its stamped scan, and reads the print back: the PDF downloads as a PDF, and the
 * print is the latest version of that document.
 */
export async function printStampAndReadBack(t: ProgrammeTestApp, client: TestClient, applicationId: string, printId: string): Promise<string> {
  const printed = await printAndStamp(t.app, client, applicationId, printId);
  await readBack(t, client, applicationId, printId, printed);
  return printed.version;
}

/** Prints a document that is not stamped (or one made inside a task) and reads it back the same way. */
export async function printAndReadBack(t: ProgrammeTestApp, client: TestClient, applicationId: string, printId: string, taskId?: string): Promise<string> {
  const job = await waitForPrintJob(client, (await requestPrint(client, applicationId, printId, taskId)).id);
  if (job.status !== 'done' || !job.version || !job.attachmentId) throw new Error(`print ${printId} failed: ${job.error ?? 'no version'}`);
  await readBack(t, client, applicationId, printId, { version: job.version, pdfAttachmentId: job.attachmentId });
  return job.version;
}

async function readBack(t: ProgrammeTestApp, client: TestClient, applicationId: string, printId: string, printed: { version: string; pdfAttachmentId: string }): Promise<void> {
  const pdf = await t.app.inject({ method: 'GET', url: `/api/files/${printed.pdfAttachmentId}`, headers: client.headers() });
  expect(pdf.statusCode).toBe(200);
  expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const versions = ok(await client.gql<{ prints: Array<{ version: string; printId: string; isLatest: boolean }> }>(
    'query($a: ID!) { prints(applicationId: $a) { version printId isLatest } }', { a: applicationId })).prints;
  expect(versions).toContainEqual({ version: printed.version, printId, isLatest: true });
}

/** The public /api/verify answer for a version code. */
export async function verifyPrint(app: FastifyInstance, version: string): Promise<Record<string, unknown>> {
  const response = await app.inject({ method: 'GET', url: `/api/verify/${version}` });
  expect(response.statusCode).toBe(200);
  return response.json() as Record<string, unknown>;
}
