/**
 * Server-side sessions. The browser holds a random 32-byte token; the table holds its SHA-256. A session ends when
 * the user logs out, when it has been idle longer than SESSION_IDLE_MINUTES, or SESSION_ABSOLUTE_HOURS after login
 * whatever happens — all decided by the server clock.
 */
import { and, eq, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Database, DbOrTx } from '../db/client.ts';
import { roleGrants, sessions, users } from '../db/schema/accounts.ts';
import { hashSessionToken, newSessionToken } from './session-token.ts';
import type { RoleGrant, SessionLookup } from '../access/session-user.ts';

/** lastSeenAt is written at most this often, so that busy pages do not turn every request into a write. */
export const sessionTouchIntervalMs = 60_000;

export interface SessionMeta {
  ip?: string | undefined;
  userAgent?: string | undefined;
}

export interface SessionService {
  /** Opens a session and returns the token for the cookie (never stored). */
  start(userId: string, meta: SessionMeta, tx?: DbOrTx): Promise<{ token: string; idHash: string; expiresAt: Date }>;
  lookup(token: string | undefined): Promise<SessionLookup>;
  /** Ends one session (logout, or the previous session of a browser that logs in again). */
  end(idHash: string, tx?: DbOrTx): Promise<void>;
  /** Ends every session of a user except, optionally, the one in use (after a password change). */
  endAllOf(userId: string, exceptIdHash?: string, tx?: DbOrTx): Promise<void>;
  /**
   * Deletes the sessions that finished (logout, idle or absolute expiry) more than SESSION_RETENTION_DAYS ago, with
   * the IP address and browser they hold; returns how many. Logins themselves stay in the audit log.
   */
  purgeFinished(): Promise<number>;
}

/** The user's role grants as a JSON array, in the order AccountsService.grantsOf gives them. */
const grantsOfUser = sql<RoleGrant[]>`coalesce((
  select json_agg(json_build_object('role', g.role, 'organisationId', g.organisation_id, 'programmeId', g.programme_id)
    order by g.created_at, g.role)
  from ${roleGrants} g where g.user_id = ${users.id}), '[]'::json)`;

export function createSessionService(db: Database, clock: Clock, config: Config): SessionService {
  const idleMs = config.sessionIdleMinutes * 60_000;
  const absoluteMs = config.sessionAbsoluteHours * 3_600_000;
  const retentionMs = config.sessionRetentionDays * 86_400_000;

  return {
    async start(userId, meta, tx) {
      const token = newSessionToken();
      const idHash = hashSessionToken(token);
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + absoluteMs);
      await (tx ?? db).insert(sessions).values({
        idHash,
        userId,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
        ip: meta.ip ?? null,
        userAgent: meta.userAgent?.slice(0, 500) ?? null,
      });
      return { token, idHash, expiresAt };
    },

    async lookup(token) {
      if (!token) return { status: 'none' };
      const idHash = hashSessionToken(token);
      // One round trip for the session, its user and the user's grants: every request pays it.
      const [row] = await db
        .select({ session: sessions, user: users, grants: grantsOfUser })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.idHash, idHash))
        .limit(1);
      // An ended session (logout) is no session at all: the cookie is simply refused.
      if (!row || row.session.endedAt || row.user.disabled) return { status: 'none' };
      const now = clock.now().getTime();
      const lastSeen = row.session.lastSeenAt.getTime();
      if (now >= row.session.expiresAt.getTime() || now - lastSeen >= idleMs) return { status: 'expired' };
      if (now - lastSeen >= sessionTouchIntervalMs) {
        await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.idHash, idHash));
      }
      return {
        status: 'active',
        user: {
          id: row.user.id,
          mobile: row.user.mobile,
          name: row.user.name,
          mustChangePassword: row.user.mustChangePassword,
          grants: row.grants,
          sessionIdHash: idHash,
        },
      };
    },

    async end(idHash, tx) {
      await (tx ?? db).update(sessions).set({ endedAt: clock.now() }).where(and(eq(sessions.idHash, idHash), isNull(sessions.endedAt)));
    },

    async endAllOf(userId, exceptIdHash, tx) {
      const conditions = [eq(sessions.userId, userId), isNull(sessions.endedAt)];
      if (exceptIdHash) conditions.push(ne(sessions.idHash, exceptIdHash));
      await (tx ?? db).update(sessions).set({ endedAt: clock.now() }).where(and(...conditions));
    },

    async purgeFinished() {
      const cutoff = clock.now().getTime() - retentionMs;
      // A session is over at the first of: logout, its absolute expiry, idleMs after it was last seen.
      const deleted = await db.delete(sessions).where(or(
        lt(sessions.endedAt, new Date(cutoff)),
        lt(sessions.expiresAt, new Date(cutoff)),
        lt(sessions.lastSeenAt, new Date(cutoff - idleMs)),
      )).returning({ idHash: sessions.idHash });
      return deleted.length;
    },
  };
}
