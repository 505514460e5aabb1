import { bigint, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Uploaded files. Bytes live content-addressed in the file store (DATA_DIR/files/<sha256>); this row says who
 * uploaded what, for which form field, and what the content turned out to be (type sniffed from magic bytes).
 */
export const attachments = pgTable('attachments', {
  id: text('id').primaryKey(),
  sha256: text('sha256').notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  /** Detected from the content: pdf, png, jpg, bmp, xlsx, docx, zip … */
  fileType: text('file_type').notNull(),
  mediaType: text('media_type').notNull(),
  originalName: text('original_name').notNull(),
  uploadedBy: text('uploaded_by').notNull(),
  /** What the file is for: an application field, a task form field, a stamped scan … */
  purpose: text('purpose').notNull(),
  applicationId: text('application_id'),
  fieldPointer: text('field_pointer'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('attachments_application_idx').on(t.applicationId), index('attachments_sha_idx').on(t.sha256)]);
