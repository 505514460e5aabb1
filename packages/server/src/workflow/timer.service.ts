/**
 * Fires the flow timers stored in the database (review deadlines) once they are due by the server clock. Timers live
 * in the `timers` table, so a deadline that fell due while the server was down fires at the next poll after restart.
 * Each timer fires in its own transaction with the application row locked; a timer another process fired first is
 * skipped (SKIP LOCKED, and `fired_at` is checked again under the lock).
 */
import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import { fireTimer, isStepFailure } from '@shenbao/engine';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/client.ts';
import { timers } from '../db/schema/index.ts';
import { IntervalPoller } from '../interval-poller.ts';
import { runHooks } from '../hooks.ts';
import type { ProgrammeService } from '../programmes/programme.service.ts';
import { lockApplication } from '../applications/application.service.ts';
import { recordEvent } from '../applications/history.ts';
import { persistStep } from './flow-persistence.ts';
import type { WorkflowHooks } from './workflow-hooks.ts';

export class TimerService {
  private readonly poller: IntervalPoller;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly programmes: Pick<ProgrammeService, 'runtime'>,
    private readonly hooks: WorkflowHooks,
    private readonly logger: FastifyBaseLogger,
  ) {
    this.poller = new IntervalPoller(() => this.fireDue(), logger, 'timers failed');
  }

  /** Fires every timer due now; returns how many fired. Safe to call from several processes at once. */
  async fireDue(limit = 50): Promise<number> {
    const now = this.clock.now();
    const due = await this.db.select({ id: timers.id }).from(timers)
      .where(and(isNull(timers.firedAt), lte(timers.dueAt, now))).orderBy(asc(timers.dueAt)).limit(limit);
    let fired = 0;
    for (const { id } of due) {
      try {
        if (await this.fireOne(id)) fired += 1;
      } catch (error) {
        this.logger.error({ err: error, timerId: id }, 'timer failed');
      }
    }
    return fired;
  }

  private async fireOne(timerId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [timer] = await tx.select().from(timers).where(eq(timers.id, timerId)).for('update', { skipLocked: true });
      if (!timer || timer.firedAt || !timer.applicationId || !timer.flowTimerId) return false;
      const application = await lockApplication(tx, timer.applicationId);
      const now = this.clock.now();
      const runtime = await this.programmes.runtime(application.programmeVersionId, undefined, tx);
      const step = await fireTimer(runtime.flow, application.flowState, timer.flowTimerId, { clock: this.clock });
      await tx.update(timers).set({ firedAt: now }).where(eq(timers.id, timer.id));
      if (isStepFailure(step)) {
        // The flow moved on meanwhile (task completed, application withdrawn): the timer has nothing left to do.
        this.logger.info({ timerId, code: step.error.code }, 'timer no longer applies');
        return false;
      }
      await recordEvent(tx, { applicationId: application.id, at: now, actor: null, action: 'deadline', details: { timer: timer.flowTimerId, dueAt: timer.dueAt.toISOString() } });
      const effects = await persistStep(tx, application, step, { now, actor: null });
      await runHooks(this.hooks.afterStep, tx, application, effects, null);
      return true;
    });
  }

  /** Polls every `intervalMs` until stop(). */
  start(intervalMs = 15_000): void {
    this.poller.start(intervalMs);
  }

  async stop(): Promise<void> {
    await this.poller.stop();
  }
}
