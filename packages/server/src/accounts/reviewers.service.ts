/**
 * Reviewer accounts are never self-registered: an administrator opens them one by one or imports the sheet the
 * notice asks units to return. Each account gets the initial password the administrator chose (usually the
 * notice's shared default) and must change it at first login.
 */
import { randomBytes } from 'node:crypto';
import type { Database, DbOrTx } from '../db/client.ts';
import { AppError } from '../errors.ts';
import type { Message } from '@shenbao/engine';
import type { OrganisationsService, Organisation } from '../organisations/organisations.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { AccountsService, User } from './accounts.service.ts';
import { isMobile, normaliseMobile } from './mobile.ts';
import type { ReviewerSheetRow } from './reviewer-sheet.ts';

/**
 * Initial passwords are temporary (changed at first login) and often dictated by a notice, so they need not meet the
 * full policy; they must still not be trivially short.
 */
export const initialPasswordMinLength = 8;

export interface ReviewerInput {
  mobile: string;
  name: string;
  title?: string | null | undefined;
  organisationId: string;
  /** Grant only for this programme; empty = every programme the unit takes part in. */
  programmeId?: string | undefined;
}

export interface ActorInfo {
  actorId: string;
  ip?: string | undefined;
}

export type ImportRowStatus = 'created' | 'exists' | 'error' | 'not_imported';

export interface ImportRowReport {
  rowNumber: number;
  name: string;
  mobile: string;
  unit: string;
  status: ImportRowStatus;
  organisationId?: string | undefined;
  userId?: string | undefined;
  /** For `exists`: true when the existing account received the reviewer grant for this unit. */
  grantAdded?: boolean | undefined;
  reasons: Message[];
}

export interface ImportReport {
  /** False when all-or-nothing was asked and some row failed: nothing was written. */
  committed: boolean;
  created: number;
  existing: number;
  errors: number;
  rows: ImportRowReport[];
}

export interface ReviewersService {
  createReviewer(input: ReviewerInput & { initialPassword?: string | undefined }, actor: ActorInfo): Promise<{ user: User; initialPassword: string; organisation: Organisation }>;
  importReviewers(rows: ReviewerSheetRow[], options: { initialPassword: string; allOrNothing: boolean; programmeId?: string | undefined }, actor: ActorInfo): Promise<ImportReport>;
}

/** A random initial password when the administrator sets none: 12 characters from four classes. */
export function generateInitialPassword(): string {
  const sets = ['abcdefghjkmnpqrstuvwxyz', 'ABCDEFGHJKMNPQRSTUVWXYZ', '23456789', '@#%+=?'];
  const bytes = randomBytes(12);
  return Array.from(bytes, (byte, i) => {
    const set = sets[i % sets.length]!;
    return set[byte % set.length];
  }).join('');
}

function checkInitialPassword(password: string): void {
  if ([...password].length < initialPasswordMinLength) {
    throw new AppError('SB_ERR_VALIDATION', {}, {
      fields: { '/initialPassword': [{ zh: `初始密码至少 ${initialPasswordMinLength} 位`, en: `The initial password must have at least ${initialPasswordMinLength} characters` }] },
    });
  }
}

