/**
 * Applications as records: create a draft, read one (for whoever may see it), list the applicant's own, save a
 * section, check before submit. Moving an application through its flow (submit, withdraw, review) is the workflow
 * area's. Each command is ONE transaction that locks the application row and writes everything or nothing.
 */
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Database, Transaction } from '../db/client.ts';
import { applicationEvents, applications, tasks } from '../db/schema/index.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { AppError } from '../errors.ts';
import type { SessionUser } from '../access/session-user.ts';
import { actsForApplicant, applicantOrganisations, isProgrammeAdmin, reviewerOrganisations } from '../access/grants.ts';
import type { ProgrammeService } from '../programmes/programme.service.ts';
import { windowStates, type ProgrammeRuntime } from '../programmes/programme-runtime.ts';
import { foreignAttachments } from './foreign-attachments.ts';
import { recordEvent } from './history.ts';

export type ApplicationRow = typeof applications.$inferSelect;

/** What other areas need to read applications on a user's behalf. */
export type ApplicationReader = Pick<ApplicationService, 'get' | 'canSee'>;

export interface SaveSectionResult {
  application: ApplicationRow;
  sectionRevision: number;
  errors: Record<string, Array<{ zh: string; en: string }>>;
}

/** The shape of an application number (the column default in db/schema/applications.ts). */
const applicationNumberPattern = /^SB\d{4}-\d{6,}$/i;

export class ApplicationService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly programmes: Pick<ProgrammeService, 'get' | 'runtime'>,
    private readonly audit: Pick<AuditService, 'record'>,
  ) {}

  async create(user: SessionUser, programmeId: string): Promise<ApplicationRow> {
    const [organisationId] = applicantOrganisations(user);
    if (!organisationId) throw new AppError('SB_ERR_FORBIDDEN');
    const programme = await this.programmes.get(programmeId);
    const runtime = await this.programmes.runtime(programme.currentVersionId);
    assertApplyWindowOpen(runtime, programme.windowOverrides, this.clock.now());
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      // 开始申报 twice (or in two tabs) continues the organisation's draft for this programme rather than starting
      // another empty one; the lock makes two clicks at once agree on one draft.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`application:${organisationId}:${programmeId}`}))`);
      const [draft] = await tx.select().from(applications)
        .where(and(eq(applications.applicantOrganisationId, organisationId), eq(applications.programmeId, programmeId), eq(applications.status, 'draft')))
        .orderBy(desc(applications.updatedAt)).limit(1);
      if (draft) return draft;
      const [row] = await tx.insert(applications).values({
        id: randomUUID(), programmeId, programmeVersionId: programme.currentVersionId,
        applicantOrganisationId: organisationId, createdBy: user.id, createdAt: now, updatedAt: now,
      }).returning();
      await recordEvent(tx, { applicationId: row!.id, at: now, actor: user, actorOrganisationId: organisationId, action: 'create', details: { programmeVersionId: programme.currentVersionId } });
      return row!;
    });
  }

  /**
   * By id, or by the 申报编号 people read off screens and paper (SB2026-000123; numbers never look like ids): what the
   * `application` query answers, so an administrator can paste either. Commands take the id only.
   */
  async find(user: SessionUser, idOrNumber: string): Promise<ApplicationRow> {
    const number = applicationNumberPattern.exec(idOrNumber.trim());
    if (!number) return this.get(user, idOrNumber);
    const [row] = await this.db.select({ id: applications.id }).from(applications).where(eq(applications.number, number[0].toUpperCase()));
    if (!row) throw new AppError('SB_ERR_NOT_FOUND', { what: '申报' });
    return this.get(user, row.id);
  }

  /**
   * Deletes a draft that was never submitted (a withdrawn application keeps its record), for the organisation that
   * owns it; audited with its number. Its files and prints stay with their uploader: they are not the draft's rows.
   */
  async deleteDraft(user: SessionUser, applicationId: string, ip?: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const application = await lockApplication(tx, applicationId);
      if (!actsForApplicant(user, application.applicantOrganisationId)) throw new AppError('SB_ERR_FORBIDDEN');
      if (application.status !== 'draft' || application.firstSubmittedAt || application.flowState) throw new AppError('SB_ERR_NOT_DELETABLE');
      const [task] = await tx.select({ id: tasks.id }).from(tasks).where(eq(tasks.applicationId, application.id)).limit(1);
      if (task) throw new AppError('SB_ERR_NOT_DELETABLE');
      await tx.delete(applicationEvents).where(eq(applicationEvents.applicationId, application.id));
      await tx.delete(applications).where(and(eq(applications.id, application.id), isNull(applications.firstSubmittedAt)));
      await this.audit.record({
        actorId: user.id, action: 'application.draft_deleted', result: 'ok', subjectType: 'application', subjectId: application.id, ip,
        details: { number: application.number, programmeId: application.programmeId, organisationId: application.applicantOrganisationId },
      }, tx);
    });
  }

  /** Reads one application, if the user may see it. */
  async get(user: SessionUser, applicationId: string): Promise<ApplicationRow> {
    const [row] = await this.db.select().from(applications).where(eq(applications.id, applicationId));
    if (!row) throw new AppError('SB_ERR_NOT_FOUND', { what: '申报' });
    if (!(await this.canSee(user, row))) throw new AppError('SB_ERR_FORBIDDEN');
    return row;
  }

  async canSee(user: SessionUser, row: ApplicationRow): Promise<boolean> {
    if (actsForApplicant(user, row.applicantOrganisationId) || isProgrammeAdmin(user, row.programmeId)) return true;
    const units = reviewerOrganisations(user);
    if (units.length === 0) return false;
    const [task] = await this.db.select({ id: tasks.id }).from(tasks)
      .where(and(eq(tasks.applicationId, row.id), inArray(tasks.organisationId, units))).limit(1);
    return Boolean(task);
  }

  /** The applicant's own applications, newest first. */
  async listMine(user: SessionUser): Promise<ApplicationRow[]> {
    const organisations = applicantOrganisations(user);
    if (organisations.length === 0) return [];
    return this.db.select().from(applications).where(inArray(applications.applicantOrganisationId, organisations)).orderBy(desc(applications.createdAt));
  }

  /**
   * Saves one section as a draft. Computed fields are recomputed and unfillable values cleared by the engine; what
   * the client sent for them is ignored. The draft is stored even when some entries are still wrong (nothing typed is
   * lost); the errors come back for the form to show. A save based on an older revision of the section is refused.
   */
  async saveSection(user: SessionUser, applicationId: string, sectionId: string, input: Record<string, unknown>, expectedSectionRevision: number): Promise<SaveSectionResult> {
    return this.db.transaction(async (tx) => {
      const application = await lockApplication(tx, applicationId);
      if (!actsForApplicant(user, application.applicantOrganisationId)) throw new AppError('SB_ERR_FORBIDDEN');
      if (application.frozen || application.status === 'in_review' || application.status === 'completed') throw new AppError('SB_ERR_NOT_EDITABLE');
      const current = application.sectionRevisions[sectionId] ?? 0;
      if (current !== expectedSectionRevision) throw new AppError('SB_ERR_CONFLICT', {}, { sectionRevision: current });
      const runtime = await this.programmes.runtime(application.programmeVersionId, undefined, tx);
      if (!runtime.programme.sections.some((s) => s.ref.id === sectionId)) throw new AppError('SB_ERR_NOT_FOUND', { what: `表单 ${sectionId}` });
      const saved = runtime.compiled.saveSection(sectionId, input, { application: application.data });
      const section = runtime.programme.sections.find((s) => s.ref.id === sectionId)!;
      const foreign = await foreignAttachments(tx, application.id, section.schema, saved.data, `/${sectionId}`);
      const now = this.clock.now();
      const data = { ...application.data, [sectionId]: saved.data };
      const sectionRevisions = { ...application.sectionRevisions, [sectionId]: current + 1 };
      const [row] = await tx.update(applications).set({ data, sectionRevisions, revision: application.revision + 1, updatedAt: now })
        .where(eq(applications.id, applicationId)).returning();
      return { application: row!, sectionRevision: current + 1, errors: { ...saved.errors, ...foreign } };
    });
  }

  /** Validation and eligibility results without submitting, for the applicant to see before submit. */
  async precheck(user: SessionUser, applicationId: string): Promise<ReturnType<ProgrammeRuntime['compiled']['validateApplication']>> {
    const application = await this.get(user, applicationId);
    const runtime = await this.programmes.runtime(application.programmeVersionId);
    return runtime.compiled.validateApplication(application.data, {});
  }
}

