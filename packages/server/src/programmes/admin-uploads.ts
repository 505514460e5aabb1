/**
 * Uploads of programme zips (purpose `programme-zip`): only administrators may upload one, a zip of at most 10 MB.
 * Handed to the files area by the composition root (files/upload-purposes.ts).
 */
import { AppError } from '../errors.ts';
import type { SessionUser } from '../access/session-user.ts';
import type { UploadLimits } from '../files/file-limits.ts';
import { namedPurpose, type UploadPurpose } from '../files/upload-purposes.ts';

export const programmeZipPurpose = 'programme-zip';

export const programmeZipUploadLimits: UploadLimits = { maxBytes: 10 * 1024 * 1024, accept: ['zip'] };

/** Platform administrators, and programme administrators of any programme (which one is known once the zip is read). */
export function mayPublishSomeProgramme(user: SessionUser): boolean {
  return user.grants.some((g) => g.role === 'platform_admin' || g.role === 'programme_admin');
}

export const programmeZipUploads: UploadPurpose = namedPurpose(programmeZipPurpose, (target) => {
  if (!mayPublishSomeProgramme(target.user)) throw new AppError('SB_ERR_FORBIDDEN');
  return programmeZipUploadLimits;
});
