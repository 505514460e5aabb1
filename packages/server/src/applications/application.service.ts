/**
 * The applicant's commands: create a draft, save a section, submit (or resubmit after a return), withdraw. Each
 * command is ONE transaction that locks the application row, checks the revision the caller saw, runs the flow to
 * its next wait state and writes everything (data, flow state, tasks, timers, history) or nothing.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { completeTask, isStepFailure, startFlow, withdrawFlow } from '@shenbao/engine';
import type { Clock } from '../clock.ts';
import type { Database, Transaction } from '../db/client.ts';
import { applicationEvents, applications, programmes, tasks, timers } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import type { SessionUser } from '../auth/session-user.ts';
import type { ProgrammeService } from '../programmes/programme.service.ts';
import { windowStates } from '../programmes/programme-runtime.ts';
import type { ProgrammeRuntime } from '../programmes/programme-runtime.ts';
import { persistStep, type StepEffects } from '../workflow/flow-persistence.ts';
import { workflowToAppError } from '../workflow/workflow-errors.ts';
import { actsForApplicant, applicantOrganisations, isProgrammeAdmin, reviewerOrganisations } from './access.ts';
import { diffData } from './data-diff.ts';
import { foreignAttachments } from './attachment-policy.ts';
import { recordEvent } from './history.ts';
import { applicationVariables } from './variables.ts';

export type ApplicationRow = typeof applications.$inferSelect;

/** A check run inside the submit transaction after validation (e.g. the stamped scan of the latest print). */
export type SubmitCheck = (tx: Transaction, application: ApplicationRow, runtime: ProgrammeRuntime) => Promise<void>;
/** Called with the effects of every flow step (e.g. to queue prints a `print` service task asked for). */
export type StepListener = (tx: Transaction, application: ApplicationRow, effects: StepEffects, actor: SessionUser | null) => Promise<void>;

export interface SaveSectionResult {
  application: ApplicationRow;
  sectionRevision: number;
  errors: Record<string, Array<{ zh: string; en: string }>>;
}

