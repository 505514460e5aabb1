/**
 * Personal data that has served its purpose is deleted on a schedule: finished sessions (which hold the IP address
 * and browser of each login) after SESSION_RETENTION_DAYS, SMS codes (which name a mobile number) after two days,
 * failed-login counts of numbers without an account 30 days after their last failure.
 * Runs at start and then hourly by the server clock; several processes may run it at once (each DELETE is one
 * statement, and deleting a row twice deletes it once).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { AuthService } from './auth.service.ts';
import type { SessionService } from './session.service.ts';
import type { VerificationCodeService } from '../sms/verification-codes.service.ts';
import { IntervalPoller } from '../interval-poller.ts';

export interface Purged {
  sessions: number;
  codes: number;
  /** Numbers without an account whose failed logins were forgotten. */
  loginFailures: number;
}

export class Housekeeping {
  private readonly poller: IntervalPoller;

  constructor(
    private readonly sessions: SessionService,
    private readonly codes: VerificationCodeService,
    private readonly auth: AuthService,
    private readonly logger: FastifyBaseLogger,
  ) {
    this.poller = new IntervalPoller(() => this.runOnce(), logger, 'housekeeping failed');
  }

  /** Deletes what is past its retention now; returns how many rows of each kind. */
  async runOnce(): Promise<Purged> {
    const purged = { sessions: await this.sessions.purgeFinished(), codes: await this.codes.purgeOld(), loginFailures: await this.auth.purgeUnknownFailures() };
    if (purged.sessions > 0 || purged.codes > 0 || purged.loginFailures > 0) this.logger.info(purged, 'expired personal data deleted');
    return purged;
  }

  /** Runs now and then every `intervalMs` until stop(). */
  start(intervalMs = 3_600_000): void {
    this.poller.start(intervalMs);
  }

  async stop(): Promise<void> {
    await this.poller.stop();
  }
}
