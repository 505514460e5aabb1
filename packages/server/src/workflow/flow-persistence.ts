/**
 * Mirrors one flow step into the database, inside the command's transaction: open tasks into `tasks`, timers into
 * `timers`, service actions (freeze, print, notify) and the final outcome onto the application and its history.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { OpenTask, StepResult, TimerRequest } from '@shenbao/engine';
import type { Transaction } from '../db/client.ts';
import { applications, tasks, timers } from '../db/schema/index.ts';
import { recordEvent } from '../applications/history.ts';
import type { SessionUser } from '../access/session-user.ts';

type ApplicationRow = typeof applications.$inferSelect;

export interface StepEffects {
  /** Print requests from `print` service tasks, for the print queue (wired by the print area). */
  printRequests: Array<{ printId: string }>;
  status: ApplicationRow['status'];
}

/** Adds an ISO 8601 duration such as P3Y or P6M to an instant (for certifications that expire). */
export function addIsoDuration(from: Date, duration: string): Date | null {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(duration);
  if (!match) return null;
  const [, years = '0', months = '0', days = '0'] = match;
  const result = new Date(from);
  result.setUTCFullYear(result.getUTCFullYear() + Number(years), result.getUTCMonth() + Number(months), result.getUTCDate() + Number(days));
  return result;
}

export async function persistStep(
  tx: Transaction,
  application: ApplicationRow,
  step: StepResult,
  /** `actor` is who caused the step (kept for the callers' history rows; the step itself records no person). */
  context: {
    now: Date;
    actor: SessionUser | null;
    extra?: Partial<typeof applications.$inferInsert>;
    /** The flow task a person completed in this command (its row is written by the caller). */
    completedTaskId?: string;
  },
): Promise<StepEffects> {
  const { now } = context;
  // The tasks and timers tables mirror the flow state this step started from, so what changed is known without
  // reading them back: close what is no longer open, insert what is new, touch the timers only when they changed.
  const before = previousFlowState(application.flowState);
  const stillOpen = new Set(step.openTasks.map((t) => t.id));
  const gone = before.openTasks.filter((t) => !stillOpen.has(t.id) && t.id !== context.completedTaskId).map((t) => t.id);
  if (gone.length > 0) {
    // Tasks the step closed without a person completing them (a timer moved the flow on, the flow ended).
    await tx.update(tasks).set({ status: 'cancelled', completedAt: now })
      .where(and(eq(tasks.applicationId, application.id), eq(tasks.status, 'open'), inArray(tasks.flowTaskId, gone)));
  }
  const knownBefore = new Map(before.openTasks.map((t) => [t.id, t]));
  const fresh = step.openTasks.filter((t) => !knownBefore.has(t.id));
  for (const task of step.openTasks) {
    const earlier = knownBefore.get(task.id);
    if (earlier && task.dueAt && earlier.dueAt !== task.dueAt) {
      await tx.update(tasks).set({ dueAt: new Date(task.dueAt) })
        .where(and(eq(tasks.applicationId, application.id), eq(tasks.status, 'open'), eq(tasks.flowTaskId, task.id)));
    }
  }
  if (fresh.length > 0) {
    await tx.insert(tasks).values(fresh.map((task) => ({
      id: randomUUID(),
      applicationId: application.id,
      programmeId: application.programmeId,
      flowTaskId: task.id,
      definitionId: task.definitionId,
      name: task.name,
      role: task.role ?? '',
      organisationId: task.kind === 'revise' ? '' : task.organisation ?? '',
      formKey: task.formKey ?? null,
      kind: task.kind,
      outcomes: task.outcomes,
      withdrawable: task.withdrawable,
      status: 'open' as const,
      dueAt: task.dueAt ? new Date(task.dueAt) : null,
      openedAt: new Date(task.openedAt),
    })));
  }

  // Timers: the step's list is the whole truth for this application's flow timers.
  if (!sameTimers(before.timers, step.timers)) {
    await tx.delete(timers).where(and(eq(timers.applicationId, application.id), eq(timers.kind, 'flow'), isNull(timers.firedAt)));
    if (step.timers.length > 0) {
      await tx.insert(timers).values(step.timers.map((timer) => ({
        id: randomUUID(),
        applicationId: application.id,
        programmeId: application.programmeId,
        kind: 'flow' as const,
        flowTimerId: timer.id,
        dueAt: new Date(timer.dueAt),
        payload: { taskId: timer.taskId, boundaryEventId: timer.boundaryEventId ?? null },
      })));
    }
  }

  let frozen = application.frozen;
  const printRequests: Array<{ printId: string }> = [];
  for (const action of step.actions) {
    if (action.action === 'freeze') frozen = true;
    if (action.action === 'print' && action.print) printRequests.push({ printId: action.print });
    if (action.action === 'notify') {
      await recordEvent(tx, { applicationId: application.id, at: now, actor: null, action: 'notify', opinion: action.message ?? null, details: { elementId: action.elementId } });
    }
  }

  let status: ApplicationRow['status'] = 'in_review';
  let outcome: string | null = application.outcome;
  let outcomeValidUntil: Date | null = application.outcomeValidUntil;
  let completedAt: Date | null = application.completedAt;
  if (step.status === 'completed') {
    status = 'completed';
    outcome = step.outcome?.outcome ?? null;
    outcomeValidUntil = step.outcome?.validFor ? addIsoDuration(now, step.outcome.validFor) : null;
    completedAt = now;
    await recordEvent(tx, {
      applicationId: application.id, at: now, actor: null, action: 'decided', outcome,
      details: { endEventId: step.outcome?.endEventId ?? null, validUntil: outcomeValidUntil?.toISOString() ?? null },
    });
  } else if (step.openTasks.some((t) => t.kind === 'revise')) {
    // Back with the applicant: the data must be editable again whatever an earlier freeze said.
    status = 'returned';
    frozen = false;
  }

  const updated = await tx.update(applications).set({
    flowState: step.state,
    status,
    frozen,
    outcome,
    outcomeValidUntil,
    completedAt,
    revision: application.revision + 1,
    updatedAt: now,
    ...context.extra,
  }).where(and(eq(applications.id, application.id), eq(applications.revision, application.revision))).returning({ id: applications.id });
  if (updated.length !== 1) throw new Error(`application ${application.id} changed under a held row lock`);
  return { printRequests, status };
}

/** The open tasks and timers of the state a step started from (none before the first step or after the end). */
export function previousFlowState(flowState: unknown): { openTasks: OpenTask[]; timers: TimerRequest[] } {
  const state = flowState as Partial<{ status: string; openTasks: OpenTask[]; timers: TimerRequest[] }> | null;
  if (!state || state.status === 'completed') return { openTasks: [], timers: [] };
  return { openTasks: Array.isArray(state.openTasks) ? state.openTasks : [], timers: Array.isArray(state.timers) ? state.timers : [] };
}

function sameTimers(a: TimerRequest[], b: TimerRequest[]): boolean {
  return a.length === b.length && a.every((timer, i) => timer.id === b[i]!.id && timer.dueAt === b[i]!.dueAt);
}