export function createReviewersService(deps: { db: Database; accounts: AccountsService; organisations: OrganisationsService; audit: AuditService }): ReviewersService {
  const { db, accounts, organisations, audit } = deps;

  async function reviewerUnits(tx?: DbOrTx): Promise<{ byId: Map<string, Organisation>; byName: Map<string, Organisation[]> }> {
    const units = await organisations.list({ kind: 'reviewer' }, tx);
    const byName = new Map<string, Organisation[]>();
    for (const unit of units) byName.set(unit.name, [...(byName.get(unit.name) ?? []), unit]);
    return { byId: new Map(units.map((u) => [u.id, u])), byName };
  }

  function resolveUnit(text: string, units: Awaited<ReturnType<typeof reviewerUnits>>): Organisation | Message {
    const byId = units.byId.get(text);
    if (byId) return byId;
    const named = units.byName.get(text) ?? [];
    if (named.length === 1) return named[0]!;
    if (named.length > 1) return { zh: `单位“${text}”有重名，请改填单位编号`, en: `More than one unit is called "${text}"; use the unit id instead` };
    return { zh: `未找到审核单位“${text}”`, en: `No reviewing unit called "${text}"` };
  }

  /** Creates the account or adds the grant to an existing one; returns what happened. */
  async function createOrGrant(input: ReviewerInput, initialPassword: string, actor: ActorInfo, tx: DbOrTx): Promise<{ user: User; created: boolean; grantAdded: boolean }> {
    const mobile = normaliseMobile(input.mobile);
    const grant = { role: 'reviewer' as const, organisationId: input.organisationId, programmeId: input.programmeId ?? '' };
    const existing = await accounts.findByMobile(mobile, tx);
    if (existing) {
      const grants = await accounts.grantsOf(existing.id, tx);
      const has = grants.some((g) => g.role === 'reviewer' && g.organisationId === grant.organisationId && g.programmeId === grant.programmeId);
      if (!has) await accounts.addGrant(existing.id, grant, tx);
      return { user: existing, created: false, grantAdded: !has };
    }
    const user = await accounts.createUser(
      { mobile, name: input.name, title: input.title, password: initialPassword, mustChangePassword: true, grants: [grant] },
      { actorId: actor.actorId, ip: actor.ip, action: 'account.created' },
      tx,
    );
    return { user, created: true, grantAdded: true };
  }

  return {
    async createReviewer(input, actor) {
      const fields: Record<string, Message[]> = {};
      if (!isMobile(normaliseMobile(input.mobile))) fields['/mobile'] = [{ zh: '请输入11位手机号', en: 'Enter an 11-digit mainland China mobile number' }];
      if (!input.name.trim()) fields['/name'] = [{ zh: '请填写姓名', en: 'Enter the name' }];
      const organisation = await organisations.get(input.organisationId);
      if (!organisation || organisation.kind !== 'reviewer') fields['/organisationId'] = [{ zh: '请选择审核单位', en: 'Choose a reviewing unit' }];
      if (Object.keys(fields).length > 0 || !organisation) throw new AppError('SB_ERR_VALIDATION', {}, { fields });
      const initialPassword = input.initialPassword ?? generateInitialPassword();
      checkInitialPassword(initialPassword);
      if (await accounts.findByMobile(input.mobile)) throw new AppError('SB_ERR_MOBILE_TAKEN', { mobile: normaliseMobile(input.mobile) });
      const { user } = await db.transaction((tx) => createOrGrant(input, initialPassword, actor, tx));
      return { user, initialPassword, organisation };
    },

    async importReviewers(rows, options, actor) {
      checkInitialPassword(options.initialPassword);
      const units = await reviewerUnits();
      const seen = new Map<string, number>();
      const reports: ImportRowReport[] = rows.map((row) => {
        const mobile = normaliseMobile(row.mobile);
        const report: ImportRowReport = { rowNumber: row.rowNumber, name: row.name, mobile, unit: row.unit, status: 'error', reasons: [] };
        if (!row.name) report.reasons.push({ zh: '姓名为空', en: 'The name is empty' });
        if (!isMobile(mobile)) report.reasons.push({ zh: `手机号“${row.mobile}”格式不正确`, en: `"${row.mobile}" is not a valid mobile number` });
        const firstRow = seen.get(mobile);
        if (isMobile(mobile) && firstRow !== undefined) {
          report.reasons.push({ zh: `手机号与第 ${firstRow} 行重复`, en: `The mobile number repeats row ${firstRow}` });
        } else if (isMobile(mobile)) {
          seen.set(mobile, row.rowNumber);
        }
        if (!row.unit) {
          report.reasons.push({ zh: '单位为空', en: 'The unit is empty' });
        } else {
          const unit = resolveUnit(row.unit, units);
          if ('id' in unit) report.organisationId = unit.id;
          else report.reasons.push(unit);
        }
        if (report.reasons.length === 0) report.status = 'not_imported';
        return report;
      });

      const failed = reports.filter((r) => r.status === 'error').length;
      const valid = reports.filter((r) => r.status === 'not_imported');
      const byRow = new Map(rows.map((r) => [r.rowNumber, r]));
      const importRow = async (report: ImportRowReport, tx: DbOrTx) => {
        const row = byRow.get(report.rowNumber)!;
        const outcome = await createOrGrant({ mobile: report.mobile, name: row.name, title: row.title, organisationId: report.organisationId!, programmeId: options.programmeId }, options.initialPassword, actor, tx);
        report.status = outcome.created ? 'created' : 'exists';
        report.userId = outcome.user.id;
        report.grantAdded = outcome.created ? undefined : outcome.grantAdded;
      };

      let committed = true;
      if (options.allOrNothing) {
        if (failed > 0) committed = false;
        else await db.transaction(async (tx) => { for (const report of valid) await importRow(report, tx); });
      } else {
        for (const report of valid) {
          try {
            await db.transaction((tx) => importRow(report, tx));
          } catch (error) {
            // A row that fails on write (e.g. the same number registered meanwhile) is reported, not fatal.
            report.status = 'error';
            report.reasons.push({ zh: `写入失败：${(error as Error).message.slice(0, 120)}`, en: `Could not be saved: ${(error as Error).message.slice(0, 120)}` });
          }
        }
      }
      const summary = {
        committed,
        created: reports.filter((r) => r.status === 'created').length,
        existing: reports.filter((r) => r.status === 'exists').length,
        errors: reports.filter((r) => r.status === 'error').length,
        rows: reports,
      };
      await audit.record({
        actorId: actor.actorId,
        action: 'account.import',
        result: committed ? 'ok' : 'refused',
        ip: actor.ip,
        details: { allOrNothing: options.allOrNothing, programmeId: options.programmeId ?? null, rows: rows.length, created: summary.created, existing: summary.existing, errors: summary.errors },
      });
      return summary;
    },
  };
}
