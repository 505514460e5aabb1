/**
 * Where file bytes live. The disk store is content-addressed: `<root>/<sha[0..2]>/<sha>`, so identical uploads are
 * stored once. Bytes arrive in a temp file (hashed and counted on the way), are fsynced, and only then renamed into
 * place — a crash never leaves a half-written file under a content name, and a refused upload is just a deleted
 * temp file.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

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

export interface FileStore {
  /**
   * Reads the source into a temp file. Stops reading as soon as more than `maxBytes` arrived (the temp file is then
   * already gone). A source that fails (broken upload) leaves nothing behind and the error propagates.
   */
  stage(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StageResult>;
  /** Moves a staged file to its content address; if those bytes are stored already, the copy is dropped. */
  commit(file: StagedFile): Promise<void>;
  discard(file: StagedFile): Promise<void>;
  open(sha256: string): Readable;
  readAll(sha256: string): Promise<Buffer>;
  exists(sha256: string): Promise<boolean>;
}

export class DiskFileStore implements FileStore {
  private readonly tempDir: string;
  private readonly staged = new WeakMap<StagedFile, string>();

  constructor(readonly root: string) {
    this.tempDir = path.join(root, 'tmp');
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

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
    const target = this.pathOf(file.sha256);
    if (await this.exists(file.sha256)) {
      await rm(tempPath, { force: true });
      return;
    }
    await mkdir(path.dirname(target), { recursive: true });
    // rename is atomic on one file system: readers see either no file or the whole file.
    await rename(tempPath, target);
    const directory = await open(path.dirname(target), 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  }

  async discard(file: StagedFile): Promise<void> {
    const tempPath = this.staged.get(file);
    this.staged.delete(file);
    if (tempPath) await rm(tempPath, { force: true });
  }

  open(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }

  readAll(sha256: string): Promise<Buffer> {
    return readFile(this.pathOf(sha256));
  }

  async exists(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  }
}
