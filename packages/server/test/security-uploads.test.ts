/**
 * Issue 17, upload rows, with a corpus of crafted files: only the closed list of purposes is accepted and each
 * purpose's ownership check runs (the probe stored A's file under B's application by naming an unknown purpose);
 * per-user and per-application quotas; types from magic numbers at offset 0, with HTML, scripts and programs refused
 * whatever they claim; PDFs with active content refused; the EICAR test signature refused; bidirectional controls
 * gone from names; nothing new for a frozen application. Every refusal leaves no row, no stored file, no temp file.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { FakeClock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import { attachments } from '../src/db/schema/index.ts';
import { cleanFileName } from '../src/files/files.service.ts';
import { findPdfActiveContent } from '../src/files/pdf-active-content.ts';
import { eicarScanner } from '../src/files/malware-scanner.ts';
import { describeEachDatabase, type TestDatabase } from './helpers/database.ts';
import { SMALL_PNG } from './helpers/fixture-uploads.ts';
import { multipartUpload } from './helpers/print-steps.ts';
import { createApplicant, ok, publishAndOpen, startProgrammeApp, testPassword, type ProgrammeTestApp, type TestClient } from './helpers/programme-app.ts';
import { draftFromFixture, submit } from './helpers/scenario-steps.ts';

const programmeId = 'jn-sme-platform-2020';
const eicar = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'].join('');

/** A small valid PDF around `body` objects (catalog 1, pages 2, page 3 are always there). */
function pdf(extraCatalog = '', extraObjects = ''): Buffer {
  return Buffer.from(
    `%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R${extraCatalog}>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n` +
    `3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n${extraObjects}trailer<</Root 1 0 R>>\n%%EOF\n`, 'latin1');
}

/** A PDF whose objects 4.. sit in a compressed object stream, as PDF 1.5 writers do. */
function pdfWithObjectStream(hidden: string, inflateTo?: number): Buffer {
  const data = inflateTo ? Buffer.alloc(inflateTo, 0x20) : Buffer.from(`4 0 ${hidden}`, 'latin1');
  const packed = deflateSync(data);
  const head = Buffer.from(`%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n` +
    `5 0 obj<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length ${packed.length}>>stream\n`, 'latin1');
  return Buffer.concat([head, packed, Buffer.from('\nendstream\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1')]);
}

const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0', 'latin1'), Buffer.alloc(200, 0x11), Buffer.from([0xff, 0xd9])]);

interface CorpusCase { name: string; file: string; bytes: Buffer; code?: string; stored?: { fileType: string; name: string } }

