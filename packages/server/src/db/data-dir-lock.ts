/**
 * PGlite has no lock across processes: two processes on one data directory corrupt it. A lock file next to the
 * database holds the owner's pid; a second process refuses to open while that pid is alive. A lock left by a process
 * that died (kill -9, power loss) is taken over, so a crash never needs manual cleanup.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

export class DataDirLockedError extends Error {
  constructor(readonly lockFile: string, readonly ownerPid: number) {
    super(`data directory locked by pid ${ownerPid} (${lockFile})`);
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock or throws DataDirLockedError; returns the release function. */
export function lockDataDir(lockFile: string): () => void {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(lockFile, 'utf8').trim() === String(process.pid)) rmSync(lockFile, { force: true });
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(lockFile, 'utf8').trim(), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) throw new DataDirLockedError(lockFile, owner);
      // Stale (its process is gone) or our own from an earlier open in this process: take it over.
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`could not take the data directory lock ${lockFile}`);
}
