import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { attachments } from '../src/db/schema/index.ts';
import { demoPassword, seedDemoAccounts } from '../src/demo/demo-accounts.ts';
import type { Platform } from '../src/composition.ts';
import { defaultUploadLimits, type UploadLimits } from '../src/files/file-limits.ts';
import { createFileStore } from '../src/files/create-file-store.ts';
import { detectFileType } from '../src/files/file-type.ts';
import { createFilesModule } from '../src/files/files.module.ts';
import { createFilesService } from '../src/files/files.service.ts';
import type { ReadPolicy } from '../src/files/upload-purposes.ts';
import { describeEachDatabase } from './helpers/database.ts';
import { startAccountsApp, TestClient, type AccountsTestApp } from './fixtures/accounts-app.ts';

const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(32, 1)]);

function multipart(fields: Record<string, string>, file?: { name: string; bytes: Buffer }, options: { truncate?: boolean } = {}) {
  const boundary = '----sbfiles' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    // The browser's Content-Type is a lie on purpose: the server must not believe it.
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`), file.bytes);
    if (!options.truncate) parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  }
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * The files area on its own: every upload gets the limits this suite sets per case, and reads go through a read
 * policy the suite sets (the areas' own purposes and policies are tested with them).
 */
let limits: UploadLimits = defaultUploadLimits;
let mayRead: ReadPolicy = () => false;
function withSuiteFiles(platform: Platform) {
  const files = createFilesService(platform.db, platform.clock, createFileStore(platform.config, platform.db), {
    serverMaxBytes: platform.config.uploadMaxBytes,
    purposes: [{ matches: () => true, limits: () => limits }],
    readers: [(user, attachment) => mayRead(user, attachment)],
  });
  const filesModule = createFilesModule({ files, guards: platform.guards, serverMaxBytes: platform.config.uploadMaxBytes });
  return platform.modules.map((module) => (module.name === 'files' ? filesModule : module));
}

async function filesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (at: string) => {
    let entries;
    try {
      entries = await readdir(at, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) await walk(full);
      else found.push(path.relative(dir, full));
    }
  };
  await walk(dir);
  return found.sort();
}

describeEachDatabase('files: upload checks, content addressing, download rules', (database) => {
  let t: AccountsTestApp;
  let owner: TestClient;
  let other: TestClient;
  let admin: TestClient;
  let filesDir: string;

  beforeAll(async () => {
    t = await startAccountsApp(database(), {}, { modules: withSuiteFiles });
    await seedDemoAccounts(t.app.services);
    filesDir = path.join(t.dataDir, 'files');
    owner = new TestClient(t.app);
    other = new TestClient(t.app);
    admin = new TestClient(t.app);
    await owner.login('13900000001', demoPassword);
    await other.login('13900000002', demoPassword);
    await admin.login('13800000000', demoPassword);
  });
  afterAll(async () => t.close());
  beforeEach(() => {
    limits = defaultUploadLimits;
    mayRead = () => false;
  });

  const post = (client: TestClient | undefined, body: ReturnType<typeof multipart>) =>
    t.app.inject({ method: 'POST', url: '/api/files', payload: body.payload, headers: { ...body.headers, ...(client?.headers() ?? {}) } });

  describe('refusals leave nothing behind', () => {
    const cases: { title: string; code: string; status: number; setup?: () => void; body: () => ReturnType<typeof multipart>; anonymous?: boolean; message?: RegExp }[] = [
      {
        title: 'too large for the field (reading stops at the limit)',
        code: 'SB_ERR_FILE_TOO_LARGE',
        status: 413,
        setup: () => { limits = { maxBytes: 3 * 1024 * 1024, accept: ['pdf'] }; },
        body: () => multipart({ purpose: 'application-field' }, { name: '场地证明.pdf', bytes: Buffer.concat([pdf, Buffer.alloc(3 * 1024 * 1024)]) }),
        message: /3 MB/,
      },
      {
        title: 'wrong type, whatever the name says',
        code: 'SB_ERR_FILE_TYPE_NOT_ACCEPTED',
        status: 415,
        body: () => multipart({ purpose: 'application-field' }, { name: '证明.pdf', bytes: gif }),
        message: /GIF/,
      },
      { title: 'empty', code: 'SB_ERR_FILE_EMPTY', status: 400, body: () => multipart({ purpose: 'application-field' }, { name: 'empty.pdf', bytes: Buffer.alloc(0) }) },
      { title: 'truncated multipart', code: 'SB_ERR_UPLOAD_MALFORMED', status: 400, body: () => multipart({ purpose: 'application-field' }, { name: 'cut.pdf', bytes: pdf }, { truncate: true }) },
      { title: 'anonymous', code: 'SB_ERR_UNAUTHENTICATED', status: 401, anonymous: true, body: () => multipart({ purpose: 'application-field' }, { name: 'a.pdf', bytes: pdf }) },
    ];
    for (const c of cases) {
      it(c.title, async () => {
        c.setup?.();
        const before = await database().db.select().from(attachments);
        const response = await post(c.anonymous ? undefined : owner, c.body());
        expect(response.statusCode).toBe(c.status);
        const error = response.json().error;
        expect(error.code).toBe(c.code);
        if (c.message) {
          expect(error.message.zh).toMatch(c.message);
          expect(error.message.en).toMatch(c.message);
        }
        expect(await database().db.select().from(attachments)).toHaveLength(before.length);
        expect((await filesUnder(filesDir)).filter((f) => f.startsWith('tmp'))).toEqual([]);
      });
    }

    it('says what was found and what is accepted', async () => {
      const response = await post(owner, multipart({ purpose: 'application-field' }, { name: 'x.pdf', bytes: gif }));
      expect(response.json().error.message.zh).toBe('文件内容为 GIF 格式，此处只接受 PDF、JPG、PNG、BMP、Excel (xlsx)、CSV、ZIP');
    });
  });

  it('stores the same bytes once, under their SHA-256', async () => {
    const first = await post(owner, multipart({ purpose: 'application-field', fieldPointer: '/site/proof' }, { name: '场地证明.pdf', bytes: pdf }));
    const second = await post(other, multipart({ purpose: 'application-field' }, { name: 'copy.pdf', bytes: pdf }));
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ name: '场地证明.pdf', size: pdf.length, fileType: 'pdf' });
    expect(second.json().id).not.toBe(first.json().id);
    const stored = (await filesUnder(filesDir)).filter((f) => !f.startsWith('tmp'));
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(pdf).digest('hex');
    expect(stored.filter((f) => f.endsWith(sha))).toEqual([path.join(sha.slice(0, 2), sha)]);
  });

  describe('downloads', () => {
    let pdfId: string;
    let pngId: string;
    beforeAll(async () => {
      pdfId = (await post(owner, multipart({ purpose: 'application-field' }, { name: '申报书（盖章）.pdf', bytes: pdf }))).json().id;
      // Named .pdf but the bytes are a PNG: it is stored and served as what it is.
      pngId = (await post(owner, multipart({ purpose: 'application-field' }, { name: 'scan.pdf', bytes: png }))).json().id;
    });

    it('serves the uploader with attachment disposition, RFC 5987 name, sniffed type and nosniff', async () => {
      const response = await t.app.inject({ method: 'GET', url: `/api/files/${pdfId}`, headers: owner.headers() });
      expect(response.statusCode).toBe(200);
      expect(response.rawPayload.equals(pdf)).toBe(true);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="_______.pdf"; filename*=UTF-8''${encodeURIComponent('申报书（盖章）.pdf')}`,
      );
      const scan = await t.app.inject({ method: 'GET', url: `/api/files/${pngId}`, headers: owner.headers() });
      expect(scan.headers['content-type']).toBe('image/png');
    });

    it('opens PDFs and images inline only when asked', async () => {
      const inline = await t.app.inject({ method: 'GET', url: `/api/files/${pdfId}?inline=1`, headers: owner.headers() });
      expect(String(inline.headers['content-disposition'])).toMatch(/^inline;/);
    });

    it('refuses other users (audited) unless the read policy says yes; admins may read', async () => {
      const refused = await t.app.inject({ method: 'GET', url: `/api/files/${pdfId}`, headers: other.headers() });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('SB_ERR_FORBIDDEN');
      expect((await t.app.inject({ method: 'GET', url: `/api/files/${pdfId}`, headers: admin.headers() })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: `/api/files/${pdfId}` })).statusCode).toBe(401);

      mayRead = (user, attachment) => attachment.id === pdfId && user.mobile === '13900000002';
      expect((await t.app.inject({ method: 'GET', url: `/api/files/${pdfId}`, headers: other.headers() })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: `/api/files/${pngId}`, headers: other.headers() })).statusCode).toBe(403);
    });
  });
});

