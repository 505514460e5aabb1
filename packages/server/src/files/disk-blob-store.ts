/**
 * Blobs on the local disk, `<root>/<sha[0..2]>/<sha>`: the embedded default, for one process (or several that share
 * one file system). Moved into place by rename, which is atomic on one file system; copied when the temp directory
 * is on another one (EXDEV).
 */
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobStore } from './file-store.ts';

export class DiskBlobStore implements BlobStore {
  readonly kind = 'disk';

  constructor(readonly root: string) {}

  pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  }

  async put(sha256: string, sourcePath: string): Promise<void> {
    const target = this.pathOf(sha256);
    await mkdir(path.dirname(target), { recursive: true });
    try {
      // The staged file is already fsynced: moving it is atomic on one file system.
      await rename(sourcePath, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      // Another file system: copied under a temp name, synced, then renamed, so never a half file.
      const temp = `${target}.${process.pid}.part`;
      try {
        await copyFile(sourcePath, temp);
        const handle = await open(temp, 'r+');
        await handle.sync().finally(() => handle.close());
        await rename(temp, target);
      } finally {
        await rm(temp, { force: true });
      }
    }
    const directory = await open(path.dirname(target), 'r');
    await directory.sync().finally(() => directory.close());
  }

  async open(sha256: string): Promise<Readable | undefined> {
    if (!(await this.has(sha256))) return undefined;
    return createReadStream(this.pathOf(sha256));
  }
}
