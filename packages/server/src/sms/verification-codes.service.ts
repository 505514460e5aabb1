/**
 * One-time SMS codes (registration, password reset). A code is 6 random digits, stored only as a hash, valid for
 * 10 minutes and for at most 5 guesses; only the newest code of a number counts; a number can ask again after
 * 60 seconds and at most 10 times a day. One client address may have at most [SMS_CODES_PER_IP_HOUR] codes sent in
 * any hour and [SMS_CODES_PER_IP_DAY] in any day, whatever the numbers, so that nobody can use the platform to
 * flood many numbers with texts (SMS bombing).
 */
import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gt, gte, isNull, lt, sql } from 'drizzle-orm';
import { maskMobile } from '../accounts/mobile.ts';
import { clientAddressKey } from './client-address.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { Database, DbOrTx } from '../db/client.ts';
import { verificationCodes } from '../db/schema/accounts.ts';
import { AppError } from '../errors.ts';
import type { SmsSender } from './sms-sender.ts';

export type CodePurpose = 'register' | 'reset_password';
export const codePurposes: readonly CodePurpose[] = ['register', 'reset_password'];

export const codeValidityMs = 10 * 60_000;
export const codeResendAfterMs = 60_000;
export const codeMaxAttempts = 5;
export const codesPerDay = 10;
const hourMs = 3_600_000;
const dayMs = 86_400_000;
/**
 * Two days: beyond the day the daily limits (per number and per address) look back over, so purging never lets a
 * number or an address ask more often.
 */
export const codeRetentionMs = 2 * dayMs;

export interface CodeSent {
  expiresInSeconds: number;
  resendAfterSeconds: number;
}

/** Codes one client address may have sent in any hour and in any day (config SMS_CODES_PER_IP_HOUR / _DAY). */
export interface CodeLimitsPerIp {
  perHour: number;
  perDay: number;
}

export interface VerificationCodeService {
  /**
   * Sends a new code, or throws SB_ERR_VERIFICATION_CODE_THROTTLED with `seconds` until one would be allowed: first
   * the limits of the number, then, when `meta.ip` is given, those of the client address.
   */
  send(mobile: string, purpose: CodePurpose, meta?: { ip?: string | undefined }): Promise<CodeSent>;
  /**
   * Checks a code and counts the guess (committed at once, so a failing request still uses up an attempt). Returns
   * the id to `consume` inside the caller's transaction; throws SB_ERR_VERIFICATION_CODE_INVALID otherwise.
   */
  check(mobile: string, purpose: CodePurpose, code: string): Promise<string>;
  /** Marks the code used; fails if someone else used it meanwhile. */
  consume(codeId: string, tx: DbOrTx): Promise<void>;
  /**
   * Deletes codes (and the mobile numbers and addresses they name) older than codeRetentionMs: by then they are long
   * expired and no longer count towards the daily limits. Returns how many.
   */
  purgeOld(): Promise<number>;
}

function hashCode(id: string, code: string): Buffer {
  return createHash('sha256').update(`${id}:${code}`).digest();
}

const purposeText: Record<CodePurpose, string> = {
  register: '注册账号',
  reset_password: '重置密码',
};

