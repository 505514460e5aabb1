/**
 * The three file stores against one contract (issue 21, item 2): the local disk, PostgreSQL (on PGlite and on the
 * server) and S3-compatible object storage (a local s3rver). Content addressing, limits, and "a refused upload leaves
 * nothing" hold for each; a missing blob is `undefined` (the route answers SB_ERR_FILE_CONTENT_MISSING), never a 500.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiskBlobStore } from '../src/files/disk-blob-store.ts';
import { StagingFileStore, type BlobStore } from '../src/files/file-store.ts';
import { blobChunkBytes, PostgresBlobStore } from '../src/files/postgres-blob-store.ts';
import { S3BlobStore } from '../src/files/s3-blob-store.ts';
import { fileBlobChunks, fileBlobs } from '../src/db/schema/index.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from './helpers/database.ts';

interface StoreUnderTest {
  name: string;
  blobs: BlobStore;
  /** How many blobs the backing store holds. */
  blobCount(): Promise<number>;
  close(): Promise<void>;
}

async function* chunksOf(bytes: Buffer, size = 64 * 1024): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function* failingAfter(bytes: Buffer): AsyncIterable<Uint8Array> {
  yield bytes;
  throw new Error('connection reset by the client');
}

async function read(stream: AsyncIterable<unknown> | undefined): Promise<Buffer | undefined> {
  if (!stream) return undefined;
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

const makers: Array<[string, () => Promise<StoreUnderTest>]> = [
  ['disk', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'sb-disk-blobs-'));
    return {
      name: 'disk', blobs: new DiskBlobStore(root),
      blobCount: async () => (await filesUnder(root)).length,
      close: () => rm(root, { recursive: true, force: true }),
    };
  }],
  ...databaseKinds.map((kind): [string, () => Promise<StoreUnderTest>] => [`postgres [${kind}]`, async () => {
    const database: TestDatabase = await createTestDatabase(kind);
    return {
      name: `postgres [${kind}]`, blobs: new PostgresBlobStore(database.db),
      blobCount: async () => (await database.db.select({ n: count() }).from(fileBlobs))[0]!.n,
      close: () => database.drop(),
    };
  }]),
  ['s3 (s3rver)', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'sb-s3rver-'));
    const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: 'shenbao' }] });
    const { port } = await server.run();
    const blobs = new S3BlobStore({
      endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', bucket: 'shenbao', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER',
      forcePathStyle: true, prefix: 'test/',
    });
    return {
      name: 's3 (s3rver)', blobs,
      // s3rver keeps each object as a file plus metadata files beside it: count the content files.
      blobCount: async () => (await filesUnder(path.join(directory, 'shenbao'))).filter((f) => f.endsWith('._S3rver_object')).length,
      close: async () => {
        blobs.close();
        await server.close();
        await rm(directory, { recursive: true, force: true });
      },
    };
  }],
];

for (const [storeName, make] of makers) {
  describe.sequential(`file store contract: ${storeName}`, () => {
    let store: StoreUnderTest;
    let files: StagingFileStore;
    let tempDir: string;

    beforeAll(async () => {
      store = await make();
      tempDir = await mkdtemp(path.join(os.tmpdir(), 'sb-staging-'));
      files = new StagingFileStore(tempDir, store.blobs);
    }, 60_000);
    afterAll(async () => {
      await store?.close();
      await rm(tempDir, { recursive: true, force: true });
    });

    it('stores, reads back byte for byte (a 5 MB scan across several chunks) and addresses by content', async () => {
      const bytes = randomBytes(5 * 1024 * 1024 + 123);
      const staged = await files.stage(chunksOf(bytes), 10 * 1024 * 1024);
      expect(staged.status).toBe('staged');
      if (staged.status !== 'staged') return;
      expect(staged.file.sha256).toBe(sha(bytes));
      await files.commit(staged.file);
      expect(await files.exists(sha(bytes)), store.name).toBe(true);
      expect((await read(await files.open(sha(bytes))))!.equals(bytes), store.name).toBe(true);
      expect((await files.readAll(sha(bytes))).equals(bytes)).toBe(true);
      expect(bytes.length).toBeGreaterThan(blobChunkBytes * 5);
      expect(await filesUnder(tempDir)).toEqual([]);
    }, 60_000);

    it('keeps identical content once, even when two uploads commit it at the same time', async () => {
      const before = await store.blobCount();
      const bytes = randomBytes(300_000);
      const [a, b] = await Promise.all([files.stage(chunksOf(bytes), 1e7), files.stage(chunksOf(bytes), 1e7)]);
      if (a.status !== 'staged' || b.status !== 'staged') throw new Error('not staged');
      await Promise.all([files.commit(a.file), files.commit(b.file)]);
      expect(await store.blobCount(), store.name).toBe(before + 1);
      expect((await files.readAll(sha(bytes))).equals(bytes)).toBe(true);
    }, 60_000);

    it('leaves nothing for a file over the limit, a broken upload or a discarded (refused) file', async () => {
      const before = await store.blobCount();
      const tooLarge = await files.stage(chunksOf(randomBytes(200_000)), 100_000);
      expect(tooLarge).toMatchObject({ status: 'too_large' });
      await expect(files.stage(failingAfter(randomBytes(10_000)), 1e7)).rejects.toThrow('connection reset');
      const refused = await files.stage(chunksOf(randomBytes(10_000)), 1e7);
      if (refused.status !== 'staged') throw new Error('not staged');
      await files.discard(refused.file);
      expect(await files.exists(refused.file.sha256)).toBe(false);
      expect(await store.blobCount(), store.name).toBe(before);
      expect(await filesUnder(tempDir)).toEqual([]);
    });

    it('answers undefined for content it does not hold, and readAll names SB_ERR_FILE_CONTENT_MISSING', async () => {
      const missing = sha(Buffer.from('never stored'));
      expect(await files.exists(missing)).toBe(false);
      expect(await files.open(missing)).toBeUndefined();
      await expect(files.readAll(missing)).rejects.toMatchObject({ code: 'SB_ERR_FILE_CONTENT_MISSING' });
      expect(() => files.exists('../../etc/passwd')).toThrow('not a sha256');
    });

    it('stores an empty file and a file of exactly one chunk', async () => {
      for (const bytes of [Buffer.alloc(0), randomBytes(blobChunkBytes)]) {
        const staged = await files.stage(chunksOf(bytes), 1e7);
        if (staged.status !== 'staged') throw new Error('not staged');
        await files.commit(staged.file);
        expect((await files.readAll(sha(bytes))).equals(bytes), `${store.name} ${bytes.length}`).toBe(true);
      }
    });
  });
}

describe('the PostgreSQL blob rows', () => {
  it('are written chunks first and blob row last in one transaction, so a blob row always has all its chunks', async () => {
    const database = await createTestDatabase('pglite');
    try {
      const blobs = new PostgresBlobStore(database.db);
      const files = new StagingFileStore(await mkdtemp(path.join(os.tmpdir(), 'sb-staging-')), blobs);
      const bytes = randomBytes(blobChunkBytes * 2 + 5);
      const staged = await files.stage(chunksOf(bytes), 1e8);
      if (staged.status !== 'staged') throw new Error('not staged');
      await files.commit(staged.file);
      const [blob] = await database.db.select().from(fileBlobs);
      const [chunks] = await database.db.select({ n: count() }).from(fileBlobChunks);
      expect(blob).toMatchObject({ size: bytes.length, chunks: 3 });
      expect(chunks!.n).toBe(3);
    } finally {
      await database.drop();
    }
  });
});