describe('file type detection from content', () => {
  it('tells Office files apart from plain zip by their parts', () => {
    const zipHead = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
    expect(detectFileType(Buffer.concat([zipHead, Buffer.from('[Content_Types].xml xl/workbook.xml')]))?.fileType).toBe('xlsx');
    expect(detectFileType(Buffer.concat([zipHead, Buffer.from('word/document.xml')]))?.fileType).toBe('docx');
    expect(detectFileType(Buffer.concat([zipHead, Buffer.from('photos/1.jpg')]))?.fileType).toBe('zip');
  });

  it('knows the image and document signatures, and names executables as dangerous', () => {
    expect(detectFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))?.fileType).toBe('jpg');
    const bmp = Buffer.alloc(40);
    bmp.write('BM', 0, 'latin1');
    bmp.writeUInt32LE(40, 14);
    expect(detectFileType(bmp)?.fileType).toBe('bmp');
    expect(detectFileType(Buffer.from('BMW 是一家公司'))?.fileType).toBe('txt');
    expect(detectFileType(Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]))).toMatchObject({ fileType: 'exe', dangerous: true }); // a Windows executable
    expect(detectFileType(Buffer.from('序号,姓名,手机号\n1,张三,13900000001\n'))?.fileType).toBe('csv');
  });
});
