/**
 * 排序上报: a reviewing unit numbers the applications waiting in its report task and reports them upward ONCE, within
 * its category's quota. Those it reports leave the task with the task's first outcome, the rest with the second
 * (programme-format: a report task's `shenbao:outcomes` are "<reported> <not reported>"). The quota and "once" are
 * enforced in the transaction (a lock on the unit's row) and by database constraints (see schema rankings/reports).
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { attachmentIdsIn, completeTask, isStepFailure, type JsonSchema } from '@shenbao/engine';
import type { Clock } from '../clock.ts';
import type { Database, Transaction } from '../db/client.ts';
import { applications, attachments, organisations, programmes, rankings, reports, tasks } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import type { SessionUser } from '../access/session-user.ts';
import { runHooks } from '../hooks.ts';
import { reviewerOrganisations } from '../access/grants.ts';
import type { ProgrammeService } from '../programmes/programme.service.ts';
import { lockApplication } from '../applications/application.service.ts';
import { recordEvent } from '../applications/history.ts';
import { applicationVariables } from '../applications/variables.ts';
import { persistStep } from './flow-persistence.ts';
import { workflowToAppError } from './workflow-errors.ts';
import type { WorkflowHooks } from './workflow-hooks.ts';

export interface RankingScope {
  programmeId: string;
  organisationId: string;
  taskDefinitionId: string;
}

export interface RankingView {
  scope: RankingScope;
  quota: number | null;
  reported: { at: Date; by: string; count: number } | null;
  /** Applications waiting in the report task (open), with their rank if ranked. */
  candidates: Array<{ taskId: string; applicationId: string; applicationNumber: string; applicantName: string; rank: number | null }>;
}

