/**
 * Purpose `reviewer-import`: the reviewer list (序号/姓名/手机号/职务/单位) an administrator uploads for
 * importReviewers — platform administrators only, xlsx or csv of at most 5 MB.
 */
import { AppError } from '../errors.ts';
import { hasRole } from '../access/grants.ts';
import type { UploadLimits } from '../files/file-limits.ts';
import { namedPurpose, type UploadPurpose } from '../files/upload-purposes.ts';

export const reviewerImportPurpose = 'reviewer-import';

export const reviewerImportLimits: UploadLimits = { maxBytes: 5 * 1024 * 1024, accept: ['xlsx', 'csv'] };

export const reviewerImportUploads: UploadPurpose = namedPurpose(reviewerImportPurpose, (target) => {
  if (!hasRole(target.user, 'platform_admin')) throw new AppError('SB_ERR_FORBIDDEN');
  return reviewerImportLimits;
});
