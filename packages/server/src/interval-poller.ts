/**
 * Runs a piece of background work now and then every `intervalMs` (review deadlines, housekeeping): never two runs
 * at once, never keeping the process alive on its own, and a failed run is logged and retried at the next tick
 * instead of becoming an unhandled rejection that would stop the server.
 */
import type { FastifyBaseLogger } from 'fastify';

export class IntervalPoller {
  private handle: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly work: () => Promise<unknown>,
    private readonly logger: FastifyBaseLogger,
    /** For the log line when a run fails, e.g. "timers failed". */
    private readonly failureMessage: string,
  ) {}

  start(intervalMs: number): void {
    if (this.handle) return;
    const tick = () => {
      if (this.running) return;
      this.running = this.work()
        .then(() => undefined, (error: unknown) => this.logger.error({ err: error }, this.failureMessage))
        .finally(() => { this.running = undefined; });
    };
    this.handle = setInterval(tick, intervalMs);
    this.handle.unref();
    tick();
  }

  /** Stops polling and waits for a run in progress. */
  async stop(): Promise<void> {
    if (this.handle) clearInterval(this.handle);
    this.handle = undefined;
    await this.running;
  }
}
