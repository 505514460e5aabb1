/**
 * Publishing and reading programmes. A published version is immutable (content-addressed by the folder's hash);
 * publishing identical content again changes nothing and says so; an application stays pinned to its version.
 */
import { and, desc, eq } from 'drizzle-orm';
import { checkProgramme, contentHash, loadProgramme, textIn, type Problem, type ProgrammeFiles } from '@shenbao/engine';
import type { Clock } from '../clock.ts';
import type { Database, DbOrTx, Transaction } from '../db/client.ts';
import { programmes, programmeVersions } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { buildRuntime, windowStates, type ProgrammeRuntime } from './programme-runtime.ts';
import type { WindowState } from './windows.ts';

export type PublishStatus = 'published' | 'unchanged' | 'refused';

export interface PublishResult {
  status: PublishStatus;
  programmeId: string | undefined;
  versionId: string | undefined;
  label: string | undefined;
  hash: string | undefined;
  problems: Problem[];
}

export type ProgrammeRow = typeof programmes.$inferSelect;

export interface ProgrammePublishedHook {
  (tx: DbOrTx, runtime: ProgrammeRuntime): Promise<void>;
}

/** Called inside the transaction that moved a window, with the programme's overrides as they now are. */
export interface WindowChangedHook {
  (tx: Transaction, programmeId: string, windowOverrides: ProgrammeRow['windowOverrides'], actorId: string | null): Promise<void>;
}

export class ProgrammeService {
  private readonly runtimes = new Map<string, Promise<ProgrammeRuntime>>();
  /** Called inside the publishing transaction, e.g. to load the programme's organisation units. */
  readonly onPublished: ProgrammePublishedHook[] = [];
  /** Called inside the transaction that moved a window, e.g. to move the review deadlines that read it. */
  readonly onWindowChanged: WindowChangedHook[] = [];

  constructor(private readonly db: Database, private readonly clock: Clock) {}

  /** Checks the folder, then stores it as a new immutable version unless identical content is already stored. */
  async publish(files: ProgrammeFiles, publishedBy: string | null): Promise<PublishResult> {
    const problems = await checkProgramme(files);
    const { programme } = loadProgramme(files);
    if (problems.length > 0 || !programme) {
      return { status: 'refused', programmeId: programme?.manifest.id, versionId: undefined, label: programme?.manifest.version, hash: undefined, problems };
    }
    const id = programme.manifest.id;
    const hash = contentHash(files);
    const versionId = `${id}@${hash.slice(0, 12)}`;
    const runtime = await this.runtime(versionId, files);
    return this.db.transaction(async (tx) => {
      const [existing] = await tx.select({ id: programmeVersions.id }).from(programmeVersions)
        .where(and(eq(programmeVersions.programmeId, id), eq(programmeVersions.contentHash, hash)));
      const now = this.clock.now();
      const title = textIn(programme.manifest.title);
      if (existing) {
        // Publishing old content again makes it current again, but stores nothing new.
        await tx.update(programmes).set({ currentVersionId: existing.id, title, updatedAt: now }).where(eq(programmes.id, id));
        return { status: 'unchanged' as const, programmeId: id, versionId: existing.id, label: programme.manifest.version, hash, problems: [] };
      }
      await tx.insert(programmeVersions).values({
        id: versionId, programmeId: id, label: programme.manifest.version, contentHash: hash, files: { ...files },
        publishedBy, publishedAt: now,
      });
      await tx.insert(programmes).values({ id, title, currentVersionId: versionId, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: programmes.id, set: { currentVersionId: versionId, title, updatedAt: now } });
      for (const hook of this.onPublished) await hook(tx, runtime);
      return { status: 'published' as const, programmeId: id, versionId, label: programme.manifest.version, hash, problems: [] };
    });
  }

  async list(): Promise<ProgrammeRow[]> {
    return this.db.select().from(programmes).orderBy(programmes.id);
  }

  async get(programmeId: string): Promise<ProgrammeRow> {
    const [row] = await this.db.select().from(programmes).where(eq(programmes.id, programmeId));
    if (!row) throw new AppError('SB_ERR_NOT_FOUND', { what: `申报项目 ${programmeId}` });
    return row;
  }

  async versions(programmeId: string): Promise<Array<typeof programmeVersions.$inferSelect>> {
    return this.db.select().from(programmeVersions).where(eq(programmeVersions.programmeId, programmeId))
      .orderBy(desc(programmeVersions.publishedAt));
  }

  /** The compiled runtime of a version (cached: versions never change). */
  /**
   * `executor` must be the caller's transaction when there is one: PGlite has a single connection, so a query on the
   * plain database from inside a transaction would wait for that transaction forever.
   */
  async runtime(versionId: string, knownFiles?: ProgrammeFiles, executor: DbOrTx = this.db): Promise<ProgrammeRuntime> {
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

  async currentRuntime(programmeId: string): Promise<ProgrammeRuntime> {
    const row = await this.get(programmeId);
    return this.runtime(row.currentVersionId);
  }

  async windows(programmeId: string): Promise<WindowState[]> {
    const row = await this.get(programmeId);
    const runtime = await this.runtime(row.currentVersionId);
    return windowStates(runtime.programme, row.windowOverrides, this.clock.now());
  }

  /** Sets a round's dates without editing the folder (extend a deadline, run again next year). */
  async setWindow(programmeId: string, windowId: string, opens: Date, closes: Date, actorId: string | null = null): Promise<void> {
    if (!(closes.getTime() > opens.getTime())) {
      throw new AppError('SB_ERR_VALIDATION', {}, { fields: { '/closes': [{ zh: '截止时间必须晚于开始时间', en: 'The closing time must be after the opening time' }] } });
    }
    const row = await this.get(programmeId);
    const runtime = await this.runtime(row.currentVersionId);
    if (!(windowId in runtime.programme.manifest.windows)) throw new AppError('SB_ERR_NOT_FOUND', { what: `时间窗口 ${windowId}` });
    const overrides = { ...row.windowOverrides, [windowId]: { opens: opens.toISOString(), closes: closes.toISOString() } };
    await this.db.transaction(async (tx) => {
      await tx.update(programmes).set({ windowOverrides: overrides, updatedAt: this.clock.now() }).where(eq(programmes.id, programmeId));
      for (const hook of this.onWindowChanged) await hook(tx, programmeId, overrides, actorId);
    });
  }
}
