import { sql } from 'drizzle-orm';
import { pgSequence, bigserial, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * An application: its data (section id → section data), pinned to the programme version it started on, and the
 * flow's serialised state. `revision` is the optimistic lock: every command reads it and updates only when it is
 * unchanged, so of two racing commands exactly one wins.
 */
export const applicationNumbers = pgSequence('application_number_seq', { startWith: 1 });

export const applications = pgTable('applications', {
  id: text('id').primaryKey(),
  /** Human number shown on screens and prints, e.g. SB2026-000123. */
  number: text('number').notNull().unique()
    .default(sql`('SB' || to_char(now(), 'YYYY') || '-' || lpad(nextval('application_number_seq')::text, 6, '0'))`),
  programmeId: text('programme_id').notNull(),
  programmeVersionId: text('programme_version_id').notNull(),
  applicantOrganisationId: text('applicant_organisation_id').notNull(),
  createdBy: text('created_by').notNull(),
  /** draft → in_review ⇄ returned → completed; withdrawn applications go back to draft. */
  status: text('status', { enum: ['draft', 'in_review', 'returned', 'completed'] }).notNull().default('draft'),
  /** Final outcome from the flow's end event (recognised, notRecommended …) and its expiry, if any. */
  outcome: text('outcome'),
  outcomeValidUntil: timestamp('outcome_valid_until', { withTimezone: true }),
  data: jsonb('data').$type<Record<string, Record<string, unknown>>>().notNull().default({}),
  /** Per-section save counters, so autosave of one section never conflicts with another section. */
  sectionRevisions: jsonb('section_revisions').$type<Record<string, number>>().notNull().default({}),
  /** Set by the flow's freeze action: nothing can edit the data any more. */
  frozen: boolean('frozen').notNull().default(false),
  flowState: jsonb('flow_state').$type<unknown>(),
  revision: integer('revision').notNull().default(0),
  /** Which organisation the applicant chose for each reviewing role (role → organisation id), resolved at submit. */
  routing: jsonb('routing').$type<Record<string, string>>().notNull().default({}),
  firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true }),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('applications_programme_idx').on(t.programmeId, t.status), index('applications_org_idx').on(t.applicantOrganisationId)]);

/**
 * Open and finished user tasks, mirrored from the flow for inbox queries. At most one open task per application and
 * task definition (a partial unique index), so a double transition cannot open a task twice.
 */
export const tasks = pgTable('tasks', {
  id: text('id').primaryKey(),
  applicationId: text('application_id').notNull().references(() => applications.id),
  programmeId: text('programme_id').notNull(),
  /** The flow's own id for this task (unique within one flow instance). */
  flowTaskId: text('flow_task_id').notNull(),
  definitionId: text('definition_id').notNull(),
  name: text('name').notNull(),
  role: text('role').notNull(),
  /** Only members of this organisation see and act on the task (empty for the applicant's own tasks). */
  organisationId: text('organisation_id').notNull().default(''),
  formKey: text('form_key'),
  kind: text('kind').notNull().default('review'),
  outcomes: jsonb('outcomes').$type<string[]>().notNull().default([]),
  withdrawable: boolean('withdrawable').notNull().default(false),
  status: text('status', { enum: ['open', 'completed', 'cancelled'] }).notNull().default('open'),
  dueAt: timestamp('due_at', { withTimezone: true }),
  openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  completedBy: text('completed_by'),
  outcome: text('outcome'),
  reason: text('reason'),
  /** The task form's data: the reviewer's draft while the task is open, what it was completed with afterwards. */
  data: jsonb('data').$type<Record<string, unknown>>(),
  /** Counts the draft saves of the task form: a draft save names the revision it edited (optimistic locking). */
  dataRevision: integer('data_revision').notNull().default(0),
}, (t) => [
  index('tasks_inbox_idx').on(t.organisationId, t.status, t.programmeId),
  index('tasks_application_idx').on(t.applicationId),
  uniqueIndex('tasks_one_open_idx').on(t.applicationId, t.definitionId).where(sql`${t.status} = 'open'`),
]);

/** Timers (review deadlines, window close) fired by the server; they survive restarts because they live here. */
export const timers = pgTable('timers', {
  id: text('id').primaryKey(),
  applicationId: text('application_id'),
  programmeId: text('programme_id'),
  kind: text('kind').notNull(),
  /** The flow's own timer id, for flow timers. */
  flowTimerId: text('flow_timer_id'),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  firedAt: timestamp('fired_at', { withTimezone: true }),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
}, (t) => [index('timers_due_idx').on(t.dueAt).where(sql`${t.firedAt} is null`)]);

/** 审核历史: every step of an application — who, when, what, opinion — append-only. */
export const applicationEvents = pgTable('application_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  applicationId: text('application_id').notNull().references(() => applications.id),
  at: timestamp('at', { withTimezone: true }).notNull(),
  actorId: text('actor_id'),
  actorName: text('actor_name'),
  actorOrganisationId: text('actor_organisation_id'),
  /** create, save, submit, withdraw, resubmit, task.complete, report, decide, timer, print … */
  action: text('action').notNull(),
  taskDefinitionId: text('task_definition_id'),
  taskName: text('task_name'),
  outcome: text('outcome'),
  opinion: text('opinion'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
}, (t) => [index('application_events_application_idx').on(t.applicationId, t.id)]);

/**
 * A unit's ranking (排序) of the applications waiting in its report task, before and after it reports upward.
 * The quota is a database fact: every row carries the quota in force and ranks must lie in 1..quota and be unique
 * per unit, so no transaction, however it races, can hold more than `quota` rows.
 */
export const rankings = pgTable('rankings', {
  id: text('id').primaryKey(),
  programmeId: text('programme_id').notNull(),
  organisationId: text('organisation_id').notNull(),
  taskDefinitionId: text('task_definition_id').notNull(),
  applicationId: text('application_id').notNull().references(() => applications.id),
  taskId: text('task_id').notNull().references(() => tasks.id),
  rank: integer('rank').notNull(),
  quota: integer('quota'),
  /** Set when the unit reported; a reported ranking never changes again. */
  reportId: text('report_id'),
  rankedBy: text('ranked_by').notNull(),
  rankedAt: timestamp('ranked_at', { withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('rankings_rank_idx').on(t.programmeId, t.organisationId, t.taskDefinitionId, t.rank),
  uniqueIndex('rankings_task_idx').on(t.taskId),
  check('rankings_rank_within_quota', sql`${t.rank} >= 1 and (${t.quota} is null or ${t.rank} <= ${t.quota})`),
]);

/**
 * One-shot reports (上报): a unit reports its ranking upward once per programme and report task. The unique index
 * makes "once" a database fact; the check constraint keeps the count within the quota in force.
 */
export const reports = pgTable('reports', {
  id: text('id').primaryKey(),
  programmeId: text('programme_id').notNull(),
  organisationId: text('organisation_id').notNull(),
  taskDefinitionId: text('task_definition_id').notNull(),
  itemCount: integer('item_count').notNull(),
  quota: integer('quota'),
  reportedBy: text('reported_by').notNull(),
  reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('reports_once_idx').on(t.programmeId, t.organisationId, t.taskDefinitionId),
  check('reports_within_quota', sql`${t.quota} is null or ${t.itemCount} <= ${t.quota}`),
]);