/** The corpus: uploaded as a stamped scan (PDF, JPG or PNG accepted) to the applicant's own application. */
const corpus: CorpusCase[] = [
  // Accepted, as what they are, under a name that says so.
  { name: 'a plain PDF', file: '盖章扫描件.pdf', bytes: pdf(), stored: { fileType: 'pdf', name: '盖章扫描件.pdf' } },
  { name: 'a PDF opening at page 1 (/OpenAction to a destination)', file: 'open.pdf', bytes: pdf('/OpenAction[3 0 R/Fit]'), stored: { fileType: 'pdf', name: 'open.pdf' } },
  { name: 'a PDF with a web link (/URI)', file: 'link.pdf', bytes: pdf('', '4 0 obj<</Type/Annot/Subtype/Link/A<</S/URI/URI(https://example.org)>>>>endobj\n'), stored: { fileType: 'pdf', name: 'link.pdf' } },
  { name: 'a PNG', file: 'scan.png', bytes: SMALL_PNG, stored: { fileType: 'png', name: 'scan.png' } },
  { name: 'a JPEG', file: 'scan.jpeg', bytes: jpeg, stored: { fileType: 'jpg', name: 'scan.jpeg' } },
  { name: 'a PDF named .exe', file: 'report.exe', bytes: pdf(), stored: { fileType: 'pdf', name: 'report.exe.pdf' } },
  { name: 'the probe\'s U+202E name', file: 'invoice\u202efdp.exe', bytes: pdf(), stored: { fileType: 'pdf', name: 'invoicefdp.exe.pdf' } },
  { name: 'isolates and zero-width marks in a name', file: '\u2066申报书\u2069\u200b\u200f.pdf', bytes: pdf(), stored: { fileType: 'pdf', name: '申报书.pdf' } },
  { name: 'a path in the name', file: '../../etc/passwd.pdf', bytes: pdf(), stored: { fileType: 'pdf', name: 'passwd.pdf' } },
  { name: 'a PNG named .pdf', file: 'photo.pdf', bytes: SMALL_PNG, stored: { fileType: 'png', name: 'photo.pdf.png' } },
  // Active content in PDFs.
  { name: 'the probe\'s /OpenAction + /JavaScript PDF', file: 'js.pdf', bytes: pdf('/OpenAction 4 0 R', '4 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\n'), code: 'SB_ERR_FILE_ACTIVE_CONTENT' },
  { name: 'a link annotation running /JS', file: 'annot.pdf', bytes: pdf('', '4 0 obj<</Type/Annot/A<</S/JavaScript/JS 5 0 R>>>>endobj\n'), code: 'SB_ERR_FILE_ACTIVE_CONTENT' },
  { name: '/Launch of a program', file: 'launch.pdf', bytes: pdf('/OpenAction<</S/Launch/F(cmd.exe)>>'), code: 'SB_ERR_FILE_ACTIVE_CONTENT' },
  { name: 'an embedded file', file: 'embedded.pdf', bytes: pdf('/Names<</EmbeddedFiles 4 0 R>>', '4 0 obj<</Names[(a.exe)5 0 R]>>endobj\n5 0 obj<</Type/Filespec/EF<</F 6 0 R>>>>endobj\n'), code: 'SB_ERR_FILE_ACTIVE_CONTENT' },
  { name: 'JavaScript spelt with #xx escapes', file: 'escaped.pdf', bytes: pdf('/OpenAction<</S/J#61vaScript/J#53(x)>>'), code: 'SB_ERR_FILE_ACTIVE_CONTENT' },
  { name: 'JavaScript hidden in a compressed object stream', file: 'objstm.pdf', bytes: pdfWithObjectStream('<</S/JavaScript/JS(app.alert(1))>>'), code: 'SB_ERR_FILE_ACTIVE_CONTENT' },
  { name: 'an object stream that inflates to 20 MB (a zip bomb)', file: 'bomb.pdf', bytes: pdfWithObjectStream('', 20 * 1024 * 1024), code: 'SB_ERR_FILE_ACTIVE_CONTENT' },
  { name: 'a form sending data away (/SubmitForm)', file: 'submit.pdf', bytes: pdf('/AcroForm<</Fields[]>>', '4 0 obj<</S/SubmitForm/F(http://x)>>endobj\n'), code: 'SB_ERR_FILE_ACTIVE_CONTENT' },
  { name: 'rich media (Flash)', file: 'flash.pdf', bytes: pdf('', '4 0 obj<</Type/Annot/Subtype/RichMedia>>endobj\n'), code: 'SB_ERR_FILE_ACTIVE_CONTENT' },
  { name: 'an XFA form', file: 'xfa.pdf', bytes: pdf('/AcroForm<</XFA 4 0 R>>'), code: 'SB_ERR_FILE_ACTIVE_CONTENT' },
  // The malware check.
  { name: 'the probe\'s PDF carrying the EICAR test string', file: 'eicar.pdf', bytes: pdf('', `4 0 obj(${eicar})endobj\n`), code: 'SB_ERR_FILE_INFECTED' },
  { name: 'a JPEG with the EICAR string appended', file: 'eicar.jpg', bytes: Buffer.concat([jpeg, Buffer.from(eicar, 'latin1')]), code: 'SB_ERR_FILE_INFECTED' },
  // Markup and programs, whatever they claim to be.
  { name: 'the probe\'s evil.html with <!-- %PDF-1.4 -->', file: 'evil.html', bytes: Buffer.from('<!-- %PDF-1.4 -->\n<html><script>alert(document.cookie)</script></html>'), code: 'SB_ERR_FILE_TYPE_NOT_ACCEPTED' },
  { name: 'an HTML page named .pdf', file: 'book.pdf', bytes: Buffer.from('<!DOCTYPE html><title>x</title><p>hi'), code: 'SB_ERR_FILE_TYPE_NOT_ACCEPTED' },
  { name: 'an SVG with a script named .png', file: 'logo.png', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), code: 'SB_ERR_FILE_TYPE_NOT_ACCEPTED' },
  { name: 'XHTML behind an XML prolog', file: 'x.pdf', bytes: Buffer.from('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body onload="x()"/></html>'), code: 'SB_ERR_FILE_TYPE_NOT_ACCEPTED' },
  { name: 'the probe\'s setup.exe (MZ)', file: 'setup.exe', bytes: Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(60), Buffer.from('%PDF-1.4')]), code: 'SB_ERR_FILE_TYPE_NOT_ACCEPTED' },
  { name: 'a Linux program (ELF)', file: 'tool.pdf', bytes: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(50)]), code: 'SB_ERR_FILE_TYPE_NOT_ACCEPTED' },
  { name: 'a macOS program (Mach-O)', file: 'tool.jpg', bytes: Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), Buffer.alloc(50)]), code: 'SB_ERR_FILE_TYPE_NOT_ACCEPTED' },
  { name: 'a shell script', file: 'run.pdf', bytes: Buffer.from('#!/bin/sh\nrm -rf ~\n'), code: 'SB_ERR_FILE_TYPE_NOT_ACCEPTED' },
  { name: 'a Windows shortcut', file: 'a.pdf', bytes: Buffer.concat([Buffer.from([0x4c, 0, 0, 0, 1, 0x14, 2, 0]), Buffer.alloc(60)]), code: 'SB_ERR_FILE_TYPE_NOT_ACCEPTED' },
  { name: 'a PDF header after junk (not at offset 0)', file: 'late.pdf', bytes: Buffer.concat([Buffer.from('garbage line\n'), pdf()]), code: 'SB_ERR_FILE_TYPE_NOT_ACCEPTED' },
  { name: 'a GIF where PDF/JPG/PNG are asked', file: 'x.png', bytes: Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(40, 1)]), code: 'SB_ERR_FILE_TYPE_NOT_ACCEPTED' },
  { name: 'a zip', file: 'x.pdf', bytes: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60)]), code: 'SB_ERR_FILE_TYPE_NOT_ACCEPTED' },
  { name: 'nothing at all', file: 'empty.pdf', bytes: Buffer.alloc(0), code: 'SB_ERR_FILE_EMPTY' },
];

