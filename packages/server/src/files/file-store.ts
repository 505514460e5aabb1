/**
 * Where file bytes live. Uploads arrive in a local temp file (hashed and counted on the way, fsynced); only a file
 * that passed every check is handed to the blob store under its content address (sha256), so identical uploads are
 * stored once, a crash never leaves a half-written blob under a content name, and a refused upload is just a deleted
 * temp file. The blob store is the local disk (one process), PostgreSQL or S3-compatible object storage (several
 * processes): FILE_STORE, see create-file-store.ts.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../errors.ts';

/** How much of the start of a file is kept in memory for type detection. */
export const headBytes = 4096;

export interface StagedFile {
  sha256: string;
  size: number;
  head: Buffer;
  /** Reads the last `bytes` bytes (the zip directory of Office files). */
  tail(bytes: number): Promise<Buffer>;
  /** A fresh stream of all the bytes (for a malware scanner). */
  open(): Readable;
  /** All the bytes at once (for the PDF check; uploads are bounded by their field's limit). */
  readAll(): Promise<Buffer>;
}

export type StageResult = { status: 'staged'; file: StagedFile } | { status: 'too_large'; readBytes: number };

/** Committed bytes by content address. `put` is atomic: a reader sees no blob or the whole blob, never a part. */
export interface BlobStore {
  readonly kind: 'disk' | 'postgres' | 's3';
  has(sha256: string): Promise<boolean>;
  /** Stores the bytes of the local staged file `sourcePath`; may move it (the caller removes whatever is left). */
  put(sha256: string, sourcePath: string, size: number): Promise<void>;
  /** The bytes as a stream, or undefined when no blob has this address. */
  open(sha256: string): Promise<Readable | undefined>;
}

export interface FileStore {
  /**
   * Reads the source into a temp file. Stops reading as soon as more than `maxBytes` arrived (the temp file is then
   * already gone). A source that fails (broken upload) leaves nothing behind and the error propagates.
   */
  stage(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StageResult>;
  /** Hands a staged file to the blob store; if those bytes are stored already, the copy is dropped. */
  commit(file: StagedFile): Promise<void>;
  discard(file: StagedFile): Promise<void>;
  /** The bytes, or undefined when the blob is missing (e.g. a disk store of another process). */
  open(sha256: string): Promise<Readable | undefined>;
  /** All the bytes; SB_ERR_FILE_CONTENT_MISSING when the blob is missing. */
  readAll(sha256: string): Promise<Buffer>;
  exists(sha256: string): Promise<boolean>;
}

export function assertSha256(sha256: string): void {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

export class StagingFileStore implements FileStore {
  private readonly staged = new WeakMap<StagedFile, string>();

  constructor(private readonly tempDir: string, readonly blobs: BlobStore) {}

  async stage(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StageResult> {
    await mkdir(this.tempDir, { recursive: true });
    const tempPath = path.join(this.tempDir, `${randomUUID()}.part`);
    const handle = await open(tempPath, 'wx', 0o600);
    const hash = createHash('sha256');
    const headChunks: Buffer[] = [];
    let headLength = 0;
    let size = 0;
    let closed = false;
    const cleanUp = async () => {
      if (!closed) await handle.close().catch(() => {});
      closed = true;
      await rm(tempPath, { force: true });
    };
    try {
      for await (const chunk of source) {
        size += chunk.byteLength;
        if (size > maxBytes) {
          await cleanUp();
          return { status: 'too_large', readBytes: size };
        }
        hash.update(chunk);
        if (headLength < headBytes) {
          headChunks.push(Buffer.from(chunk.subarray(0, headBytes - headLength)));
          headLength += Math.min(chunk.byteLength, headBytes - headLength);
        }
        await handle.write(chunk);
      }
      await handle.sync();
      await handle.close();
      closed = true;
    } catch (error) {
      await cleanUp();
      throw error;
    }
    const file: StagedFile = {
      sha256: hash.digest('hex'),
      size,
      head: Buffer.concat(headChunks),
      tail: async (bytes) => {
        const reader = await open(tempPath, 'r');
        try {
          const length = Math.min(bytes, size);
          const buffer = Buffer.alloc(length);
          await reader.read(buffer, 0, length, size - length);
          return buffer;
        } finally {
          await reader.close();
        }
      },
      open: () => createReadStream(tempPath),
      readAll: () => readFile(tempPath),
    };
    this.staged.set(file, tempPath);
    return { status: 'staged', file };
  }

  async commit(file: StagedFile): Promise<void> {
    const tempPath = this.staged.get(file);
    if (!tempPath) throw new Error('file was not staged by this store or was already committed');
    this.staged.delete(file);
    try {
      if (!(await this.blobs.has(file.sha256))) await this.blobs.put(file.sha256, tempPath, file.size);
    } finally {
      await rm(tempPath, { force: true });
    }
  }

  async discard(file: StagedFile): Promise<void> {
    const tempPath = this.staged.get(file);
    this.staged.delete(file);
    if (tempPath) await rm(tempPath, { force: true });
  }

  open(sha256: string): Promise<Readable | undefined> {
    assertSha256(sha256);
    return this.blobs.open(sha256);
  }

  async readAll(sha256: string): Promise<Buffer> {
    const stream = await this.open(sha256);
    if (!stream) throw new AppError('SB_ERR_FILE_CONTENT_MISSING');
    return collect(stream);
  }

  exists(sha256: string): Promise<boolean> {
    assertSha256(sha256);
    return this.blobs.has(sha256);
  }
}
