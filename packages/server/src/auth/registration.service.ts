/**
 * Applicant self-registration: mobile + SMS code + password + name + organisation name (+ optional unified social
 * credit code). Creates the applicant organisation, the user and the applicant grant in one transaction, then opens
 * a session. The "already registered" answer is only given after the SMS code proved the caller owns the number.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/client.ts';
import { organisations } from '../db/schema/accounts.ts';
import { AppError } from '../errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { checkNewPassword, type Message } from './password-policy.ts';
import type { SessionMeta, SessionService } from './session.service.ts';
import type { VerificationCodeService } from '../sms/verification-codes.service.ts';
import type { AccountsService, User } from '../accounts/accounts.service.ts';
import { isMobile, normaliseMobile } from '../accounts/mobile.ts';
import { isUscc } from '@shenbao/engine';

export interface RegisterInput {
  mobile: string;
  code: string;
  password: string;
  name: string;
  organisationName: string;
  uscc?: string | null | undefined;
}

export interface RegistrationService {
  register(input: RegisterInput, meta: SessionMeta): Promise<{ user: User; token: string }>;
}

type FieldErrors = Record<string, Message[]>;

export function validateRegistration(input: RegisterInput): FieldErrors {
  const fields: FieldErrors = {};
  const add = (pointer: string, message: Message) => (fields[pointer] ??= []).push(message);
  if (!isMobile(normaliseMobile(input.mobile))) add('/mobile', { zh: '请输入11位手机号', en: 'Enter an 11-digit mainland China mobile number' });
  if (!input.code.trim()) add('/code', { zh: '请输入短信验证码', en: 'Enter the SMS code' });
  for (const problem of checkNewPassword(input.password, { mobile: normaliseMobile(input.mobile), name: input.name, organisationName: input.organisationName })) add('/password', problem);
  const name = input.name.trim();
  if (!name || [...name].length > 50) add('/name', { zh: '请填写姓名（不超过50字）', en: 'Enter your name (at most 50 characters)' });
  const organisationName = input.organisationName.trim();
  if (!organisationName || [...organisationName].length > 100) {
    add('/organisationName', { zh: '请填写单位名称（不超过100字）', en: 'Enter the organisation name (at most 100 characters)' });
  }
  const uscc = input.uscc?.trim().toUpperCase();
  if (uscc && !isUscc(uscc)) {
    add('/uscc', { zh: '统一社会信用代码应为18位且校验位正确', en: 'The unified social credit code must have 18 characters and a correct check character' });
  }
  return fields;
}

export function createRegistrationService(deps: {
  db: Database;
  clock: Clock;
  audit: AuditService;
  accounts: AccountsService;
  sessions: SessionService;
  codes: VerificationCodeService;
}): RegistrationService {
  const { db, clock, audit, accounts, sessions, codes } = deps;
  return {
    async register(input, meta) {
      const fields = validateRegistration(input);
      if (Object.keys(fields).length > 0) throw new AppError('SB_ERR_VALIDATION', {}, { fields });
      const mobile = normaliseMobile(input.mobile);
      const uscc = input.uscc?.trim().toUpperCase() || null;
      const codeId = await codes.check(mobile, 'register', input.code);

      return db.transaction(async (tx) => {
        await codes.consume(codeId, tx);
        if (await accounts.findByMobile(mobile, tx)) throw new AppError('SB_ERR_MOBILE_TAKEN', { mobile });
        if (uscc) {
          // Anyone can read a company's code off its licence, so a taken code must not let a stranger join it.
          const [taken] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.uscc, uscc)).limit(1);
          if (taken) {
            throw new AppError('SB_ERR_VALIDATION', {}, { fields: { '/uscc': [{ zh: '该统一社会信用代码已注册，请联系本单位已有账号的同事', en: 'This code is already registered; ask the colleague who holds your organisation\'s account' }] } });
          }
        }
        const now = clock.now();
        const organisationId = randomUUID();
        await tx.insert(organisations).values({ id: organisationId, name: input.organisationName.trim(), kind: 'applicant', uscc, createdAt: now, updatedAt: now });
        const user = await accounts.createUser(
          { mobile, name: input.name, password: input.password, mustChangePassword: false, mobileVerified: true, grants: [{ role: 'applicant', organisationId, programmeId: '' }] },
          { actorId: null, ip: meta.ip, action: 'account.registered' },
          tx,
        );
        const session = await sessions.start(user.id, meta, tx);
        await audit.record({ actorId: user.id, action: 'auth.login', result: 'ok', subjectType: 'user', subjectId: user.id, ip: meta.ip, details: { via: 'registration' } }, tx);
        return { user, token: session.token };
      });
    },
  };
}