async function filesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (at: string) => {
    const entries = await readdir(at, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.isDirectory()) await walk(path.join(at, entry.name));
      else found.push(path.relative(dir, path.join(at, entry.name)));
    }
  };
  await walk(dir);
  return found.sort();
}

async function upload(app: FastifyInstance, client: TestClient, fields: Record<string, string>, file: { name: string; bytes: Buffer }) {
  const body = multipartUpload(fields, file);
  const response = await app.inject({ method: 'POST', url: '/api/files', payload: body.payload, headers: { ...body.headers, ...client.headers() } });
  return { status: response.statusCode, body: response.json() as { id?: string; name?: string; fileType?: string; error?: { code: string; message: { zh: string; en: string }; details?: unknown } } };
}

/** A draft of `programme`: one per organisation and programme (开始申报 again continues it). */
async function createDraft(client: TestClient, programme = programmeId): Promise<string> {
  return ok(await client.gql<{ createApplication: { id: string } }>('mutation($p: ID!) { createApplication(programmeId: $p) { id } }', { p: programme })).createApplication.id;
}

describe('the PDF scan and the name cleaning on their own', () => {
  it('finds nothing in a passive PDF and names what it finds in an active one', () => {
    expect(findPdfActiveContent(pdf('/OpenAction[3 0 R/Fit]'))).toEqual([]);
    expect(findPdfActiveContent(pdf('/OpenAction 4 0 R', '4 0 obj<</S/JavaScript/JS(x)>>endobj\n'))).toEqual(['OpenAction', 'JavaScript', 'JS']);
    expect(findPdfActiveContent(pdfWithObjectStream('<</S/Launch/F(x)>>'))).toEqual(['OpenAction', 'Launch']);
    // Stream data is not read as names: an image's bytes that happen to spell /JS do not count.
    expect(findPdfActiveContent(pdf('', '4 0 obj<</Type/XObject/Subtype/Image/Length 8>>stream\n/JS /XFA\nendstream\nendobj\n'))).toEqual([]);
  });

  it('removes bidirectional and invisible characters and states the real type in the extension', () => {
    expect(cleanFileName('invoice\u202efdp.exe', 'pdf')).toBe('invoicefdp.exe.pdf');
    expect(cleanFileName('a\u202ab\u202bc\u202cd\u202de\u2067f\u2068g\u200eh\u061ci.PDF', 'pdf')).toBe('abcdefghi.PDF');
    expect(cleanFileName('名单.xlsx', 'xlsx')).toBe('名单.xlsx');
  });

  it('the EICAR check reads the string across chunk boundaries', async () => {
    const { Readable } = await import('node:stream');
    const bytes = Buffer.concat([Buffer.alloc(100_000, 1), Buffer.from(eicar, 'latin1'), Buffer.alloc(10)]);
    const chunks = [bytes.subarray(0, 100_030), bytes.subarray(100_030)];
    expect(await eicarScanner.scan(() => Readable.from(chunks))).toEqual({ infected: true, signature: 'Eicar-Test-Signature' });
    expect(await eicarScanner.scan(() => Readable.from([Buffer.alloc(1000, 2)]))).toEqual({ infected: false });
  });
});

