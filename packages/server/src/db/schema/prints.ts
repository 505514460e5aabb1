import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Every generated print: its version code (printed on every page and in the QR code), what it was printed from and
 * the PDF's hash, so /verify/<version> can say whether a paper copy matches the system.
 */
export const printVersions = pgTable('print_versions', {
  version: text('version').primaryKey(),
  applicationId: text('application_id').notNull(),
  programmeVersionId: text('programme_version_id').notNull(),
  printId: text('print_id').notNull(),
  /** The task a task-form print belongs to, if any. */
  taskId: text('task_id'),
  dataHash: text('data_hash').notNull(),
  pdfSha256: text('pdf_sha256').notNull(),
  attachmentId: text('attachment_id').notNull(),
  pageCount: integer('page_count'),
  printedBy: text('printed_by').notNull(),
  printedAt: timestamp('printed_at', { withTimezone: true }).notNull(),
}, (t) => [index('print_versions_application_idx').on(t.applicationId, t.printId, t.printedAt)]);

/** Stamped scans uploaded back for a printed version (by the applicant, or by a reviewing unit). */
export const stampedScans = pgTable('stamped_scans', {
  id: text('id').primaryKey(),
  applicationId: text('application_id').notNull(),
  printId: text('print_id').notNull(),
  version: text('version').notNull(),
  attachmentId: text('attachment_id').notNull(),
  uploadedBy: text('uploaded_by').notNull(),
  organisationId: text('organisation_id'),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
}, (t) => [index('stamped_scans_application_idx').on(t.applicationId, t.printId)]);

/** The render queue: long renders report queued → rendering → done (or failed) to the UI. */
export const printJobs = pgTable('print_jobs', {
  id: text('id').primaryKey(),
  applicationId: text('application_id').notNull(),
  printId: text('print_id').notNull(),
  taskId: text('task_id'),
  requestedBy: text('requested_by').notNull(),
  status: text('status', { enum: ['queued', 'rendering', 'done', 'failed'] }).notNull().default('queued'),
  version: text('version'),
  error: text('error'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
}, (t) => [index('print_jobs_status_idx').on(t.status, t.createdAt)]);
