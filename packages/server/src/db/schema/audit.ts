import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Append-only audit trail: every login, failed login, lockout, refused access and state change. Nothing updates or
 * deletes rows here (a database trigger in the migration refuses it).
 */
export const auditEvents = pgTable('audit_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actorId: text('actor_id'),
  /** What happened: `auth.login`, `auth.login_failed`, `auth.locked`, `access.denied`, `application.submit` … */
  action: text('action').notNull(),
  result: text('result', { enum: ['ok', 'refused', 'error'] }).notNull(),
  subjectType: text('subject_type'),
  subjectId: text('subject_id'),
  ip: text('ip'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
}, (t) => [index('audit_events_actor_idx').on(t.actorId, t.at), index('audit_events_subject_idx').on(t.subjectType, t.subjectId)]);
