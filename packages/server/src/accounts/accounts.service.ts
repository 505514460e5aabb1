/**
 * Users and their role grants. Account creation from every door (registration, reviewer creation, import, demo
 * seed) goes through `createUser`, so the same rules hold everywhere: normalised unique mobile, argon2id hash,
 * grants written in the same transaction, one audit row.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Database, DbOrTx } from '../db/client.ts';
import { organisations, roleGrants, users } from '../db/schema/accounts.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { RoleGrant } from '../access/session-user.ts';
import { hashPassword } from './password-hashing.ts';
import { normaliseMobile } from './mobile.ts';

export type User = typeof users.$inferSelect;
export type Organisation = typeof organisations.$inferSelect;

export interface NewUser {
  mobile: string;
  name: string;
  title?: string | null | undefined;
  password: string;
  mustChangePassword: boolean;
  mobileVerified?: boolean;
  grants: RoleGrant[];
}

export interface AccountsService {
  findByMobile(mobile: string, tx?: DbOrTx): Promise<User | undefined>;
  findById(id: string, tx?: DbOrTx): Promise<User | undefined>;
  grantsOf(userId: string, tx?: DbOrTx): Promise<RoleGrant[]>;
  grantsOfMany(userIds: string[], tx?: DbOrTx): Promise<Map<string, RoleGrant[]>>;
  /** The organisation a user acts for: the first grant that names one (applicants and reviewers have exactly one). */
  primaryOrganisation(grants: RoleGrant[], tx?: DbOrTx): Promise<Organisation | undefined>;
  /** Inserts the user and grants; the caller passes its transaction and records who did it. */
  createUser(input: NewUser, audit: { actorId: string | null; ip?: string | undefined; action: string }, tx: DbOrTx): Promise<User>;
  addGrant(userId: string, grant: RoleGrant, tx?: DbOrTx): Promise<void>;
  setPassword(userId: string, password: string, options: { mustChangePassword: boolean }, tx?: DbOrTx): Promise<void>;
}

export function createAccountsService(db: Database, clock: Clock, audit: AuditService): AccountsService {
  const service: AccountsService = {
    async findByMobile(mobile, tx) {
      const [row] = await (tx ?? db).select().from(users).where(eq(users.mobile, normaliseMobile(mobile))).limit(1);
      return row;
    },
    async findById(id, tx) {
      const [row] = await (tx ?? db).select().from(users).where(eq(users.id, id)).limit(1);
      return row;
    },
    async grantsOf(userId, tx) {
      return (await service.grantsOfMany([userId], tx)).get(userId) ?? [];
    },
    async grantsOfMany(userIds, tx) {
      const result = new Map<string, RoleGrant[]>();
      if (userIds.length === 0) return result;
      const rows = await (tx ?? db)
        .select({ userId: roleGrants.userId, role: roleGrants.role, organisationId: roleGrants.organisationId, programmeId: roleGrants.programmeId })
        .from(roleGrants)
        .where(inArray(roleGrants.userId, userIds))
        .orderBy(roleGrants.createdAt, roleGrants.role);
      for (const { userId, ...grant } of rows) {
        const list = result.get(userId) ?? [];
        list.push(grant);
        result.set(userId, list);
      }
      return result;
    },
    async primaryOrganisation(grants, tx) {
      const organisationId = grants.find((g) => g.organisationId !== '')?.organisationId;
      if (!organisationId) return undefined;
      const [row] = await (tx ?? db).select().from(organisations).where(eq(organisations.id, organisationId)).limit(1);
      return row;
    },
    async createUser(input, auditInfo, tx) {
      const now = clock.now();
      const [user] = await tx
        .insert(users)
        .values({
          id: randomUUID(),
          mobile: normaliseMobile(input.mobile),
          name: input.name.trim(),
          title: input.title?.trim() || null,
          passwordHash: await hashPassword(input.password),
          mustChangePassword: input.mustChangePassword,
          mobileVerifiedAt: input.mobileVerified ? now : null,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!user) throw new Error('insert into users returned no row');
      for (const grant of input.grants) await service.addGrant(user.id, grant, tx);
      await audit.record({
        actorId: auditInfo.actorId ?? user.id,
        action: auditInfo.action,
        result: 'ok',
        subjectType: 'user',
        subjectId: user.id,
        ip: auditInfo.ip,
        details: { grants: input.grants },
      }, tx);
      return user;
    },
    async addGrant(userId, grant, tx) {
      await (tx ?? db)
        .insert(roleGrants)
        .values({ userId, role: grant.role, organisationId: grant.organisationId, programmeId: grant.programmeId, createdAt: clock.now() })
        .onConflictDoNothing();
    },
    async setPassword(userId, password, options, tx) {
      await (tx ?? db)
        .update(users)
        .set({ passwordHash: await hashPassword(password), mustChangePassword: options.mustChangePassword, failedLogins: 0, lockedUntil: null, updatedAt: clock.now() })
        .where(and(eq(users.id, userId)));
    },
  };
  return service;
}
