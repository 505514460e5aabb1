/**
 * Summary tables end to end: run the Shandong maker-home round through the API, then download its exports as the
 * city unit, the province, an administrator, another city and an applicant, and read the xlsx back with exceljs.
 */
import ExcelJS from 'exceljs';
import { attachmentIdsIn, type JsonSchema } from '@shenbao/engine';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from './helpers/database.ts';
import {
  createApplicant, createProgrammeAdmin, createReviewer, ok, publishAndOpen, readFixture, startProgrammeApp, withoutStampedScan,
  type ProgrammeTestApp, type TestClient,
} from './helpers/programme-app.ts';

const programmeId = 'sd-maker-home-2020';
const recommendForm = { contactName: '张主任', contactMobile: '13905310001', contactPhone: '0531-86001234', opinion: '同意推荐' };

const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** Uploads a small PDF for the field and returns its attachment id (fixtures hold placeholder ids). */
async function uploadFor(t: ProgrammeTestApp, client: TestClient, applicationId: string, fieldPointer: string, purpose = 'section'): Promise<string> {
  const boundary = '----sbexport' + Math.random().toString(16).slice(2);
  const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const payload = Buffer.concat([
    Buffer.from(field('purpose', purpose) + field('applicationId', applicationId) + field('fieldPointer', fieldPointer)),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="proof.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), pdf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const response = await t.app.inject({ method: 'POST', url: '/api/files', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...client.headers() } });
  if (response.statusCode !== 201) throw new Error(`upload failed: ${response.body}`);
  return (response.json() as { id: string }).id;
}

/** Sets the value at a JSON pointer inside `data` (the path exists: the fixture holds a placeholder there). */
function setAt(data: Record<string, unknown>, pointer: string, value: string): void {
  const segments = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = data as Record<string, unknown>;
  for (const segment of segments.slice(0, -1)) node = node[segment] as Record<string, unknown>;
  node[segments[segments.length - 1]!] = value;
}

async function draft(t: ProgrammeTestApp, client: TestClient, platformName: string): Promise<string> {
  const fixture = await readFixture(programmeId);
  const runtime = await t.app.services.programmes.currentRuntime(programmeId);
  const { createApplication } = ok(await client.gql<{ createApplication: { id: string } }>('mutation($p: ID!) { createApplication(programmeId: $p) { id } }', { p: programmeId }));
  for (const [sectionId, data] of Object.entries(fixture.data)) {
    const sectionData: Record<string, unknown> = structuredClone(sectionId === 'service' ? { ...data, recommender: 'jinan-kx', platformName } : data);
    const schema = runtime.programme.sections.find((s) => s.ref.id === sectionId)!.schema as JsonSchema;
    for (const { pointer } of attachmentIdsIn(schema, sectionData)) {
      setAt(sectionData, pointer, await uploadFor(t, client, createApplication.id, `/${sectionId}${pointer}`));
    }
    ok(await client.gql('mutation($a: ID!, $s: String!, $d: JSON!) { saveSection(applicationId: $a, sectionId: $s, data: $d, sectionRevision: 0) { sectionRevision } }',
      { a: createApplication.id, s: sectionId, d: sectionData }));
  }
  ok(await client.gql('mutation($a: ID!) { submitApplication(applicationId: $a) { status } }', { a: createApplication.id }));
  return createApplication.id;
}

async function inbox(client: TestClient) {
  return ok(await client.gql<{ inbox: Array<{ task: { id: string; applicationId: string; definitionId: string } }> }>('{ inbox { task { id applicationId definitionId } } }')).inbox;
}

async function complete(client: TestClient, applicationId: string, outcome: string, data: Record<string, unknown>) {
  const item = (await inbox(client)).find((i) => i.task.applicationId === applicationId)!;
  ok(await client.gql('mutation($t: ID!, $o: String!, $d: JSON) { completeTask(taskId: $t, outcome: $o, data: $d) { id } }', { t: item.task.id, o: outcome, d: data }));
}

interface Sheet { title: string; headers: string[]; rows: unknown[][] }

/** Reads a downloaded export: row 1 the title, the header row (first row whose first cell is a column title), data rows. */
async function readSheet(bytes: Buffer): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
  const headerRow = sheet.getRow(2).getCell(1).font?.bold ? 2 : 3;
  const rows: unknown[][] = [];
  for (let n = headerRow + 1; n <= sheet.rowCount; n += 1) rows.push(values(n));
  return { title: String(sheet.getRow(1).getCell(1).value), headers: values(headerRow).map(String), rows };
}

describeEachDatabase('exports: summary tables of a real programme as Excel', (database) => {
  let t: ProgrammeTestApp;
  let jinan: TestClient; let qingdao: TestClient; let province: TestClient; let admin: TestClient; let applicant: TestClient;
  const ids: Record<string, string> = {};

  const download = (client: TestClient | undefined, exportId: string) =>
    t.app.inject({ method: 'GET', url: `/api/exports/${programmeId}/${exportId}.xlsx`, headers: client?.headers() ?? {} });

  beforeAll(async () => {
    // This suite is about exports: the stamped-scan requirement (Chromium print + scan upload) is tested by the prints suite.
    t = await startProgrammeApp(database(), undefined, { workflowHooks: withoutStampedScan });
    await publishAndOpen(t.app, programmeId);
    const a = await createApplicant(t.app, '甲众创空间');
    const b = await createApplicant(t.app, '乙众创空间');
    const c = await createApplicant(t.app, '丙众创空间');
    applicant = a;
    jinan = await createReviewer(t.app, 'jinan-kx');
    qingdao = await createReviewer(t.app, 'qingdao-kx');
    province = await createReviewer(t.app, 'sd-kx');
    admin = await createProgrammeAdmin(t.app);
    ids.a = await draft(t, a, '甲平台');
    ids.b = await draft(t, b, '乙平台');
    ids.c = await draft(t, c, '丙平台');
    // A draft that was never submitted must not appear anywhere.
    const d = await createApplicant(t.app, '丁众创空间');
    ok(await d.gql('mutation($p: ID!) { createApplication(programmeId: $p) { id } }', { p: programmeId }));

    for (const id of [ids.a, ids.b, ids.c]) {
      const stampedBook = await uploadFor(t, jinan, id!, '/recommend-review/stampedBook', 'task');
      await complete(jinan, id!, 'approve', { ...recommendForm, stampedBook, siteVisitedOn: '2026-03-01', opinion: `同意推荐${id === ids.a ? '甲' : id === ids.b ? '乙' : '丙'}` });
    }
    const waiting = new Map((await inbox(jinan)).map((i) => [i.task.applicationId, i.task.id]));
    const scope = { programmeId, organisationId: 'jinan-kx', taskDefinitionId: 'report' };
    ok(await jinan.gql('mutation($s: RankingScope!, $t: [ID!]!) { setRanking(scope: $s, taskIds: $t) { quota } }', { s: scope, t: [waiting.get(ids.b!), waiting.get(ids.a!)] }));
    ok(await jinan.gql('mutation($s: RankingScope!) { reportRanking(scope: $s) { reported } }', { s: scope }));
    await complete(province, ids.a!, 'approve', { paperReceived: '是', opinion: '材料齐全' });
    const expertOutcome = ok(await province.gql<{ inbox: Array<{ task: { applicationId: string; outcomes: string[] } }> }>('{ inbox { task { applicationId outcomes } } }'))
      .inbox.find((i) => i.task.applicationId === ids.a)!.task.outcomes[0]!;
    await complete(province, ids.a!, expertOutcome, { score: 92, opinion: '运营成熟' });
    await complete(province, ids.a!, 'recognise', { opinion: '予以认定' });
    await complete(province, ids.b!, 'reject', { paperReceived: '是', opinion: '场地不符合要求' });
  });
  afterAll(async () => t?.close());

  it('gives the city unit its applications in ranking order, with the task data and the rank', async () => {
    const response = await download(jinan, 'recommend-summary');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(String(response.headers['content-disposition'])).toContain(encodeURIComponent('推荐汇总表'));
    const sheet = await readSheet(response.rawPayload);
    expect(sheet.title).toBe('推荐汇总表');
    expect(sheet.headers[0]).toBe('推荐序号');
    expect(sheet.headers).toContain('推荐单位审核意见');
    const column = (title: string) => sheet.headers.indexOf(title);
    // b ranked 1, a ranked 2, c not ranked (last, empty rank).
    expect(sheet.rows.map((r) => r[column('创新创业服务平台名称')])).toEqual(['乙平台', '甲平台', '丙平台']);
    expect(sheet.rows.map((r) => r[column('推荐序号')])).toEqual([1, 2, '']);
    expect(sheet.rows.map((r) => r[column('推荐单位审核意见')])).toEqual(['同意推荐乙', '同意推荐甲', '同意推荐丙']);
    // A unit is shown by its name (the `organisations` context), not by its id.
    expect(sheet.rows.map((r) => r[column('推荐单位')])).toEqual(['济南市科学技术协会', '济南市科学技术协会', '济南市科学技术协会']);
    const fixture = await readFixture(programmeId);
    expect(sheet.rows[0]![column('场地面积(m²)')]).toBe(fixture.data.infrastructure!.siteArea);
  });

  it('gives the province the applications that reached it, with the expert score and the decision', async () => {
    const sheet = await readSheet((await download(province, 'province-summary')).rawPayload);
    expect(sheet.title).toBe('山东省创客之家评审汇总表');
    const column = (title: string) => sheet.headers.indexOf(title);
    expect(sheet.rows.map((r) => r[column('创新创业服务平台名称')])).toEqual(['乙平台', '甲平台']);
    const a = sheet.rows.find((r) => r[column('创新创业服务平台名称')] === '甲平台')!;
    expect(a[column('专家评审得分')]).toBe(92);
    expect(a[column('评选结果')]).toBe('评为山东省创客之家');
    expect(a[column('省科协审核意见')]).toBe('材料齐全');
    const b = sheet.rows.find((r) => r[column('创新创业服务平台名称')] === '乙平台')!;
    expect(b[column('评选结果')] ?? '').toBe('');
  });

  it('gives an administrator every submitted application and no drafts', async () => {
    const sheet = await readSheet((await download(admin, 'province-summary')).rawPayload);
    expect(sheet.rows).toHaveLength(3);
  });

  it('gives another city an empty table, and refuses roles the export does not name', async () => {
    const empty = await download(qingdao, 'recommend-summary');
    expect(empty.statusCode).toBe(200);
    expect((await readSheet(empty.rawPayload)).rows).toEqual([]);
    expect((await download(jinan, 'province-summary')).statusCode).toBe(403);
    expect((await download(applicant, 'recommend-summary')).statusCode).toBe(403);
    expect((await download(undefined, 'recommend-summary')).statusCode).toBe(401);
    expect((await download(jinan, 'no-such-export')).statusCode).toBe(404);
  });

  it('lists the exports each user may download', async () => {
    const query = 'query($p: ID!) { programmeExports(programmeId: $p) { id url } }';
    expect(ok(await jinan.gql<{ programmeExports: Array<{ id: string }> }>(query, { p: programmeId })).programmeExports.map((e) => e.id)).toEqual(['recommend-summary']);
    expect(ok(await province.gql<{ programmeExports: Array<{ id: string }> }>(query, { p: programmeId })).programmeExports.map((e) => e.id)).toEqual(['recommend-summary', 'province-summary']);
    expect(ok(await applicant.gql<{ programmeExports: Array<{ id: string }> }>(query, { p: programmeId })).programmeExports).toEqual([]);
  });
});
