/**
 * Publishing and reading programmes. A published version is immutable (content-addressed by the folder's hash);
 * publishing identical content again changes nothing and says so; an application stays pinned to its version.
 */
import { and, desc, eq } from 'drizzle-orm';
import { contentHash, loadProgramme, textIn, type Problem, type ProgrammeFiles } from '@shenbao/engine';
import type { Clock } from '../clock.ts';
import type { Database, DbOrTx, Transaction } from '../db/client.ts';
import { programmes, programmeVersions } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { runHooks, type Hook } from '../hooks.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import { windowStates, type ProgrammeRuntime } from './programme-runtime.ts';
import { checkProgrammeFiles } from './publish-check.ts';
import type { ProgrammeRuntimes } from './runtime-cache.ts';
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

/** A window an administrator moved: the programme's overrides as they now are, and who moved it. */
export interface WindowChange {
  programmeId: string;
  windowOverrides: ProgrammeRow['windowOverrides'];
  actorId: string | null;
  /** The window moved, its new dates, and the override it replaced (undefined: it had the folder's dates). */
  windowId?: string;
  previous?: ProgrammeRow['windowOverrides'][string] | undefined;
}

/** What higher areas may react to (hooks.ts): run inside the transaction of the change. */
export interface ProgrammeHooks {
  /** A window moved, e.g. to move the review deadlines that read it (workflow/deadline-reschedule.ts). */
  windowChanged: readonly Hook<[tx: Transaction, change: WindowChange]>[];
}

/** Where a programme's declared categories and units go when it is published. */
export type ProgrammeUnitsStore = Pick<OrganisationsService, 'upsertProgrammeOrganisations'>;

export class ProgrammeService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly runtimes: ProgrammeRuntimes,
    private readonly units: ProgrammeUnitsStore,
    private readonly hooks: ProgrammeHooks,
  ) {}

  /** Checks the folder, then stores it as a new immutable version unless identical content is already stored. */
  private async currentWithSameContent(files: ProgrammeFiles): Promise<PublishResult | undefined> {
    const id = programmeIdOf(files);
    if (!id) return undefined;
    const hash = contentHash(files);
    const [current] = await this.db.select({ versionId: programmeVersions.id, label: programmeVersions.label }).from(programmes)
      .innerJoin(programmeVersions, eq(programmeVersions.id, programmes.currentVersionId))
      .where(and(eq(programmes.id, id), eq(programmeVersions.contentHash, hash)));
    return current ? { status: 'unchanged', programmeId: id, versionId: current.versionId, label: current.label, hash, problems: [] } : undefined;
  }

  async publish(files: ProgrammeFiles, publishedBy: string | null): Promise<PublishResult> {
    // Start-up publishes every folder on every start: content identical to the current version passed the check when
    // it was published and is not checked again (the check with its flow walk is most of the start-up time).
    const unchanged = await this.currentWithSameContent(files);
    if (unchanged) return unchanged;
    // The same check as `shenbao check` and the admin upload: a folder is published only when all of it passes.
    const { problems } = await checkProgrammeFiles(files);
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
      const declared = runtime.programme.manifest.organisations;
      await this.units.upsertProgrammeOrganisations(id, declared?.categories ?? [], declared?.units ?? [], tx);
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

  /** The compiled runtime of a version (see runtime-cache.ts; pass the transaction when inside one). */
  runtime(versionId: string, knownFiles?: ProgrammeFiles, executor: DbOrTx = this.db): Promise<ProgrammeRuntime> {
    return this.runtimes.runtime(versionId, knownFiles, executor);
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
      await runHooks(this.hooks.windowChanged, tx, { programmeId, windowOverrides: overrides, actorId, windowId, previous: row.windowOverrides[windowId] });
    });
  }
}

/** The id in programme.json, read without loading the rest (undefined when it cannot be read: the check will say why). */
function programmeIdOf(files: ProgrammeFiles): string | undefined {
  try {
    const manifest = JSON.parse(files['programme.json'] ?? '') as { id?: unknown };
    return typeof manifest.id === 'string' ? manifest.id : undefined;
  } catch {
    return undefined;
  }
}