export function createVerificationCodeService(
  db: Database,
  clock: Clock,
  sender: SmsSender,
  perIp: CodeLimitsPerIp,
  audit: AuditService,
): VerificationCodeService {
  /**
   * Milliseconds until `ip` may have another code under the limit of `max` codes per `windowMs`, or 0 when it may
   * now. If the max-th newest code of the address is still inside the window, the address is at its limit until that
   * code leaves the window (then fewer than `max` remain in it).
   */
  async function ipWaitMs(ip: string, now: Date, windowMs: number, max: number): Promise<number> {
    const [limiting] = await db
      .select({ createdAt: verificationCodes.createdAt })
      .from(verificationCodes)
      .where(and(eq(verificationCodes.ip, ip), gt(verificationCodes.createdAt, new Date(now.getTime() - windowMs))))
      .orderBy(desc(verificationCodes.createdAt))
      .offset(max - 1)
      .limit(1);
    return limiting ? Math.max(limiting.createdAt.getTime() + windowMs - now.getTime(), 0) : 0;
  }

  return {
    async send(mobile, purpose, meta = {}) {
      const now = clock.now();
      const [latest] = await db
        .select({ createdAt: verificationCodes.createdAt })
        .from(verificationCodes)
        .where(and(eq(verificationCodes.mobile, mobile), eq(verificationCodes.purpose, purpose)))
        .orderBy(desc(verificationCodes.createdAt))
        .limit(1);
      if (latest) {
        const waitMs = latest.createdAt.getTime() + codeResendAfterMs - now.getTime();
        if (waitMs > 0) throw new AppError('SB_ERR_VERIFICATION_CODE_THROTTLED', { seconds: Math.ceil(waitMs / 1000) });
      }
      const [today] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(verificationCodes)
        .where(and(eq(verificationCodes.mobile, mobile), gte(verificationCodes.createdAt, new Date(now.getTime() - dayMs))));
      if ((today?.count ?? 0) >= codesPerDay) throw new AppError('SB_ERR_VERIFICATION_CODE_THROTTLED', { seconds: 86_400 });

      // Then the client address, across all numbers. (Like the checks above, this reads before it writes, so requests
      // racing each other can overshoot a limit by a few codes; it stops floods, it is not an exact quota.)
      // An IPv6 client counts as its /64 network (see client-address.ts); that key is what is stored and counted.
      const ip = meta.ip ? clientAddressKey(meta.ip) : undefined;
      if (ip) {
        const hourWait = await ipWaitMs(ip, now, hourMs, perIp.perHour);
        const dayWait = await ipWaitMs(ip, now, dayMs, perIp.perDay);
        // Both limits must allow the next code, so the wait is the longer one.
        const waitMs = Math.max(hourWait, dayWait);
        if (waitMs > 0) {
          const seconds = Math.ceil(waitMs / 1000);
          await audit.record({
            action: 'auth.code_throttled',
            result: 'refused',
            ip: meta.ip,
            details: { mobile: maskMobile(mobile), purpose, limit: dayWait >= hourWait ? 'ip_day' : 'ip_hour', seconds },
          });
          throw new AppError('SB_ERR_VERIFICATION_CODE_THROTTLED', { seconds });
        }
      }

      const id = randomUUID();
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      await db.insert(verificationCodes).values({
        id,
        mobile,
        purpose,
        codeHash: hashCode(id, code).toString('hex'),
        expiresAt: new Date(now.getTime() + codeValidityMs),
        createdAt: now,
        ip: ip ?? null,
      });
      await sender.send({ mobile, code, text: `【申报平台】您正在${purposeText[purpose]}，验证码 ${code}，${codeValidityMs / 60_000} 分钟内有效。如非本人操作请忽略。` });
      return { expiresInSeconds: codeValidityMs / 1000, resendAfterSeconds: codeResendAfterMs / 1000 };
    },

    async check(mobile, purpose, code) {
      const [latest] = await db
        .select()
        .from(verificationCodes)
        .where(and(eq(verificationCodes.mobile, mobile), eq(verificationCodes.purpose, purpose)))
        .orderBy(desc(verificationCodes.createdAt))
        .limit(1);
      const invalid = new AppError('SB_ERR_VERIFICATION_CODE_INVALID');
      if (!latest || latest.usedAt || latest.expiresAt.getTime() <= clock.now().getTime()) throw invalid;
      // Count the guess first and only if attempts are left, so parallel guesses cannot exceed the limit.
      const [counted] = await db
        .update(verificationCodes)
        .set({ attempts: sql`${verificationCodes.attempts} + 1` })
        .where(and(eq(verificationCodes.id, latest.id), sql`${verificationCodes.attempts} < ${codeMaxAttempts}`))
        .returning({ id: verificationCodes.id });
      if (!counted) throw invalid;
      const expected = Buffer.from(latest.codeHash, 'hex');
      const given = hashCode(latest.id, code.trim());
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid;
      return latest.id;
    },

    async consume(codeId, tx) {
      const [used] = await tx
        .update(verificationCodes)
        .set({ usedAt: clock.now() })
        .where(and(eq(verificationCodes.id, codeId), isNull(verificationCodes.usedAt)))
        .returning({ id: verificationCodes.id });
      if (!used) throw new AppError('SB_ERR_VERIFICATION_CODE_INVALID');
    },

    async purgeOld() {
      const cutoff = new Date(clock.now().getTime() - codeRetentionMs);
      const deleted = await db.delete(verificationCodes).where(lt(verificationCodes.createdAt, cutoff)).returning({ id: verificationCodes.id });
      return deleted.length;
    },
  };
}
