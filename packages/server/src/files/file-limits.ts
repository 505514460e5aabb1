/**
 * Upload limits come from the form field a file is for (`x-attachment: { maxSize, accept }` in a programme's
 * schema). The files service asks a resolver; until the lead wires it to programmes, every upload gets the
 * defaults below.
 */
import type { SessionUser } from '../auth/session-user.ts';

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

export type LimitsResolver = (target: UploadTarget) => Promise<UploadLimits> | UploadLimits;

export const defaultUploadLimits: UploadLimits = {
  maxBytes: 20 * 1024 * 1024,
  accept: ['pdf', 'jpg', 'png', 'bmp', 'xlsx', 'csv', 'zip'],
};

/** Parses the sizes programme folders write: "20MB", "3 MB", "500KB", "1048576". */
export function parseSize(text: string | number): number {
  if (typeof text === 'number') return text;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|K|MB|M|GB|G)?\s*$/i.exec(text);
  if (!match) throw new Error(`not a size: ${text}`);
  const unit = (match[2] ?? 'B').toUpperCase();
  const factor = unit.startsWith('G') ? 1024 ** 3 : unit.startsWith('M') ? 1024 ** 2 : unit.startsWith('K') ? 1024 : 1;
  return Math.round(Number(match[1]) * factor);
}

export function normaliseAccept(accept: string[]): string[] {
  return [...new Set(accept.map((t) => t.toLowerCase().replace(/^\./, '')).map((t) => (t === 'jpeg' ? 'jpg' : t)))];
}

export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? String(mb) : mb.toFixed(1);
}