/** Locks the application row for the rest of the transaction: concurrent commands on it queue behind this one. */
export async function lockApplication(tx: Transaction, applicationId: string): Promise<ApplicationRow> {
  const [row] = await tx.select().from(applications).where(eq(applications.id, applicationId)).for('update');
  if (!row) throw new AppError('SB_ERR_NOT_FOUND', { what: '申报' });
  return row;
}

/** An instant as the notice's people read it: local time in the programme's zone. */
export function formatInstant(at: Date, runtime: ProgrammeRuntime): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: runtime.programme.manifest.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(at);
}

/** Refuses a new application or a first submit outside the programme's apply window (by the server clock). */
export function assertApplyWindowOpen(runtime: ProgrammeRuntime, overrides: Record<string, { opens: string; closes: string }>, now: Date): void {
  const applyWindow = runtime.programme.manifest.applyWindow;
  const state = windowStates(runtime.programme, overrides, now).find((w) => w.id === applyWindow);
  if (!state) return;
  const title = runtime.programme.manifest.windows[applyWindow]?.title;
  const name = typeof title === 'string' ? title : title?.zh ?? applyWindow;
  if (state.phase === 'not_open') throw new AppError('SB_ERR_WINDOW_NOT_OPEN', { window: name, opens: formatInstant(state.opens, runtime) });
  if (state.phase === 'closed') throw new AppError('SB_ERR_WINDOW_CLOSED', { window: name, closes: formatInstant(state.closes, runtime) });
}