export class ApplicationService {
  readonly submitChecks: SubmitCheck[] = [];
  readonly stepListeners: StepListener[] = [];

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly programmes: ProgrammeService,
  ) {}

  async create(user: SessionUser, programmeId: string): Promise<ApplicationRow> {
    const [organisationId] = applicantOrganisations(user);
    if (!organisationId) throw new AppError('SB_ERR_FORBIDDEN');
    const programme = await this.programmes.get(programmeId);
    const runtime = await this.programmes.runtime(programme.currentVersionId);
    this.assertApplyWindowOpen(runtime, programme.windowOverrides);
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const [row] = await tx.insert(applications).values({
        id: randomUUID(), programmeId, programmeVersionId: programme.currentVersionId,
        applicantOrganisationId: organisationId, createdBy: user.id, createdAt: now, updatedAt: now,
      }).returning();
      await recordEvent(tx, { applicationId: row!.id, at: now, actor: user, actorOrganisationId: organisationId, action: 'create', details: { programmeVersionId: programme.currentVersionId } });
      return row!;
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

  /** Submits a draft (starting the flow) or resubmits after a return (completing the revise task). */
  async submit(user: SessionUser, applicationId: string, expectedRevision?: number): Promise<ApplicationRow> {
    return this.db.transaction(async (tx) => {
      const application = await lockApplication(tx, applicationId);
      if (!actsForApplicant(user, application.applicantOrganisationId)) throw new AppError('SB_ERR_FORBIDDEN');
      if (application.status === 'in_review' || application.status === 'completed') throw new AppError('SB_ERR_ALREADY_SUBMITTED');
      if (expectedRevision !== undefined && expectedRevision !== application.revision) throw new AppError('SB_ERR_CONFLICT');
      const programme = (await tx.select().from(programmes).where(eq(programmes.id, application.programmeId)))[0]!;
      const runtime = await this.programmes.runtime(application.programmeVersionId, undefined, tx);
      const now = this.clock.now();

      let reviseTask: typeof tasks.$inferSelect | undefined;
      if (application.status === 'draft') {
        this.assertApplyWindowOpen(runtime, programme.windowOverrides);
      } else {
        [reviseTask] = await tx.select().from(tasks)
          .where(and(eq(tasks.applicationId, application.id), eq(tasks.status, 'open'), eq(tasks.kind, 'revise')));
        if (!reviseTask) throw new AppError('SB_ERR_CONFLICT');
        if (reviseTask.dueAt && now.getTime() > reviseTask.dueAt.getTime()) {
          throw new AppError('SB_ERR_WINDOW_CLOSED', { window: reviseTask.name, closes: formatInstant(reviseTask.dueAt, runtime) });
        }
      }

      const validation = runtime.compiled.validateApplication(application.data, {});
      const failedRules = validation.rules.filter((r) => !r.passed && r.severity === 'hard');
      const fieldErrors = { ...validation.errors };
      for (const section of runtime.programme.sections) {
        Object.assign(fieldErrors, await foreignAttachments(tx, application.id, section.schema, validation.data[section.ref.id], `/${section.ref.id}`));
      }
      if (Object.keys(fieldErrors).length > 0 || failedRules.length > 0) {
        throw new AppError('SB_ERR_VALIDATION', {}, { fields: fieldErrors, rules: failedRules });
      }
      for (const check of this.submitChecks) await check(tx, application, runtime);

      const validated = { ...application, data: validation.data };
      const variables = applicationVariables(validated, runtime, programme.windowOverrides);
      const env = { clock: this.clock };
      const timeZone = runtime.programme.manifest.timeZone;
      const step = reviseTask
        ? await completeTask(runtime.flow, application.flowState, {
          taskId: reviseTask.flowTaskId, outcome: reviseTask.outcomes[0] ?? 'resubmit', actor: user.id, variables,
        }, env)
        : await startFlow(runtime.flow, { variables, env, timeZone });
      if (isStepFailure(step)) throw workflowToAppError(step.error);

      let changes: ReturnType<typeof diffData> = [];
      if (reviseTask) {
        await tx.update(tasks).set({ status: 'completed', completedAt: now, completedBy: user.id, outcome: reviseTask.outcomes[0] ?? 'resubmit' })
          .where(eq(tasks.id, reviseTask.id));
        changes = await this.changesSinceReturn(tx, application.id, validation.data);
      }
      const effects = await persistStep(tx, application, step, {
        now, actor: user, completedTaskId: reviseTask?.flowTaskId,
        extra: { data: validation.data, submittedAt: now, firstSubmittedAt: application.firstSubmittedAt ?? now },
      });
      await recordEvent(tx, {
        applicationId: application.id, at: now, actor: user, actorOrganisationId: application.applicantOrganisationId,
        action: reviseTask ? 'resubmit' : 'submit', details: reviseTask ? { changes } : {},
      });
      for (const listener of this.stepListeners) await listener(tx, application, effects, user);
      return (await tx.select().from(applications).where(eq(applications.id, application.id)))[0]!;
    });
  }

  /** Takes a submitted application back to draft while its reviewer has not acted yet. */
  async withdraw(user: SessionUser, applicationId: string): Promise<ApplicationRow> {
    return this.db.transaction(async (tx) => {
      const application = await lockApplication(tx, applicationId);
      if (!actsForApplicant(user, application.applicantOrganisationId)) throw new AppError('SB_ERR_FORBIDDEN');
      if (application.status !== 'in_review') throw new AppError('SB_ERR_NOT_WITHDRAWABLE');
      const step = withdrawFlow(application.flowState);
      if (isStepFailure(step)) throw workflowToAppError(step.error);
      const now = this.clock.now();
      await tx.update(tasks).set({ status: 'cancelled', completedAt: now })
        .where(and(eq(tasks.applicationId, application.id), eq(tasks.status, 'open')));
      await tx.delete(timers).where(and(eq(timers.applicationId, application.id), sql`${timers.firedAt} is null`));
      await tx.update(applications).set({ status: 'draft', frozen: false, flowState: null, revision: application.revision + 1, updatedAt: now })
        .where(eq(applications.id, application.id));
      await recordEvent(tx, { applicationId: application.id, at: now, actor: user, actorOrganisationId: application.applicantOrganisationId, action: 'withdraw' });
      return (await tx.select().from(applications).where(eq(applications.id, application.id)))[0]!;
    });
  }

  private assertApplyWindowOpen(runtime: ProgrammeRuntime, overrides: Record<string, { opens: string; closes: string }>): void {
    const applyWindow = runtime.programme.manifest.applyWindow;
    const state = windowStates(runtime.programme, overrides, this.clock.now()).find((w) => w.id === applyWindow);
    if (!state) return;
    const title = runtime.programme.manifest.windows[applyWindow]?.title;
    const name = typeof title === 'string' ? title : title?.zh ?? applyWindow;
    if (state.phase === 'not_open') throw new AppError('SB_ERR_WINDOW_NOT_OPEN', { window: name, opens: formatInstant(state.opens, runtime) });
    if (state.phase === 'closed') throw new AppError('SB_ERR_WINDOW_CLOSED', { window: name, closes: formatInstant(state.closes, runtime) });
  }

  private async changesSinceReturn(tx: Transaction, applicationId: string, data: unknown): Promise<ReturnType<typeof diffData>> {
    const [returned] = await tx.select({ details: applicationEvents.details }).from(applicationEvents)
      .where(and(eq(applicationEvents.applicationId, applicationId), eq(applicationEvents.action, 'return')))
      .orderBy(desc(applicationEvents.id)).limit(1);
    const before = returned?.details.dataAtReturn;
    return before === undefined ? [] : diffData(before, data);
  }
}

/** Locks the application row for the rest of the transaction: concurrent commands on it queue behind this one. */
export async function lockApplication(tx: Transaction, applicationId: string): Promise<ApplicationRow> {
  const [row] = await tx.select().from(applications).where(eq(applications.id, applicationId)).for('update');
  if (!row) throw new AppError('SB_ERR_NOT_FOUND', { what: '申报' });
  return row;
}

/**
 * Locks the application a task belongs to, in one round trip, and reads the task and its programme's window overrides
 * (which the flow's variables need) with it. Undefined when there is no such task.
 *
 * Only the application row is locked, and it is re-read after a wait (PostgreSQL's READ COMMITTED), so the
 * application and its flow state are the latest; the task row may be the one from before the wait. The caller must
 * therefore let the flow state and a conditional update (`status = 'open'`) decide whether the task is still open.
 */
export async function lockApplicationForTask(tx: Transaction, taskId: string): Promise<{
  application: ApplicationRow;
  task: typeof tasks.$inferSelect;
  windowOverrides: (typeof programmes.$inferSelect)['windowOverrides'];
} | undefined> {
  const [row] = await tx.select({ application: applications, task: tasks, windowOverrides: programmes.windowOverrides })
    .from(tasks)
    .innerJoin(applications, eq(applications.id, tasks.applicationId))
    .innerJoin(programmes, eq(programmes.id, applications.programmeId))
    .where(eq(tasks.id, taskId))
    .for('update', { of: applications });
  return row;
}

/** An instant as the notice's people read it: local time in the programme's zone. */
export function formatInstant(at: Date, runtime: ProgrammeRuntime): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: runtime.programme.manifest.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(at);
}

