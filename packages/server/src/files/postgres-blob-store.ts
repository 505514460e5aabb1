/**
 * Blobs in PostgreSQL (FILE_STORE=postgres): every process on the database reads every file, with nothing else to
 * run. Chunks first, then the blob row, in one transaction; two processes committing the same content at once end
 * with one copy (the second transaction's rows conflict and are skipped).
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { fileBlobChunks, fileBlobs } from '../db/schema/index.ts';
import type { BlobStore } from './file-store.ts';

export const blobChunkBytes = 1024 * 1024;

export class PostgresBlobStore implements BlobStore {
  readonly kind = 'postgres';

  constructor(private readonly db: Database) {}

  async has(sha256: string): Promise<boolean> {
    const [row] = await this.db.select({ sha256: fileBlobs.sha256 }).from(fileBlobs).where(eq(fileBlobs.sha256, sha256)).limit(1);
    return row !== undefined;
  }

  async put(sha256: string, sourcePath: string, size: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      let seq = 0;
      for await (const chunk of createReadStream(sourcePath, { highWaterMark: blobChunkBytes })) {
        await tx.insert(fileBlobChunks).values({ sha256, seq, bytes: chunk as Buffer }).onConflictDoNothing();
        seq += 1;
      }
      await tx.insert(fileBlobs).values({ sha256, size, chunks: seq }).onConflictDoNothing();
    });
  }

  async open(sha256: string): Promise<Readable | undefined> {
    const [blob] = await this.db.select().from(fileBlobs).where(eq(fileBlobs.sha256, sha256)).limit(1);
    if (!blob) return undefined;
    const db = this.db;
    // One chunk per query: a 20 MB scan never sits in memory whole.
    return Readable.from((async function* () {
      for (let seq = 0; seq < blob.chunks; seq += 1) {
        const [row] = await db.select({ bytes: fileBlobChunks.bytes }).from(fileBlobChunks)
          .where(and(eq(fileBlobChunks.sha256, sha256), eq(fileBlobChunks.seq, seq)));
        if (!row) throw new Error(`blob ${sha256} lost chunk ${seq}`);
        yield row.bytes;
      }
    })());
  }
}
