/**
 * The audit trail: append-only rows in `audit_events` (a trigger refuses UPDATE, DELETE and TRUNCATE). Every login,
 * failed login, lockout, refused access, registration, password change and account creation is recorded here;
 * later areas record their state changes through the same `record`.
 */
import { and, desc, eq, gte, inArray, lt, lte, type SQL } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Database, DbOrTx } from '../db/client.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { users } from '../db/schema/accounts.ts';

export type AuditResult = 'ok' | 'refused' | 'error';

export interface AuditEntry {
  actorId?: string | null | undefined;
  /** Dotted verb: `auth.login`, `auth.login_failed`, `auth.locked`, `access.denied`, `account.created` … */
  action: string;
  result: AuditResult;
  subjectType?: string | null | undefined;
  subjectId?: string | null | undefined;
  ip?: string | null | undefined;
  details?: Record<string, unknown> | undefined;
}

export type AuditEvent = typeof auditEvents.$inferSelect;

export interface AuditFilter {
  actorId?: string | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Page backwards: events with an id below this one. */
  beforeId?: number | undefined;
  limit?: number | undefined;
}

export const auditPageMax = 500;

export interface AuditService {
  /** Writes one event; pass the transaction when the event belongs to a change that may still roll back. */
  record(entry: AuditEntry, tx?: DbOrTx): Promise<void>;
  /** Newest first. */
  list(filter: AuditFilter): Promise<AuditEvent[]>;
  /**
   * The names of the users among `ids` (actors and user subjects of a page of events), so the log shows people, not
   * UUIDs. Read from the users table directly: accounts sits above audit, and a name is all the log needs.
   */
  userNames(ids: string[]): Promise<Map<string, string>>;
}

export function createAuditService(db: Database, clock: Clock): AuditService {
  return {
    async record(entry, tx) {
      await (tx ?? db).insert(auditEvents).values({
        at: clock.now(),
        actorId: entry.actorId ?? null,
        action: entry.action,
        result: entry.result,
        subjectType: entry.subjectType ?? null,
        subjectId: entry.subjectId ?? null,
        ip: entry.ip ?? null,
        details: entry.details ?? {},
      });
    },
    async list(filter) {
      const conditions: SQL[] = [];
      if (filter.actorId) conditions.push(eq(auditEvents.actorId, filter.actorId));
      if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
      if (filter.from) conditions.push(gte(auditEvents.at, filter.from));
      if (filter.to) conditions.push(lte(auditEvents.at, filter.to));
      if (filter.beforeId !== undefined) conditions.push(lt(auditEvents.id, filter.beforeId));
      const limit = Math.min(Math.max(filter.limit ?? 100, 1), auditPageMax);
      return db.select().from(auditEvents).where(and(...conditions)).orderBy(desc(auditEvents.id)).limit(limit);
    },
    async userNames(ids) {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return new Map();
      const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
      return new Map(rows.map((row) => [row.id, row.name]));
    },
  };
}
