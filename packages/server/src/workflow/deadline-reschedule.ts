/**
 * When an administrator moves a window (extends 推荐截止时间, say), the review deadlines that read it move with it:
 * every application of the programme still in review gets its open tasks' deadlines and timers worked out again, in the
 * same transaction as the window change, with a history entry where a deadline actually moved.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { isStepFailure, rescheduleDeadlines } from '@shenbao/engine';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import type { Transaction } from '../db/client.ts';
import { applications } from '../db/schema/index.ts';
import type { Hook } from '../hooks.ts';
import type { WindowChange } from '../programmes/programme.service.ts';
import type { ProgrammeRuntimes } from '../programmes/runtime-cache.ts';
import { lockApplication } from '../applications/application.service.ts';
import { recordEvent } from '../applications/history.ts';
import { applicationVariables } from '../applications/variables.ts';
import { persistStep, previousFlowState } from './flow-persistence.ts';

/** The programme hook (ProgrammeHooks.windowChanged) that moves the deadlines. */
export function deadlineRescheduler(clock: Clock, programmes: ProgrammeRuntimes, logger: FastifyBaseLogger): Hook<[tx: Transaction, change: WindowChange]> {
  return async (tx, { programmeId, windowOverrides, actorId }) => {
    const inFlight = await tx.select({ id: applications.id }).from(applications)
      .where(and(eq(applications.programmeId, programmeId), inArray(applications.status, ['in_review', 'returned'])));
    const now = clock.now();
    for (const { id } of inFlight) {
      const application = await lockApplication(tx, id);
      const runtime = await programmes.runtime(application.programmeVersionId, undefined, tx);
      const step = rescheduleDeadlines(runtime.flow, application.flowState, applicationVariables(application, runtime, windowOverrides), { clock });
      if (isStepFailure(step)) {
        // A deadline expression that no longer gives a date is a programme bug; the window change itself stands.
        logger.warn({ applicationId: id, code: step.error.code, detail: step.error.message.en }, 'deadlines not moved');
        continue;
      }
      const before = new Map(previousFlowState(application.flowState).openTasks.map((t) => [t.id, t.dueAt]));
      const moved = step.openTasks.filter((t) => before.get(t.id) !== t.dueAt).map((t) => ({ task: t.name, dueAt: t.dueAt ?? null, was: before.get(t.id) ?? null }));
      if (moved.length === 0) continue;
      await recordEvent(tx, { applicationId: id, at: now, actor: null, action: 'deadline.moved', details: { moved, windowChangedBy: actorId } });
      await persistStep(tx, application, step, { now, actor: null });
    }
  };
}

