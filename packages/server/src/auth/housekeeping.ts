/**
 * Personal data that has served its purpose is deleted on a schedule: finished sessions (which hold the IP address
 * and browser of each login) after SESSION_RETENTION_DAYS, SMS codes (which name a mobile number) after two days.
 * Runs at start and then hourly by the server clock; several processes may run it at once (each DELETE is one
 * statement, and deleting a row twice deletes it once).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { SessionService } from './session.service.ts';
import type { VerificationCodeService } from '../sms/verification-codes.service.ts';

export interface Purged {
  sessions: number;
  codes: number;
}

export class Housekeeping {
  private handle: NodeJS.Timeout | undefined;
  private running: Promise<Purged | undefined> | undefined;

  constructor(
    private readonly sessions: SessionService,
    private readonly codes: VerificationCodeService,
    private readonly logger: FastifyBaseLogger,
  ) {}

  /** Deletes what is past its retention now; returns how many rows of each kind. */
  async runOnce(): Promise<Purged> {
    const purged = { sessions: await this.sessions.purgeFinished(), codes: await this.codes.purgeOld() };
    if (purged.sessions > 0 || purged.codes > 0) this.logger.info(purged, 'finished sessions and old SMS codes deleted');
    return purged;
  }

  /** Runs now and then every `intervalMs` until stop(). */
  start(intervalMs = 3_600_000): void {
    if (this.handle) return;
    const tick = () => {
      if (this.running) return;
      this.running = this.runOnce()
        .catch((error: unknown) => {
          // A failed purge is retried at the next tick; it never stops the server.
          this.logger.error({ err: error }, 'housekeeping failed');
          return undefined;
        })
        .finally(() => { this.running = undefined; });
    };
    this.handle = setInterval(tick, intervalMs);
    this.handle.unref();
    tick();
  }

  async stop(): Promise<void> {
    if (this.handle) clearInterval(this.handle);
    this.handle = undefined;
    await this.running;
  }
}