export class RankingService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly programmes: Pick<ProgrammeService, 'currentRuntime' | 'runtime'>,
    private readonly hooks: WorkflowHooks,
  ) {}

  private assertMember(user: SessionUser, organisationId: string): void {
    if (!reviewerOrganisations(user).includes(organisationId)) throw new AppError('SB_ERR_FORBIDDEN');
  }

  /** The quota of the unit's category in the programme (null: no quota). */
  async quotaFor(programmeId: string, organisationId: string): Promise<number | null> {
    const [unit] = await this.db.select({ category: organisations.category }).from(organisations).where(eq(organisations.id, organisationId));
    const runtime = await this.programmes.currentRuntime(programmeId);
    const category = runtime.programme.manifest.organisations?.categories?.find((c) => c.id === unit?.category);
    return category?.quota ?? null;
  }

  async view(user: SessionUser, scope: RankingScope): Promise<RankingView> {
    this.assertMember(user, scope.organisationId);
    const quota = await this.quotaFor(scope.programmeId, scope.organisationId);
    const [report] = await this.db.select().from(reports).where(and(
      eq(reports.programmeId, scope.programmeId), eq(reports.organisationId, scope.organisationId), eq(reports.taskDefinitionId, scope.taskDefinitionId)));
    const ranked = await this.db.select().from(rankings).where(scopeOf(scope));
    // The applicant by name beside the number: a reviewer ranks organisations, not numbers.
    const open = await this.db.select({ taskId: tasks.id, applicationId: tasks.applicationId, applicationNumber: applications.number, applicantName: organisations.name })
      .from(tasks).innerJoin(applications, eq(applications.id, tasks.applicationId))
      .innerJoin(organisations, eq(organisations.id, applications.applicantOrganisationId))
      .where(and(eq(tasks.programmeId, scope.programmeId), eq(tasks.organisationId, scope.organisationId), eq(tasks.definitionId, scope.taskDefinitionId), eq(tasks.status, 'open')))
      .orderBy(asc(applications.number));
    const rankOf = new Map(ranked.map((r) => [r.taskId, r.rank]));
    return {
      scope,
      quota,
      reported: report ? { at: report.reportedAt, by: report.reportedBy, count: report.itemCount } : null,
      candidates: open.map((c) => ({ ...c, rank: rankOf.get(c.taskId) ?? null })),
    };
  }

  /**
   * Replaces the unit's ranking with `taskIds` in order (rank 1 first). Refused over quota, after the report, or
   * when a task is not waiting in this unit's report task.
   */
  async setRanking(user: SessionUser, scope: RankingScope, taskIds: string[]): Promise<void> {
    this.assertMember(user, scope.organisationId);
    if (new Set(taskIds).size !== taskIds.length) throw new AppError('SB_ERR_BAD_REQUEST', { detail: 'duplicate task in ranking' });
    const quota = await this.quotaFor(scope.programmeId, scope.organisationId);
    if (quota !== null && taskIds.length > quota) throw new AppError('SB_ERR_QUOTA_EXCEEDED', { quota });
    await this.db.transaction(async (tx) => {
      await this.lockUnit(tx, scope.organisationId);
      await this.assertNotReported(tx, scope);
      const open = await this.openReportTasks(tx, scope);
      const byId = new Map(open.map((t) => [t.id, t]));
      for (const id of taskIds) if (!byId.has(id)) throw new AppError('SB_ERR_CONFLICT');
      await tx.delete(rankings).where(and(scopeOf(scope), isNull(rankings.reportId)));
      const now = this.clock.now();
      let rank = 0;
      for (const id of taskIds) {
        rank += 1;
        await tx.insert(rankings).values({
          id: randomUUID(), ...scope, applicationId: byId.get(id)!.applicationId, taskId: id, rank, quota, rankedBy: user.id, rankedAt: now,
        });
      }
    });
  }

  /** Adds one application at the end of the ranking (the quota may be reached by racing calls: one loses). */
  async addToRanking(user: SessionUser, scope: RankingScope, taskId: string): Promise<number> {
    this.assertMember(user, scope.organisationId);
    const quota = await this.quotaFor(scope.programmeId, scope.organisationId);
    return this.db.transaction(async (tx) => {
      await this.lockUnit(tx, scope.organisationId);
      await this.assertNotReported(tx, scope);
      const open = await this.openReportTasks(tx, scope);
      const task = open.find((t) => t.id === taskId);
      if (!task) throw new AppError('SB_ERR_CONFLICT');
      const existing = await tx.select().from(rankings).where(scopeOf(scope));
      const mine = existing.find((r) => r.taskId === taskId);
      if (mine) return mine.rank;
      const rank = existing.length + 1;
      if (quota !== null && rank > quota) throw new AppError('SB_ERR_QUOTA_EXCEEDED', { quota });
      await tx.insert(rankings).values({ id: randomUUID(), ...scope, applicationId: task.applicationId, taskId, rank, quota, rankedBy: user.id, rankedAt: this.clock.now() });
      return rank;
    });
  }

  /**
   * Reports the ranking upward, once. Every waiting application leaves the report task in this one transaction.
   * When the report task has a form (a recommendation letter, the summary tables signed and stamped), the unit fills
   * it once here; its files are uploaded with purpose `report:<programmeId>` and are registered again for each
   * reported application, so whoever may see an application may open its letter.
   */
  async report(user: SessionUser, scope: RankingScope, formInput: Record<string, unknown> = {}): Promise<{ reported: number; notReported: number }> {
    this.assertMember(user, scope.organisationId);
    const quota = await this.quotaFor(scope.programmeId, scope.organisationId);
    const runtime = await this.programmes.currentRuntime(scope.programmeId);
    const definition = runtime.flow.userTasks[scope.taskDefinitionId];
    // Only a report step of this programme's flow can be reported; a made-up step would leave a report row behind.
    if (definition?.kind !== 'report') throw new AppError('SB_ERR_REPORT_TASK_NOT_OPEN', { task: scope.taskDefinitionId });
    let formData: Record<string, unknown> = {};
    let formSchema: JsonSchema | undefined;
    if (definition?.formKey) {
      const checked = runtime.compiled.validateTaskForm(definition.formKey, formInput, { outcome: definition.outcomes[0] });
      if (Object.keys(checked.errors).length > 0) throw new AppError('SB_ERR_VALIDATION', {}, { fields: checked.errors });
      formData = checked.data;
      formSchema = runtime.programme.taskForms.find((f) => f.ref.id === definition.formKey)?.schema;
    }
    try {
      return await this.db.transaction(async (tx) => {
        await this.lockUnit(tx, scope.organisationId);
        await this.assertNotReported(tx, scope);
        const open = await this.openReportTasks(tx, scope);
        // Reporting is for a unit with applications waiting in that step; nothing waiting is nothing to report.
        if (open.length === 0) throw new AppError('SB_ERR_REPORT_TASK_NOT_OPEN', { task: definition.name || scope.taskDefinitionId });
        const ranked = await tx.select().from(rankings).where(scopeOf(scope)).orderBy(asc(rankings.rank));
        if (quota !== null && ranked.length > quota) throw new AppError('SB_ERR_QUOTA_EXCEEDED', { quota });
        const now = this.clock.now();
        const reportId = randomUUID();
        await tx.insert(reports).values({ id: reportId, ...scope, itemCount: ranked.length, quota, reportedBy: user.id, reportedAt: now });
        await tx.update(rankings).set({ reportId }).where(scopeOf(scope));
        const rankOf = new Map(ranked.map((r) => [r.taskId, r.rank]));
        const letterFiles = formSchema ? await this.ownReportFiles(tx, user, scope.programmeId, formSchema, formData) : [];
        let reported = 0;
        for (const task of open) {
          const rank = rankOf.get(task.id);
          const [included, excluded] = task.outcomes;
          const outcome = rank !== undefined ? included : excluded ?? included;
          if (!outcome) throw new AppError('SB_ERR_INTERNAL', {}, { detail: `report task ${task.definitionId} declares no outcomes` });
          if (rank !== undefined) reported += 1;
          const data = await withFilesRegisteredFor(tx, task.applicationId, formData, letterFiles);
          await this.completeReportTask(tx, user, task, outcome, rank ?? null, data, now);
        }
        return { reported, notReported: open.length - reported };
      });
    } catch (error) {
      // Two reports racing: the unique index lets exactly one in; the other is told it was already done.
      if (isUniqueViolation(error)) throw new AppError('SB_ERR_ALREADY_REPORTED');
      throw error;
    }
  }

  /** The report form's files: each must have been uploaded by this user for this programme's reports. */
  private async ownReportFiles(tx: Transaction, user: SessionUser, programmeId: string, schema: JsonSchema, data: unknown): Promise<Array<typeof attachments.$inferSelect>> {
    const held = attachmentIdsIn(schema, data);
    if (held.length === 0) return [];
    const rows = await tx.select().from(attachments).where(inArray(attachments.id, held.map((h) => h.id)));
    const mine = new Map(rows.filter((r) => r.uploadedBy === user.id && r.purpose === `report:${programmeId}`).map((r) => [r.id, r]));
    const foreign = held.filter((h) => !mine.has(h.id));
    if (foreign.length > 0) {
      const message = { zh: '附件不存在或不是本人为本次上报上传的，请重新上传', en: 'This file does not exist or was not uploaded by you for this report; upload it again' };
      throw new AppError('SB_ERR_VALIDATION', {}, { fields: Object.fromEntries(foreign.map((f) => [f.pointer, [message]])) });
    }
    return [...mine.values()];
  }

  private async completeReportTask(tx: Transaction, user: SessionUser, task: typeof tasks.$inferSelect, outcome: string, rank: number | null, form: Record<string, unknown>, now: Date): Promise<void> {
    const application = await lockApplication(tx, task.applicationId);
    const runtime = await this.programmes.runtime(application.programmeVersionId, undefined, tx);
    const [programme] = await tx.select().from(programmes).where(eq(programmes.id, application.programmeId));
    const variables = applicationVariables(application, runtime, programme?.windowOverrides ?? {});
    const data = { ...form, rank };
    const step = await completeTask(runtime.flow, application.flowState, { taskId: task.flowTaskId, outcome, data, actor: user.id, variables }, { clock: this.clock });
    if (isStepFailure(step)) throw workflowToAppError(step.error);
    await tx.update(tasks).set({ status: 'completed', completedAt: now, completedBy: user.id, outcome, data }).where(eq(tasks.id, task.id));
    await recordEvent(tx, {
      applicationId: application.id, at: now, actor: user, actorOrganisationId: task.organisationId, action: 'report',
      taskDefinitionId: task.definitionId, taskName: task.name, outcome, details: { rank },
    });
    const effects = await persistStep(tx, application, step, { now, actor: user, completedTaskId: task.flowTaskId });
    await runHooks(this.hooks.afterStep, tx, application, effects, user);
  }

  private async lockUnit(tx: Transaction, organisationId: string): Promise<void> {
    const [unit] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId)).for('update');
    if (!unit) throw new AppError('SB_ERR_NOT_FOUND', { what: '单位' });
  }

  private async assertNotReported(tx: Transaction, scope: RankingScope): Promise<void> {
    const [report] = await tx.select({ id: reports.id }).from(reports).where(and(
      eq(reports.programmeId, scope.programmeId), eq(reports.organisationId, scope.organisationId), eq(reports.taskDefinitionId, scope.taskDefinitionId)));
    if (report) throw new AppError('SB_ERR_ALREADY_REPORTED');
  }

  private async openReportTasks(tx: Transaction, scope: RankingScope): Promise<Array<typeof tasks.$inferSelect>> {
    return tx.select().from(tasks).where(and(
      eq(tasks.programmeId, scope.programmeId), eq(tasks.organisationId, scope.organisationId),
      eq(tasks.definitionId, scope.taskDefinitionId), eq(tasks.status, 'open'), eq(tasks.kind, 'report')));
  }
}

function scopeOf(scope: RankingScope) {
  return and(eq(rankings.programmeId, scope.programmeId), eq(rankings.organisationId, scope.organisationId), eq(rankings.taskDefinitionId, scope.taskDefinitionId));
}

/** PostgreSQL's unique_violation, as either driver reports it (possibly wrapped by drizzle). */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/**
 * The report form's data for one application, with each of the unit's files registered again for that application
 * (a new attachment row over the same stored bytes), so the application's readers may open them.
 */
async function withFilesRegisteredFor(
  tx: Transaction, applicationId: string, form: Record<string, unknown>, files: Array<typeof attachments.$inferSelect>,
): Promise<Record<string, unknown>> {
  if (files.length === 0) return form;
  let text = JSON.stringify(form);
  for (const file of files) {
    const id = randomUUID();
    await tx.insert(attachments).values({ ...file, id, applicationId, createdAt: file.createdAt });
    text = text.split(JSON.stringify(file.id)).join(JSON.stringify(id));
  }
  return JSON.parse(text) as Record<string, unknown>;
}
