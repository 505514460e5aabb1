/**
 * Prints through the API on both databases: the render queue, the PDF itself (version on every page, the fixture's
 * words), /verify for a paper copy, who may print, and the stamped-scan rule at submit.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from './helpers/database.ts';
import {
  createApplicant, errorCode, ok, publishAndOpen, readFixture, startProgrammeApp, type ProgrammeTestApp, type TestClient,
} from './helpers/programme-app.ts';
import { printAndStamp, requestPrint, uploadStampedScanFile, waitForPrintJob } from './helpers/print-steps.ts';
import { uploadFixtureAttachments } from './helpers/fixture-uploads.ts';
import { pdfInfo, pdfPages } from './print/pdf-text.ts';

const programmeId = 'sd-maker-home-2020';

async function draft(client: TestClient): Promise<string> {
  const fixture = await readFixture(programmeId);
  const { createApplication } = ok(await client.gql<{ createApplication: { id: string } }>(
    'mutation($p: ID!) { createApplication(programmeId: $p) { id } }', { p: programmeId }));
  const data = await uploadFixtureAttachments(client.app, client, createApplication.id, programmeId, fixture.data);
  for (const [sectionId, sectionData] of Object.entries(data)) {
    ok(await client.gql('mutation($a: ID!, $s: String!, $d: JSON!) { saveSection(applicationId: $a, sectionId: $s, data: $d, sectionRevision: 0) { sectionRevision } }',
      { a: createApplication.id, s: sectionId, d: sectionData }));
  }
  return createApplication.id;
}

async function submit(client: TestClient, applicationId: string) {
  return client.gql<{ submitApplication: { status: string } }>('mutation($a: ID!) { submitApplication(applicationId: $a) { status } }', { a: applicationId });
}

const squash = (text: string) => text.replace(/\s+/g, '');

describeEachDatabase('prints of applications', (database) => {
  let t: ProgrammeTestApp;
  let owner: TestClient; let stranger: TestClient;
  let applicationId: string;
  let first: { version: string; attachmentId: string };

  beforeAll(async () => {
    t = await startProgrammeApp(database());
    await publishAndOpen(t.app, programmeId);
    owner = await createApplicant(t.app, '泉城创客汇');
    stranger = await createApplicant(t.app, '无关单位');
    applicationId = await draft(owner);
  }, 60_000);
  afterAll(async () => t?.close());

  it('renders a queued print to a PDF with the version on every page and the applicant\'s words', async () => {
    const queued = await requestPrint(owner, applicationId, 'book');
    expect(queued.status).toBe('queued');
    const job = await waitForPrintJob(owner, queued.id);
    expect(job).toMatchObject({ status: 'done', error: null });
    first = { version: job.version!, attachmentId: job.attachmentId! };

    const download = await t.app.inject({ method: 'GET', url: `/api/files/${first.attachmentId}`, headers: owner.headers() });
    expect(download.statusCode).toBe(200);
    const pdf = download.rawPayload;
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) expect(squash(page)).toContain(first.version);
    const all = squash(pages.join(''));
    for (const words of ['泉城创客汇众创空间', '济南泉创科技孵化器有限公司', '济南市科学技术协会']) expect(all).toContain(words);

    const { prints } = ok(await owner.gql<{ prints: Array<{ version: string; pageCount: number; isLatest: boolean }> }>(
      'query($a: ID!) { prints(applicationId: $a) { version pageCount isLatest } }', { a: applicationId }));
    expect(prints).toEqual([{ version: first.version, pageCount: pages.length, isLatest: true }]);
    expect(Number((await pdfInfo(pdf)).Pages)).toBe(pages.length);
  }, 90_000);

  it('answers /verify for the version, as HTML for a phone and as JSON, typed in any case without the dash', async () => {
    const html = await t.app.inject({ method: 'GET', url: `/verify/${first.version}` });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.body).toContain('最新打印版本');
    expect(html.body).toContain('未修改');
    expect(html.body).toContain('泉城创客汇');
    expect(html.body).not.toContain('13806412345'); // the contact's mobile is on the paper's form, not on the verify page

    const typed = first.version.replace('-', '').toLowerCase();
    const json = await t.app.inject({ method: 'GET', url: `/api/verify/${typed}` });
    expect(json.json()).toMatchObject({ version: first.version, isLatest: true, dataChanged: false, printTitle: '山东省创客之家申报表', applicantName: '泉城创客汇' });
    const negotiated = await t.app.inject({ method: 'GET', url: `/verify/${first.version}`, headers: { accept: 'application/json' } });
    expect(negotiated.json()).toMatchObject({ version: first.version, isLatest: true });
  });

  it('refuses an unknown version with 404 in both languages', async () => {
    const json = await t.app.inject({ method: 'GET', url: '/api/verify/ZZZZ-ZZZZ' });
    expect(json.statusCode).toBe(404);
    expect(json.json().error).toMatchObject({ code: 'SB_ERR_PRINT_VERSION_UNKNOWN', message: { zh: expect.stringContaining('不存在'), en: expect.stringContaining('does not exist') } });
    const html = await t.app.inject({ method: 'GET', url: '/verify/not-a-code' });
    expect(html.statusCode).toBe(404);
    expect(html.body).toContain('未找到此版本号');
  });

  it('lets nobody else print the application or download its print', async () => {
    const refused = await stranger.gql(`mutation($a: ID!) { requestPrint(applicationId: $a, printId: "book") { id } }`, { a: applicationId });
    expect(errorCode(refused)).toBe('SB_ERR_FORBIDDEN');
    const download = await t.app.inject({ method: 'GET', url: `/api/files/${first.attachmentId}`, headers: stranger.headers() });
    expect(download.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'POST', url: '/graphql', payload: { query: `{ prints(applicationId: "${applicationId}") { version } }` } });
    expect(anonymous.json().errors[0].extensions.code).toBe('SB_ERR_UNAUTHENTICATED');
    const unknownPrint = await owner.gql(`mutation($a: ID!) { requestPrint(applicationId: $a, printId: "no-such-print") { id } }`, { a: applicationId });
    expect(errorCode(unknownPrint)).toBe('SB_ERR_NOT_FOUND');
  });

  it('refuses submit until a stamped scan of the latest print of the current data is registered', async () => {
    // Printed but not stamped.
    expect(errorCode(await submit(owner, applicationId))).toBe('SB_ERR_STAMPED_SCAN_REQUIRED');

    // A scan registered against a version of another application's print is refused.
    const scanId = await uploadStampedScanFile(t.app, owner, applicationId);
    const wrong = await owner.gql('mutation($a: ID!, $v: String!, $f: ID!) { uploadStampedScan(applicationId: $a, printId: "book", version: $v, attachmentId: $f) { id } }',
      { a: applicationId, v: 'ZZZZ-ZZZZ', f: scanId });
    expect(errorCode(wrong)).toBe('SB_ERR_STAMPED_SCAN_MISMATCH');

    // Stamp the first print, then print again without an edit: the same version comes back, still the latest.
    ok(await owner.gql('mutation($a: ID!, $v: String!, $f: ID!) { uploadStampedScan(applicationId: $a, printId: "book", version: $v, attachmentId: $f) { id version } }',
      { a: applicationId, v: first.version, f: scanId }));
    const second = await waitForPrintJob(owner, (await requestPrint(owner, applicationId, 'book')).id);
    expect(second).toMatchObject({ status: 'done', version: first.version, attachmentId: first.attachmentId });
    expect((await t.app.inject({ method: 'GET', url: `/api/verify/${first.version}` })).json()).toMatchObject({ isLatest: true, dataChanged: false });

    // Stamp it again (a second scan of the same paper), then edit the data: the paper no longer matches, so submit is refused.
    const stamped = await printAndStamp(t.app, owner, applicationId, 'book');
    expect(stamped.version).toBe(first.version);
    const { application } = ok(await owner.gql<{ application: { data: Record<string, Record<string, unknown>>; sectionRevisions: Record<string, number> } }>(
      'query($a: ID!) { application(id: $a) { data sectionRevisions } }', { a: applicationId }));
    ok(await owner.gql('mutation($a: ID!, $d: JSON!, $r: Int!) { saveSection(applicationId: $a, sectionId: "service", data: $d, sectionRevision: $r) { sectionRevision } }',
      { a: applicationId, d: { ...application.data.service, leader: '赵新民' }, r: application.sectionRevisions.service }));
    expect((await t.app.inject({ method: 'GET', url: `/api/verify/${stamped.version}` })).json()).toMatchObject({ isLatest: true, dataChanged: true });
    expect(errorCode(await submit(owner, applicationId))).toBe('SB_ERR_STAMPED_SCAN_REQUIRED');

    // A new print of the edited data, stamped: submit passes.
    await printAndStamp(t.app, owner, applicationId, 'book');
    expect(ok(await submit(owner, applicationId)).submitApplication.status).toBe('in_review');
    const { stampedScans } = ok(await owner.gql<{ stampedScans: Array<{ version: string }> }>('query($a: ID!) { stampedScans(applicationId: $a) { version } }', { a: applicationId }));
    expect(stampedScans).toHaveLength(3);
  }, 180_000);
});

