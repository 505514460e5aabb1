import { bigint, customType, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

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

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * File bytes in the database (FILE_STORE=postgres), for deployments of several processes with no shared disk or
 * object store. A blob row is written in the same transaction as its chunks, after them: a blob is there whole or
 * not at all. Chunks of 1 MiB keep each value (and each read) small.
 */
export const fileBlobs = pgTable('file_blobs', {
  sha256: text('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  chunks: integer('chunks').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const fileBlobChunks = pgTable('file_blob_chunks', {
  sha256: text('sha256').notNull(),
  seq: integer('seq').notNull(),
  bytes: bytea('bytes').notNull(),
}, (t) => [primaryKey({ columns: [t.sha256, t.seq] })]);
