/**
 * How higher areas plug their uploads into the files area without the files area knowing them: each area that takes
 * files describes its upload purposes (the `purpose` field of POST /api/files) and who besides the uploader may read
 * what it stores; the composition root hands the lists to createFilesService.
 */
import type { SessionUser } from '../access/session-user.ts';
import type { attachments } from '../db/schema/files.ts';
import type { UploadLimits, UploadTarget } from './file-limits.ts';

export type Attachment = typeof attachments.$inferSelect;

export interface UploadPurpose {
  /** Whether this purpose answers the name sent (an exact name, or a family such as `report:<programmeId>`). */
  matches(purpose: string): boolean;
  /** The limits of this upload; throws (SB_ERR_FORBIDDEN, SB_ERR_BAD_REQUEST …) when the user may not make it. */
  limits(target: UploadTarget): Promise<UploadLimits> | UploadLimits;
}

/** Says whether `user` may read a stored file (besides its uploader and platform administrators, who always may). */
export type ReadPolicy = (user: SessionUser, attachment: Attachment) => Promise<boolean> | boolean;

/** An upload purpose with one exact name. */
export function namedPurpose(name: string, limits: UploadPurpose['limits']): UploadPurpose {
  return { matches: (purpose) => purpose === name, limits };
}