describeEachDatabase('uploads: purposes, ownership, types, active content, frozen applications', (db) => {
  let t: ProgrammeTestApp;
  let a: TestClient;
  let b: TestClient;
  let ownApplication: string;
  let bApplication: string;
  let filesDir: string;

  beforeAll(async () => {
    t = await startProgrammeApp(db());
    await publishAndOpen(t.app, programmeId);
    a = await createApplicant(t.app, '上传测试甲公司');
    b = await createApplicant(t.app, '上传测试乙公司');
    ownApplication = await createDraft(a);
    bApplication = await createDraft(b);
    filesDir = path.join(t.dataDir, 'files');
  });
  afterAll(async () => t?.close());

  const rows = () => t.app.services.db.select().from(attachments);
  const stored = async () => (await filesUnder(filesDir)).filter((f) => !f.startsWith('tmp'));
  const temps = async () => (await filesUnder(filesDir)).filter((f) => f.startsWith('tmp') && f !== 'tmp');

  it('refuses the probe: an unknown purpose naming B\'s application stores nothing, for B or anyone', async () => {
    const before = { rows: (await rows()).length, files: await stored() };
    for (const purpose of ['whatever', 'application', 'Section', 'report:', 'report:../x', '__proto__', 'constructor']) {
      const result = await upload(t.app, a, { purpose, applicationId: bApplication }, { name: 'x.pdf', bytes: pdf() });
      expect(result.status, purpose).toBe(422);
      expect(result.body.error?.code, purpose).toBe('SB_ERR_UPLOAD_PURPOSE_UNKNOWN');
    }
    expect((await rows()).length).toBe(before.rows);
    expect(await stored()).toEqual(before.files);
    expect(await t.app.services.db.select().from(attachments).where(eq(attachments.applicationId, bApplication))).toEqual([]);
  });

  it('refuses a purpose that belongs to no application when it names one, and each purpose\'s owner check', async () => {
    const zip = await upload(t.app, a, { purpose: 'programme-zip', applicationId: bApplication }, { name: 'x.zip', bytes: pdf() });
    expect(zip.body.error?.code).toBe('SB_ERR_BAD_REQUEST');
    for (const purpose of ['section', 'stamped-scan']) {
      const foreign = await upload(t.app, a, { purpose, applicationId: bApplication, fieldPointer: '/uploads/licence' }, { name: 'x.pdf', bytes: pdf() });
      expect(foreign.status, purpose).toBe(403);
      expect(foreign.body.error?.code, purpose).toBe('SB_ERR_FORBIDDEN');
    }
    const sheet = await upload(t.app, a, { purpose: 'reviewer-import' }, { name: '名单.csv', bytes: Buffer.from('序号,姓名\n1,张三\n') });
    expect(sheet.body.error?.code).toBe('SB_ERR_FORBIDDEN');
    expect(await t.app.services.db.select().from(attachments).where(eq(attachments.applicationId, bApplication))).toEqual([]);
  });

  describe(`a corpus of ${corpus.length} crafted files`, () => {
    it('has at least 30 files', () => expect(corpus.length).toBeGreaterThanOrEqual(30));

    for (const c of corpus) {
      it(`${c.code ? 'refuses' : 'accepts'} ${c.name}`, async () => {
        const before = { rows: (await rows()).length, files: await stored() };
        const result = await upload(t.app, a, { purpose: 'stamped-scan', applicationId: ownApplication }, { name: c.file, bytes: c.bytes });
        if (c.code) {
          expect(result.body.error?.code).toBe(c.code);
          expect(result.status).toBeGreaterThanOrEqual(400);
          expect(result.body.error?.message.zh).toMatch(/[\u4e00-\u9fff]/);
          expect((await rows()).length).toBe(before.rows);
          expect(await stored()).toEqual(before.files);
        } else {
          expect(result.status, JSON.stringify(result.body)).toBe(201);
          expect({ fileType: result.body.fileType, name: result.body.name }).toEqual(c.stored);
          const download = await t.app.inject({ method: 'GET', url: `/api/files/${result.body.id}`, headers: a.headers() });
          expect(download.rawPayload.equals(c.bytes)).toBe(true);
          expect(String(download.headers['content-disposition'])).not.toMatch(/[\u202a-\u202e\u2066-\u2069]|%E2%80%AE/i);
          const sha = createHash('sha256').update(c.bytes).digest('hex');
          expect(await stored()).toContain(path.join(sha.slice(0, 2), sha));
        }
        expect(await temps()).toEqual([]);
      });
    }

    it('says what the active content was, in both languages', async () => {
      const result = await upload(t.app, a, { purpose: 'stamped-scan', applicationId: ownApplication }, { name: 'js.pdf', bytes: pdf('/OpenAction 4 0 R', '4 0 obj<</S/JavaScript/JS(1)>>endobj\n') });
      expect(result.body.error?.message.zh).toBe('PDF 文件含有可执行内容（OpenAction, JavaScript, JS），请用“打印为 PDF”另存为普通 PDF 后再上传');
      expect(result.body.error?.message.en).toMatch(/active content \(OpenAction, JavaScript, JS\)/);
      const html = await upload(t.app, a, { purpose: 'stamped-scan', applicationId: ownApplication }, { name: 'evil.html', bytes: Buffer.from('<!-- %PDF-1.4 --><html></html>') });
      expect(html.body.error?.message.zh).toBe('文件内容为 HTML 格式，此处只接受 PDF、JPG、PNG');
    });
  });

  it('refuses the probe: the owner\'s upload to a submitted application stores nothing', async () => {
    const applicant = await createApplicant(t.app, '上传测试丙公司');
    const id = await draftFromFixture(t, applicant, programmeId);
    ok(await submit(applicant, id));
    const before = { rows: (await rows()).length, files: await stored() };
    const result = await upload(t.app, applicant, { purpose: 'section', applicationId: id, fieldPointer: '/uploads/licence' }, { name: '补充.pdf', bytes: pdf('', '% a new one\n') });
    expect(result.status).toBe(409);
    expect(result.body.error?.code).toBe('SB_ERR_NOT_EDITABLE');
    expect((await rows()).length).toBe(before.rows);
    expect(await stored()).toEqual(before.files);
  });
});

