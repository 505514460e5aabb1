/**
 * Purpose `stamped-scan`: the signed and stamped scan of a printed book, uploaded by the applicant or by a reviewing
 * unit (its own stamped copy) — whoever may see the application. Registered against a version in print.service.ts.
 */
import type { Database } from '../db/client.ts';
import { AppError } from '../errors.ts';
import type { UploadLimits } from '../files/file-limits.ts';
import { namedPurpose, type UploadPurpose } from '../files/upload-purposes.ts';
import { applicationOfUpload } from '../applications/application-files.ts';
import type { ApplicationReader } from '../applications/application.service.ts';

export const stampedScanPurpose = 'stamped-scan';

const stampedScanLimits: UploadLimits = { maxBytes: 20 * 1024 * 1024, accept: ['pdf', 'jpg', 'png'] };

export function stampedScanUploads(db: Database, applications: Pick<ApplicationReader, 'canSee'>): UploadPurpose {
  return namedPurpose(stampedScanPurpose, async (target) => {
    const application = await applicationOfUpload(db, target);
    if (!(await applications.canSee(target.user, application))) throw new AppError('SB_ERR_FORBIDDEN');
    return stampedScanLimits;
  }, { forApplication: true });
}
