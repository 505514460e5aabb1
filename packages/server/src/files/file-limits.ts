/**
 * Upload limits come from the form field a file is for (`x-attachment: { maxSize, accept }` in a programme's
 * schema, read by the upload purposes of applications/ and workflow/); uploads with no form field have limits of their
 * own (a reviewer sheet, accounts/reviewer-uploads.ts; a programme zip). The defaults below are for tests.
 */
import type { SessionUser } from '../access/session-user.ts';

export interface UploadLimits {
  maxBytes: number;
  /** Accepted detected types (see file-type.ts); `jpg` also accepts what people call jpeg. */
  accept: string[];
}

export interface UploadTarget {
  purpose: string;
  applicationId?: string | undefined;
  fieldPointer?: string | undefined;
  user: SessionUser;
}

/**
 * How much one user may upload in any 24 hours, and how much one application may hold, counted in distinct
 * contents (the same bytes uploaded twice are stored once and count once). Configuration: UPLOAD_USER_* and
 * UPLOAD_APPLICATION_* (README).
 */
export interface UploadQuota {
  userFilesPerDay: number;
  userBytesPerDay: number;
  applicationFiles: number;
  applicationBytes: number;
}

export const defaultUploadQuota: UploadQuota = {
  userFilesPerDay: 300,
  userBytesPerDay: 2048 * 1024 * 1024,
  applicationFiles: 300,
  applicationBytes: 2048 * 1024 * 1024,
};

export const defaultUploadLimits: UploadLimits = {
  maxBytes: 20 * 1024 * 1024,
  accept: ['pdf', 'jpg', 'png', 'bmp', 'xlsx', 'csv', 'zip'],
};


export function normaliseAccept(accept: string[]): string[] {
  return [...new Set(accept.map((t) => t.toLowerCase().replace(/^\./, '')).map((t) => (t === 'jpeg' ? 'jpg' : t)))];
}

export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? String(mb) : mb.toFixed(1);
}
