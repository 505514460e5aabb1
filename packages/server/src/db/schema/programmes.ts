import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * A programme (one notice) and its published versions. A version is immutable: its files are stored as they were
 * published, keyed by their content hash, so an application pinned to it always sees the same forms and flow.
 */
export const programmes = pgTable('programmes', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  currentVersionId: text('current_version_id').notNull(),
  /**
   * Round dates set by an administrator without editing the folder (extend a deadline, run the programme again next
   * year): `{ windowId: { opens, closes } }` as ISO instants. Missing windows fall back to the folder's own dates.
   */
  windowOverrides: jsonb('window_overrides').$type<Record<string, { opens: string; closes: string }>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const programmeVersions = pgTable('programme_versions', {
  id: text('id').primaryKey(),
  programmeId: text('programme_id').notNull(),
  /** The folder's own version label (programme.json `version`). */
  label: text('label').notNull(),
  contentHash: text('content_hash').notNull(),
  /** Every file of the folder: relative path → text. */
  files: jsonb('files').$type<Record<string, string>>().notNull(),
  publishedBy: text('published_by'),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('programme_versions_hash_idx').on(t.programmeId, t.contentHash), index('programme_versions_programme_idx').on(t.programmeId)]);
