/**
 * The applicant's flow commands: submit a draft (the flow starts), resubmit after a return (the revise task completes),
 * withdraw while the reviewer has not acted. Each is ONE transaction that locks the application row, checks the
 * revision the caller saw, runs the flow to its next wait state and writes everything (data, flow state, tasks,
 * timers, history) or nothing.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { completeTask, isStepFailure, startFlow, withdrawFlow } from '@shenbao/engine';
import type { Clock } from '../clock.ts';
import type { Database, Transaction } from '../db/client.ts';
import { applicationEvents, applications, attachments, programmes, tasks, timers } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { runHooks } from '../hooks.ts';
import type { SessionUser } from '../access/session-user.ts';
import { actsForApplicant } from '../access/grants.ts';
import type { ProgrammeService } from '../programmes/programme.service.ts';
import { assertApplyWindowOpen, formatInstant, lockApplication, type ApplicationRow } from '../applications/application.service.ts';
import { diffData } from '../applications/data-diff.ts';
import { foreignAttachments } from '../applications/foreign-attachments.ts';
import { recordEvent } from '../applications/history.ts';
import { applicationVariables } from '../applications/variables.ts';
import { persistStep } from './flow-persistence.ts';
import { workflowToAppError } from './workflow-errors.ts';
import type { WorkflowHooks } from './workflow-hooks.ts';

export class SubmissionService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly programmes: Pick<ProgrammeService, 'runtime'>,
    private readonly hooks: WorkflowHooks,
  ) {}

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
        assertApplyWindowOpen(runtime, programme.windowOverrides, now);
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
      await runHooks(this.hooks.beforeSubmit, tx, application, runtime);

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
      let files: Record<string, string> = {};
      if (reviseTask) {
        await tx.update(tasks).set({ status: 'completed', completedAt: now, completedBy: user.id, outcome: reviseTask.outcomes[0] ?? 'resubmit' })
          .where(eq(tasks.id, reviseTask.id));
        changes = await this.changesSinceReturn(tx, application.id, validation.data);
        files = await this.fileNamesIn(tx, application.id, changes);
      }
      const effects = await persistStep(tx, application, step, {
        now, actor: user, completedTaskId: reviseTask?.flowTaskId,
        extra: { data: validation.data, submittedAt: now, firstSubmittedAt: application.firstSubmittedAt ?? now },
      });
      await recordEvent(tx, {
        applicationId: application.id, at: now, actor: user, actorOrganisationId: application.applicantOrganisationId,
        action: reviseTask ? 'resubmit' : 'submit', details: reviseTask ? { changes, ...(Object.keys(files).length > 0 ? { files } : {}) } : {},
      });
      await runHooks(this.hooks.afterStep, tx, application, effects, user);
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

  /**
   * The original names of this application's files among the changed values (attachment fields hold file ids), so
   * the reviewer's 退回后修改内容 reads "场地证明-新.pdf", not a UUID. Kept with the event: the names as they were then.
   */
  private async fileNamesIn(tx: Transaction, applicationId: string, changes: ReturnType<typeof diffData>): Promise<Record<string, string>> {
    const values = [...new Set(changes.flatMap((change) => [change.before, change.after]).filter((value): value is string => typeof value === 'string' && value.length > 0))];
    if (values.length === 0) return {};
    const rows = await tx.select({ id: attachments.id, name: attachments.originalName }).from(attachments)
      .where(and(eq(attachments.applicationId, applicationId), inArray(attachments.id, values)));
    return Object.fromEntries(rows.map((row) => [row.id, row.name]));
  }

  private async changesSinceReturn(tx: Transaction, applicationId: string, data: unknown): Promise<ReturnType<typeof diffData>> {
    const [returned] = await tx.select({ details: applicationEvents.details }).from(applicationEvents)
      .where(and(eq(applicationEvents.applicationId, applicationId), eq(applicationEvents.action, 'return')))
      .orderBy(desc(applicationEvents.id)).limit(1);
    const before = returned?.details.dataAtReturn;
    return before === undefined ? [] : diffData(before, data);
  }
}
