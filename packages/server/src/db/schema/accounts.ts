import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Organisations: applicant organisations (created at registration) and reviewing units (loaded from programme
 * folders or created by administrators). `category` is a programme's organisation category id, e.g. a city-level
 * association; `parentId` builds the hierarchy (unit → province).
 */
export const organisations = pgTable('organisations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** `category` rows are a programme's organisation categories (id `<programme>:<category>`); units point at them. */
  kind: text('kind', { enum: ['applicant', 'reviewer', 'platform', 'category'] }).notNull(),
  category: text('category'),
  parentId: text('parent_id'),
  /** Programme that declared this unit, when it came from a programme folder. */
  sourceProgramme: text('source_programme'),
  uscc: text('uscc'),
  attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('organisations_category_idx').on(t.category), uniqueIndex('organisations_uscc_idx').on(t.uscc).where(sql`${t.uscc} is not null`)]);

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  mobile: text('mobile').notNull().unique(),
  name: text('name').notNull(),
  title: text('title'),
  passwordHash: text('password_hash').notNull(),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  mobileVerifiedAt: timestamp('mobile_verified_at', { withTimezone: true }),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Failed logins on mobile numbers that have no account, counted and locked exactly like `users.failed_logins` and
 * `users.locked_until`, so that a lockout does not tell which numbers have accounts. The number is kept only as its
 * SHA-256; rows are deleted a while after their last failure (auth/housekeeping.ts).
 */
export const unknownLoginFailures = pgTable('unknown_login_failures', {
  mobileHash: text('mobile_hash').primaryKey(),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
});

/**
 * What a user may do, and where: platform administrator (organisation null), programme administrator
 * (programmeId set), applicant (member of an applicant organisation), reviewer (member of a reviewing unit).
 */
export const roleGrants = pgTable('role_grants', {
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  role: text('role', { enum: ['platform_admin', 'programme_admin', 'applicant', 'reviewer'] }).notNull(),
  organisationId: text('organisation_id').notNull().default(''),
  programmeId: text('programme_id').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.userId, t.role, t.organisationId, t.programmeId] }), index('role_grants_org_idx').on(t.organisationId)]);

/** Server-side sessions: the cookie holds only a random id; its SHA-256 is stored. */
export const sessions = pgTable('sessions', {
  idHash: text('id_hash').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  userAgent: text('user_agent'),
  ip: text('ip'),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

/** One-time SMS codes (registration, password reset); the code itself is stored hashed, with the requesting IP. */
export const verificationCodes = pgTable('verification_codes', {
  id: text('id').primaryKey(),
  mobile: text('mobile').notNull(),
  purpose: text('purpose', { enum: ['register', 'reset_password'] }).notNull(),
  codeHash: text('code_hash').notNull(),
  attempts: integer('attempts').notNull().default(0),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** Address the code was requested from, an IPv6 one as its /64 (null when sent without one): per-address limits. */
  ip: text('ip'),
}, (t) => [
  index('verification_codes_mobile_idx').on(t.mobile, t.purpose),
  // The per-address limits count an address's codes over the last hour and day.
  index('verification_codes_ip_idx').on(t.ip, t.createdAt),
]);
