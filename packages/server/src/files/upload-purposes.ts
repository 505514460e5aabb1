/**
 * How higher areas plug their uploads into the files area without the files area knowing them: each area that takes
 * files describes its upload purposes (the `purpose` field of POST /api/files) and who besides the uploader may read
 * what it stores; the composition root hands the lists to createFilesService.
 *
 * The list is closed: a purpose no area answers is refused (SB_ERR_UPLOAD_PURPOSE_UNKNOWN) before a byte is read, so
 * no upload can slip past the policy of the area it belongs to by naming a purpose nobody checks; and a purpose that
 * does not belong to an application may not name one (the probe stored A's file under B's application that way).
 */
import type { SessionUser } from '../access/session-user.ts';
import type { attachments } from '../db/schema/files.ts';
import { AppError } from '../errors.ts';
import type { UploadLimits, UploadTarget } from './file-limits.ts';

export type Attachment = typeof attachments.$inferSelect;

export interface UploadPurpose {
  /** Whether this purpose answers the name sent (an exact name, or a family such as `report:<programmeId>`). */
  matches(purpose: string): boolean;
  /** Files of one application: `applicationId` is required and the purpose's `limits` checks the user's right to it. */
  forApplication?: boolean;
  /** The limits of this upload; throws (SB_ERR_FORBIDDEN, SB_ERR_BAD_REQUEST …) when the user may not make it. */
  limits(target: UploadTarget): Promise<UploadLimits> | UploadLimits;
}

/** Says whether `user` may read a stored file (besides its uploader and platform administrators, who always may). */
export type ReadPolicy = (user: SessionUser, attachment: Attachment) => Promise<boolean> | boolean;

/** An upload purpose with one exact name. */
export function namedPurpose(name: string, limits: UploadPurpose['limits'], options: { forApplication?: boolean } = {}): UploadPurpose {
  return { matches: (purpose) => purpose === name, limits, forApplication: options.forApplication ?? false };
}

/** The purpose answering `target.purpose`, or the refusal; also refuses an applicationId where none belongs. */
export function purposeFor(purposes: readonly UploadPurpose[], target: Pick<UploadTarget, 'purpose' | 'applicationId'>): UploadPurpose {
  const purpose = purposes.find((p) => p.matches(target.purpose));
  if (!purpose) throw new AppError('SB_ERR_UPLOAD_PURPOSE_UNKNOWN', { purpose: target.purpose.slice(0, 60) });
  if (purpose.forApplication && !target.applicationId) throw new AppError('SB_ERR_BAD_REQUEST', { detail: `applicationId is required for purpose ${target.purpose}` });
  if (!purpose.forApplication && target.applicationId) throw new AppError('SB_ERR_BAD_REQUEST', { detail: `purpose ${target.purpose} belongs to no application; leave out applicationId` });
  return purpose;
}