describeEachDatabase('uploads: quotas per user and per application', (db) => {
  let t: Awaited<ReturnType<typeof startQuotaApp>>;
  let c: TestClient;

  beforeAll(async () => {
    t = await startQuotaApp(db(), { UPLOAD_USER_FILES_PER_DAY: '5', UPLOAD_APPLICATION_FILES: '3' });
    // Three applications of one organisation: three programmes (one draft per organisation and programme).
    for (const id of [programmeId, 'sd-maker-home-2020', 'sx-makerspace-2022']) await publishAndOpen(t.app, id);
    c = await createApplicant(t.app, '配额测试公司');
  });
  afterAll(async () => t?.close());

  const distinctPdf = (n: number) => pdf('', `% junk ${n}\n`);

  it('refuses the fourth file for one application, then the sixth of the user\'s day, and allows again a day later', async () => {
    const first = await createDraft(c);
    const second = await createDraft(c, 'sd-maker-home-2020');
    for (let n = 1; n <= 3; n += 1) expect((await upload(t.app, c, { purpose: 'stamped-scan', applicationId: first }, { name: `${n}.pdf`, bytes: distinctPdf(n) })).status).toBe(201);
    const fourth = await upload(t.app, c, { purpose: 'stamped-scan', applicationId: first }, { name: '4.pdf', bytes: distinctPdf(4) });
    expect(fourth.status).toBe(409);
    expect(fourth.body.error?.code).toBe('SB_ERR_UPLOAD_QUOTA_APPLICATION');
    // The same bytes again are stored once and count once.
    expect((await upload(t.app, c, { purpose: 'stamped-scan', applicationId: second }, { name: 'again.pdf', bytes: distinctPdf(1) })).status).toBe(201);
    for (let n = 5; n <= 6; n += 1) expect((await upload(t.app, c, { purpose: 'stamped-scan', applicationId: second }, { name: `${n}.pdf`, bytes: distinctPdf(n) })).status).toBe(201);
    const over = await upload(t.app, c, { purpose: 'stamped-scan', applicationId: second }, { name: '7.pdf', bytes: distinctPdf(7) });
    expect(over.status).toBe(429);
    expect(over.body.error?.code).toBe('SB_ERR_UPLOAD_QUOTA_USER');
    expect(over.body.error?.message.zh).toMatch(/^您 24 小时内已上传 5 个文件、共 [\d.]+ MB，已达上限（5 个、2048 MB），请稍后再试$/);
    const third = await createDraft(c, 'sx-makerspace-2022');
    const { me } = ok(await c.gql<{ me: { mobile: string } }>('{ me { mobile } }'));
    t.clock.advance(24 * 3600_000 + 60_000);
    ok(await c.login(me.mobile, testPassword)); // the session ended with the day
    expect((await upload(t.app, c, { purpose: 'stamped-scan', applicationId: third }, { name: '7.pdf', bytes: distinctPdf(7) })).status).toBe(201);
  });

  it('refuses 30 junk uploads beyond the quota (the probe got 30 of 30 in)', async () => {
    const d = await createApplicant(t.app, '配额测试丁公司');
    const application = await createDraft(d);
    const statuses: number[] = [];
    for (let n = 0; n < 30; n += 1) statuses.push((await upload(t.app, d, { purpose: 'stamped-scan', applicationId: application }, { name: `junk${n}.pdf`, bytes: distinctPdf(1000 + n) })).status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.slice(3).every((s) => s === 409)).toBe(true);
  });
});

