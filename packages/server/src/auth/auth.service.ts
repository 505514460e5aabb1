/**
 * Logging in and out and changing passwords, with the lockout rule: after LOGIN_MAX_FAILURES wrong passwords in a
 * row the account is locked for LOGIN_LOCKOUT_MINUTES, and while locked even the right password is refused. An
 * unknown mobile number gets the same answers as a wrong password, after the same argon2 work — including the
 * lockout: its failures are counted and locked the same way (unknown_login_failures), so that neither the answers
 * nor their timing tell which numbers have accounts.
 */
import { createHash } from 'node:crypto';
import { eq, lt, sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { unknownLoginFailures, users } from '../db/schema/accounts.ts';
import { AppError } from '../errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { AccountsService, User } from '../accounts/accounts.service.ts';
import { maskMobile, normaliseMobile } from '../accounts/mobile.ts';
import { verifyAgainstDummy, verifyPassword } from '../accounts/password-hashing.ts';
import { checkNewPassword } from './password-policy.ts';
import { formatRetryTime } from './lockout-time.ts';
import type { SessionMeta, SessionService } from './session.service.ts';
import { hashSessionToken } from './session-token.ts';

export interface LoginRequest extends SessionMeta {
  mobile: string;
  password: string;
  /** The session cookie the browser still carries, if any: it is ended, so each login gets a fresh id. */
  previousToken?: string | undefined;
}

export interface AuthService {
  login(request: LoginRequest): Promise<{ user: User; token: string; expiresAt: Date }>;
  logout(sessionIdHash: string, actorId: string, ip?: string): Promise<void>;
  changePassword(input: { userId: string; sessionIdHash: string; oldPassword: string; newPassword: string; ip?: string | undefined }): Promise<void>;
  /** Forgets failures on unknown numbers whose last failure is older than unknownFailureRetentionMs; returns how many numbers. */
  purgeUnknownFailures(): Promise<number>;
}

/**
 * A real account's run of failures never expires, so an unknown number's should not expire soon either (else a run
 * spread over days would lock a real account but not an unknown number); kept 30 days after its last failure.
 */
export const unknownFailureRetentionMs = 30 * 86_400_000;

function mobileKey(mobile: string): string {
  return createHash('sha256').update(`shenbao-login:${mobile}`).digest('hex');
}

export function createAuthService(deps: {
  db: Database;
  clock: Clock;
  config: Config;
  audit: AuditService;
  accounts: AccountsService;
  sessions: SessionService;
}): AuthService {
  const { db, clock, config, audit, accounts, sessions } = deps;

  function lockedError(until: Date): AppError {
    return new AppError('SB_ERR_ACCOUNT_LOCKED', { until: formatRetryTime(until, clock.now()) }, { lockedUntil: until.toISOString() });
  }

  /** Counts one failure; locks the account when the run reaches the limit. Returns the lock end if it locked. */
  async function countFailure(user: User, ip: string | undefined): Promise<Date | undefined> {
    const [row] = await db
      .update(users)
      .set({ failedLogins: sql`${users.failedLogins} + 1` })
      .where(eq(users.id, user.id))
      .returning({ failedLogins: users.failedLogins });
    const failures = row?.failedLogins ?? 0;
    await audit.record({ actorId: user.id, action: 'auth.login_failed', result: 'refused', subjectType: 'user', subjectId: user.id, ip, details: { failures } });
    if (failures < config.loginMaxFailures) return undefined;
    const until = new Date(clock.now().getTime() + config.loginLockoutMinutes * 60_000);
    // The counter starts again after the lock, so the next run of failures locks again.
    await db.update(users).set({ lockedUntil: until, failedLogins: 0 }).where(eq(users.id, user.id));
    await audit.record({ actorId: user.id, action: 'auth.locked', result: 'refused', subjectType: 'user', subjectId: user.id, ip, details: { failures, lockedUntil: until.toISOString() } });
    return until;
  }

  /** The unknown-number twin of countFailure: the same counting, the same lock, audited with the number masked. */
  async function countUnknownFailure(key: string, masked: string, ip: string | undefined): Promise<Date | undefined> {
    const now = clock.now();
    const [row] = await db
      .insert(unknownLoginFailures)
      .values({ mobileHash: key, failedLogins: 1, lastFailureAt: now })
      .onConflictDoUpdate({ target: unknownLoginFailures.mobileHash, set: { failedLogins: sql`${unknownLoginFailures.failedLogins} + 1`, lastFailureAt: now } })
      .returning({ failedLogins: unknownLoginFailures.failedLogins });
    const failures = row?.failedLogins ?? 0;
    await audit.record({ action: 'auth.login_failed', result: 'refused', ip, details: { mobile: masked, reason: 'unknown_mobile', failures } });
    if (failures < config.loginMaxFailures) return undefined;
    const until = new Date(now.getTime() + config.loginLockoutMinutes * 60_000);
    await db.update(unknownLoginFailures).set({ lockedUntil: until, failedLogins: 0 }).where(eq(unknownLoginFailures.mobileHash, key));
    await audit.record({ action: 'auth.locked', result: 'refused', ip, details: { mobile: masked, reason: 'unknown_mobile', failures, lockedUntil: until.toISOString() } });
    return until;
  }

  /** Answers a login on a number without an account exactly as a wrong password (or a lockout) on a real one. */
  async function refuseUnknown(mobile: string, password: string, ip: string | undefined): Promise<never> {
    const key = mobileKey(mobile);
    const masked = maskMobile(mobile);
    const [row] = await db.select({ lockedUntil: unknownLoginFailures.lockedUntil }).from(unknownLoginFailures).where(eq(unknownLoginFailures.mobileHash, key));
    if (row?.lockedUntil && row.lockedUntil.getTime() > clock.now().getTime()) {
      await audit.record({ action: 'auth.login_refused', result: 'refused', ip, details: { mobile: masked, reason: 'locked', lockedUntil: row.lockedUntil.toISOString() } });
      throw lockedError(row.lockedUntil);
    }
    await verifyAgainstDummy(password);
    const lockedUntil = await countUnknownFailure(key, masked, ip);
    throw lockedUntil ? lockedError(lockedUntil) : new AppError('SB_ERR_LOGIN_FAILED');
  }

  return {
    async login({ mobile, password, previousToken, ip, userAgent }) {
      const user = await accounts.findByMobile(normaliseMobile(mobile));
      if (!user) return refuseUnknown(normaliseMobile(mobile), password, ip);
      const now = clock.now();
      if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime()) {
        await audit.record({ actorId: user.id, action: 'auth.login_refused', result: 'refused', subjectType: 'user', subjectId: user.id, ip, details: { reason: 'locked', lockedUntil: user.lockedUntil.toISOString() } });
        throw lockedError(user.lockedUntil);
      }
      if (!(await verifyPassword(user.passwordHash, password))) {
        const lockedUntil = await countFailure(user, ip);
        throw lockedUntil ? lockedError(lockedUntil) : new AppError('SB_ERR_LOGIN_FAILED');
      }
      if (user.disabled) {
        await audit.record({ actorId: user.id, action: 'auth.login_refused', result: 'refused', subjectType: 'user', subjectId: user.id, ip, details: { reason: 'disabled' } });
        throw new AppError('SB_ERR_ACCOUNT_DISABLED');
      }
      const session = await db.transaction(async (tx) => {
        await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
        if (previousToken) await sessions.end(hashSessionToken(previousToken), tx);
        const started = await sessions.start(user.id, { ip, userAgent }, tx);
        await audit.record({ actorId: user.id, action: 'auth.login', result: 'ok', subjectType: 'user', subjectId: user.id, ip, details: { mustChangePassword: user.mustChangePassword } }, tx);
        return started;
      });
      return { user, token: session.token, expiresAt: session.expiresAt };
    },

    async logout(sessionIdHash, actorId, ip) {
      await sessions.end(sessionIdHash);
      await audit.record({ actorId, action: 'auth.logout', result: 'ok', subjectType: 'user', subjectId: actorId, ip });
    },

    async changePassword({ userId, sessionIdHash, oldPassword, newPassword, ip }) {
      const user = await accounts.findById(userId);
      if (!user) throw new AppError('SB_ERR_UNAUTHENTICATED');
      // Wrong current passwords count like failed logins: whoever holds a session cannot guess the password here.
      if (user.lockedUntil && user.lockedUntil.getTime() > clock.now().getTime()) {
        await audit.record({ actorId: userId, action: 'auth.password_change', result: 'refused', subjectType: 'user', subjectId: userId, ip, details: { reason: 'locked', lockedUntil: user.lockedUntil.toISOString() } });
        throw lockedError(user.lockedUntil);
      }
      const fields: Record<string, { zh: string; en: string }[]> = {};
      if (!(await verifyPassword(user.passwordHash, oldPassword))) {
        const lockedUntil = await countFailure(user, ip);
        if (lockedUntil) {
          // Locked: the session that was guessing ends too, as do the user's others.
          await sessions.endAllOf(userId);
          throw lockedError(lockedUntil);
        }
        fields['/oldPassword'] = [{ zh: '原密码不正确', en: 'The current password is incorrect' }];
      }
      const problems = checkNewPassword(newPassword, { mobile: user.mobile, name: user.name });
      // Once the current password is verified, this is the whole reuse check. (No history of older passwords:
      // ASVS 2.1.10 advises against password history rules.)
      if (newPassword === oldPassword) problems.push({ zh: '新密码不能与原密码相同', en: 'The new password must differ from the current one' });
      if (problems.length > 0) fields['/newPassword'] = problems;
      if (Object.keys(fields).length > 0) {
        await audit.record({ actorId: userId, action: 'auth.password_change', result: 'refused', subjectType: 'user', subjectId: userId, ip, details: { fields: Object.keys(fields) } });
        throw new AppError('SB_ERR_VALIDATION', {}, { fields });
      }
      await db.transaction(async (tx) => {
        await tx.update(users).set({ failedLogins: 0 }).where(eq(users.id, userId));
        await accounts.setPassword(userId, newPassword, { mustChangePassword: false }, tx);
        // Whoever else knew the old password is signed out everywhere; this browser stays in.
        await sessions.endAllOf(userId, sessionIdHash, tx);
        await audit.record({ actorId: userId, action: 'auth.password_change', result: 'ok', subjectType: 'user', subjectId: userId, ip }, tx);
      });
    },

    async purgeUnknownFailures() {
      const now = clock.now();
      // A lock lasts at most a day (LOGIN_LOCKOUT_MINUTES), so a row this old is never locked.
      const deleted = await db.delete(unknownLoginFailures)
        .where(lt(unknownLoginFailures.lastFailureAt, new Date(now.getTime() - unknownFailureRetentionMs)))
        .returning({ mobileHash: unknownLoginFailures.mobileHash });
      return deleted.length;
    },
  };
}
