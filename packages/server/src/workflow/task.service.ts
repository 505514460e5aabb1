/**
 * The reviewers' commands and queries: the inbox of their units' open tasks, and completing a task (approve, return
 * with a reason, or another outcome the flow offers) with the task form's data. Completing is ONE transaction: the
 * application row is locked, the task must still be open (else the caller lost a race: SB_ERR_CONFLICT), the flow runs
 * to its next wait state and everything is written together.
 */
import { and, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { completeTask, isStepFailure } from '@shenbao/engine';
import type { AuditService } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { Database, Transaction } from '../db/client.ts';
import { applications, organisations, programmes, tasks } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { runHooks } from '../hooks.ts';
import type { SessionUser } from '../access/session-user.ts';
import { reviewerOrganisations } from '../access/grants.ts';
import type { ProgrammeService } from '../programmes/programme.service.ts';
import type { ApplicationReader, ApplicationRow } from '../applications/application.service.ts';
import { foreignAttachments } from '../applications/foreign-attachments.ts';
import { recordEvent } from '../applications/history.ts';
import { applicationVariables } from '../applications/variables.ts';
import { persistStep } from './flow-persistence.ts';
import { workflowToAppError } from './workflow-errors.ts';
import type { WorkflowHooks } from './workflow-hooks.ts';

export type TaskRow = typeof tasks.$inferSelect;

export interface InboxFilter {
  programmeId?: string | undefined;
  status?: 'open' | 'completed' | 'all' | undefined;
  text?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface InboxItem {
  task: TaskRow;
  applicationNumber: string;
  applicationStatus: string;
  applicantName: string;
  programmeTitle: string;
}

export interface CompleteTaskInput {
  taskId: string;
  outcome: string;
  data?: Record<string, unknown> | undefined;
  reason?: string | undefined;
}

export interface SaveTaskDraftInput {
  taskId: string;
  data: Record<string, unknown>;
  /** The draft revision the reviewer edited; another one answers SB_ERR_CONFLICT. */
  dataRevision: number;
  /** The outcome the reviewer has picked so far (task-form rules read it), or null. */
  outcome?: string | null | undefined;
}

export interface SaveTaskDraftResult {
  task: TaskRow;
  /** Type/format/limit errors the draft still has (relative to the form); missing fields are not errors yet. */
  errors: Record<string, unknown>;
}

export class TaskService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly programmes: Pick<ProgrammeService, 'runtime'>,
    private readonly applications: Pick<ApplicationReader, 'get'>,
    private readonly hooks: WorkflowHooks,
    private readonly audit: Pick<AuditService, 'record'>,
  ) {}

  async inbox(user: SessionUser, filter: InboxFilter = {}): Promise<InboxItem[]> {
    const units = reviewerOrganisations(user);
    if (units.length === 0) return [];
    const conditions: SQL[] = [inArray(tasks.organisationId, units)];
    const status = filter.status ?? 'open';
    if (status !== 'all') conditions.push(eq(tasks.status, status));
    if (filter.programmeId) conditions.push(eq(tasks.programmeId, filter.programmeId));
    if (filter.text?.trim()) {
      const pattern = `%${filter.text.trim().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      conditions.push(or(ilike(applications.number, pattern), ilike(organisations.name, pattern), ilike(sql`${applications.data}::text`, pattern))!);
    }
    const rows = await this.db.select({
      task: tasks,
      applicationNumber: applications.number,
      applicationStatus: applications.status,
      applicantName: organisations.name,
      programmeTitle: programmes.title,
    }).from(tasks)
      .innerJoin(applications, eq(applications.id, tasks.applicationId))
      .innerJoin(organisations, eq(organisations.id, applications.applicantOrganisationId))
      .innerJoin(programmes, eq(programmes.id, tasks.programmeId))
      .where(and(...conditions))
      .orderBy(sql`${tasks.dueAt} asc nulls last`, desc(tasks.openedAt))
      .limit(Math.min(filter.limit ?? 100, 500)).offset(filter.offset ?? 0);
    return rows;
  }

  async get(user: SessionUser, taskId: string): Promise<TaskRow> {
    const [task] = await this.db.select().from(tasks).where(eq(tasks.id, taskId));
    if (!task) throw new AppError('SB_ERR_NOT_FOUND', { what: '任务' });
    await this.applications.get(user, task.applicationId);
    return task;
  }

  async tasksOf(user: SessionUser, applicationId: string): Promise<TaskRow[]> {
    await this.applications.get(user, applicationId);
    return this.db.select().from(tasks).where(eq(tasks.applicationId, applicationId)).orderBy(tasks.openedAt);
  }

  /**
   * Saves the task form's draft while the task is open (暂存 / autosave), so a reload or a refused decision loses
   * nothing the reviewer typed. Only a member of the task's unit may; the draft is stored even with wrong entries
   * (the errors come back for the form to show); a save based on another draft revision is refused
   * (SB_ERR_CONFLICT: a colleague of the unit saved meanwhile). Audited as `task.draft_saved`.
   */
  async saveDraft(user: SessionUser, input: SaveTaskDraftInput): Promise<SaveTaskDraftResult> {
    return this.db.transaction(async (tx) => {
      const locked = await lockApplicationForTask(tx, input.taskId);
      if (!locked) throw new AppError('SB_ERR_NOT_FOUND', { what: '任务' });
      const { application } = locked;
      // Re-read the task under the application's lock: the row read with the join may predate a wait.
      const [task] = await tx.select().from(tasks).where(eq(tasks.id, input.taskId)).for('update');
      if (!task) throw new AppError('SB_ERR_NOT_FOUND', { what: '任务' });
      if (task.kind !== 'review' || !task.formKey) throw new AppError('SB_ERR_FORBIDDEN');
      if (!task.organisationId || !reviewerOrganisations(user).includes(task.organisationId)) throw new AppError('SB_ERR_FORBIDDEN');
      if (task.status !== 'open') throw new AppError('SB_ERR_CONFLICT');
      if (task.dataRevision !== input.dataRevision) throw new AppError('SB_ERR_CONFLICT', {}, { dataRevision: task.dataRevision });
      const runtime = await this.programmes.runtime(application.programmeVersionId, undefined, tx);
      const form = runtime.programme.taskForms.find((f) => f.ref.id === task.formKey);
      if (!form) throw new AppError('SB_ERR_NOT_FOUND', { what: `审核表单 ${task.formKey}` });
      const saved = runtime.compiled.saveTaskFormDraft(task.formKey, input.data, input.outcome ? { outcome: input.outcome } : {});
      const foreign = await foreignAttachments(tx, application.id, form.schema, saved.data, '');
      const [row] = await tx.update(tasks).set({ data: saved.data, dataRevision: task.dataRevision + 1 })
        .where(and(eq(tasks.id, task.id), eq(tasks.status, 'open'), eq(tasks.dataRevision, task.dataRevision))).returning();
      if (!row) throw new AppError('SB_ERR_CONFLICT');
      await this.audit.record({
        actorId: user.id, action: 'task.draft_saved', result: 'ok', subjectType: 'task', subjectId: task.id,
        details: { applicationId: application.id, formKey: task.formKey, dataRevision: row.dataRevision },
      }, tx);
      return { task: row, errors: { ...saved.errors, ...foreign } };
    });
  }

  async complete(user: SessionUser, input: CompleteTaskInput): Promise<TaskRow> {
    return this.db.transaction(async (tx) => {
      const locked = await lockApplicationForTask(tx, input.taskId);
      if (!locked) throw new AppError('SB_ERR_NOT_FOUND', { what: '任务' });
      const { application, task, windowOverrides } = locked;
      if (task.kind === 'revise') throw new AppError('SB_ERR_FORBIDDEN');
      if (!task.organisationId || !reviewerOrganisations(user).includes(task.organisationId)) throw new AppError('SB_ERR_FORBIDDEN');
      if (task.status !== 'open') throw new AppError('SB_ERR_CONFLICT');
      if (task.kind === 'report') throw new AppError('SB_ERR_OUTCOME_NOT_ALLOWED', { outcome: input.outcome });
      if (!task.outcomes.includes(input.outcome)) throw new AppError('SB_ERR_OUTCOME_NOT_ALLOWED', { outcome: input.outcome });
      const reason = input.reason?.trim() ?? '';
      if (input.outcome === 'return' && !reason) throw new AppError('SB_ERR_REASON_REQUIRED');

      const runtime = await this.programmes.runtime(application.programmeVersionId, undefined, tx);
      let formData: Record<string, unknown> = input.data ?? {};
      if (task.formKey) {
        const form = runtime.programme.taskForms.find((f) => f.ref.id === task.formKey);
        const foreign = form ? await foreignAttachments(tx, application.id, form.schema, formData, '') : {};
        if (Object.keys(foreign).length > 0) throw new AppError('SB_ERR_VALIDATION', {}, { fields: foreign });
        const checked = runtime.compiled.validateTaskForm(task.formKey, formData, { outcome: input.outcome });
        if (Object.keys(checked.errors).length > 0) throw new AppError('SB_ERR_VALIDATION', {}, { fields: checked.errors });
        formData = checked.data;
      }
      const now = this.clock.now();
      const variables = applicationVariables(application, runtime, windowOverrides);
      const step = await completeTask(runtime.flow, application.flowState, {
        taskId: task.flowTaskId, outcome: input.outcome, data: formData, reason: reason || null, actor: user.id, variables,
      }, { clock: this.clock });
      // A reviewer who waited for the lock while another completed the task finds it closed in the (fresh) flow state,
      // or, at the latest, in the conditional update: either way the race's loser changes nothing.
      if (isStepFailure(step)) throw step.error.code === 'SB_ERR_TASK_NOT_OPEN' ? new AppError('SB_ERR_CONFLICT') : workflowToAppError(step.error);

      const [completed] = await tx.update(tasks).set({ status: 'completed', completedAt: now, completedBy: user.id, outcome: input.outcome, reason: reason || null, data: formData })
        .where(and(eq(tasks.id, task.id), eq(tasks.status, 'open'))).returning();
      if (!completed) throw new AppError('SB_ERR_CONFLICT');
      await recordEvent(tx, {
        applicationId: application.id, at: now, actor: user, actorOrganisationId: task.organisationId,
        action: input.outcome === 'return' ? 'return' : 'task.complete', taskDefinitionId: task.definitionId, taskName: task.name,
        outcome: input.outcome, opinion: reason || opinionOf(formData),
        details: input.outcome === 'return' ? { dataAtReturn: application.data, form: formData } : { form: formData },
      });
      const effects = await persistStep(tx, application, step, { now, actor: user, completedTaskId: task.flowTaskId });
      await runHooks(this.hooks.afterStep, tx, application, effects, user);
      return completed;
    });
  }
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

/** The opinion text of a task form, when it has a field conventionally holding it. */
function opinionOf(data: Record<string, unknown>): string | null {
  for (const key of ['opinion', 'reviewOpinion', 'comment']) {
    const value = data[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return null;
}