async function startQuotaApp(database: TestDatabase, env: Record<string, string>) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-quota-'));
  const clock = new FakeClock('2026-03-02T01:00:00Z');
  const app = await buildApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, ...env }), { database, skipMigrations: true, clock });
  return {
    app, clock,
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

describeEachDatabase('uploads: a configured malware scanner that does not answer', (db) => {
  let t: Awaited<ReturnType<typeof startQuotaApp>>;
  let c: TestClient;
  beforeAll(async () => {
    t = await startQuotaApp(db(), { CLAMAV_SOCKET: path.join(os.tmpdir(), `sb-no-clamd-${process.pid}.sock`) });
    await publishAndOpen(t.app, programmeId);
    c = await createApplicant(t.app, '扫描测试公司');
  });
  afterAll(async () => t?.close());

  it('refuses uploads (fails closed) while clamd cannot be reached, storing nothing', async () => {
    const application = await createDraft(c);
    const before = (await t.app.services.db.select().from(attachments)).length;
    const result = await upload(t.app, c, { purpose: 'stamped-scan', applicationId: application }, { name: 'scan.pdf', bytes: pdf() });
    expect(result.status).toBe(503);
    expect(result.body.error?.code).toBe('SB_ERR_SCANNER_UNAVAILABLE');
    expect((await t.app.services.db.select().from(attachments)).length).toBe(before);
  });
});
