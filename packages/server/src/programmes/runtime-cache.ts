/**
 * The compiled runtimes of published programme versions, built on first use and kept: versions are immutable, so an
 * entry never goes stale. Shared by every area that runs a programme.
 */
import { eq } from 'drizzle-orm';
import type { ProgrammeFiles } from '@shenbao/engine';
import type { Database, DbOrTx } from '../db/client.ts';
import { programmeVersions } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { buildRuntime, type ProgrammeRuntime } from './programme-runtime.ts';

export class ProgrammeRuntimes {
  private readonly runtimes = new Map<string, Promise<ProgrammeRuntime>>();

  constructor(private readonly db: Database) {}

  /**
   * The runtime of a version. `executor` must be the caller's transaction when there is one: PGlite has a single
   * connection, so a query on the plain database from inside a transaction would wait for that transaction forever.
   */
  runtime(versionId: string, knownFiles?: ProgrammeFiles, executor: DbOrTx = this.db): Promise<ProgrammeRuntime> {
    let runtime = this.runtimes.get(versionId);
    if (!runtime) {
      runtime = (async () => {
        let files = knownFiles;
        if (!files) {
          const [row] = await executor.select({ files: programmeVersions.files }).from(programmeVersions).where(eq(programmeVersions.id, versionId));
          if (!row) throw new AppError('SB_ERR_NOT_FOUND', { what: `申报项目版本 ${versionId}` });
          files = row.files;
        }
        return buildRuntime(versionId, files);
      })();
      this.runtimes.set(versionId, runtime);
      runtime.catch(() => this.runtimes.delete(versionId));
    }
    return runtime;
  }
}
