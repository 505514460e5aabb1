/**
 * Upload limits come from the form field a file is for (`x-attachment: { maxSize, accept }` in a programme's
 * schema, read by the upload purposes of applications/ and workflow/); uploads with no form field (a reviewer sheet)
 * get the defaults below.
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
