/**
 * Uploads of programme zips (purpose `programme-zip`): only administrators may upload one, a zip of at most 10 MB.
 * Chained in front of the files service's existing hooks, the way applications/attachment-policy.ts chains its own.
 */
import { AppError } from '../errors.ts';
import type { SessionUser } from '../auth/session-user.ts';
import type { FilesService } from '../files/files.service.ts';
import type { UploadLimits, UploadTarget } from '../files/file-limits.ts';

export const programmeZipPurpose = 'programme-zip';

export const programmeZipUploadLimits: UploadLimits = { maxBytes: 10 * 1024 * 1024, accept: ['zip'] };

/** Platform administrators, and programme administrators of any programme (which one is known once the zip is read). */
export function mayPublishSomeProgramme(user: SessionUser): boolean {
  return user.grants.some((g) => g.role === 'platform_admin' || g.role === 'programme_admin');
}

export function wireProgrammeZipUploads(files: FilesService): void {
  const fallbackLimits = files.hooks.resolveLimits;
  files.hooks.resolveLimits = async (target: UploadTarget) => {
    if (target.purpose !== programmeZipPurpose) return fallbackLimits(target);
    if (!mayPublishSomeProgramme(target.user)) throw new AppError('SB_ERR_FORBIDDEN');
    return programmeZipUploadLimits;
  };
}
