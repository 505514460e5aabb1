/**
 * The closed list of what a file may be uploaded for. An upload names its purpose; anything not listed here is
 * refused (SB_ERR_UPLOAD_PURPOSE_UNKNOWN) before a byte is read, so no upload can slip past the policy of the area it
 * belongs to by naming a purpose nobody checks. Each purpose's limits and ownership check live with its area
 * (applications/attachment-policy.ts for application files and report letters, programmes/admin-uploads.ts for
 * programme zips); the reviewer sheet, which no area wires, is checked here.
 */
import { AppError } from '../errors.ts';
import type { SessionUser } from '../auth/session-user.ts';
import type { UploadLimits, UploadTarget } from './file-limits.ts';

export interface UploadPurpose {
  /** Files of an application: `applicationId` is required and the application's own policy decides. */
  forApplication: boolean;
}

/** Exact purposes; `report:<programmeId>` (a unit's report letter) is the one family with a parameter. */
export const uploadPurposes: Record<string, UploadPurpose> = {
  section: { forApplication: true },
  task: { forApplication: true },
  'stamped-scan': { forApplication: true },
  'programme-zip': { forApplication: false },
  'reviewer-import': { forApplication: false },
};

export const reportPurposePrefix = 'report:';

const programmeIdPattern = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** The purpose's entry, or SB_ERR_UPLOAD_PURPOSE_UNKNOWN; also refuses an applicationId where none belongs. */
export function checkUploadPurpose(target: Pick<UploadTarget, 'purpose' | 'applicationId'>): UploadPurpose {
  const { purpose } = target;
  const entry = purpose.startsWith(reportPurposePrefix)
    ? (programmeIdPattern.test(purpose.slice(reportPurposePrefix.length)) ? { forApplication: false } : undefined)
    : Object.hasOwn(uploadPurposes, purpose) ? uploadPurposes[purpose] : undefined;
  if (!entry) throw new AppError('SB_ERR_UPLOAD_PURPOSE_UNKNOWN', { purpose: purpose.slice(0, 60) });
  if (entry.forApplication && !target.applicationId) throw new AppError('SB_ERR_BAD_REQUEST', { detail: `applicationId is required for purpose ${purpose}` });
  if (!entry.forApplication && target.applicationId) throw new AppError('SB_ERR_BAD_REQUEST', { detail: `purpose ${purpose} belongs to no application; leave out applicationId` });
  return entry;
}

/** A reviewer list (序号/姓名/手机号/职务/单位) for importReviewers: platform administrators only, xlsx or csv. */
export const reviewerImportLimits: UploadLimits = { maxBytes: 5 * 1024 * 1024, accept: ['xlsx', 'csv'] };

function isPlatformAdmin(user: SessionUser): boolean {
  return user.grants.some((g) => g.role === 'platform_admin');
}

/**
 * The end of the files service's limits chain: the purposes no area claimed. The reviewer sheet is handled here;
 * any other purpose reaching this point has no policy wired and is refused rather than given broad defaults.
 */
export function baseUploadLimits(target: UploadTarget): UploadLimits {
  if (target.purpose === 'reviewer-import') {
    if (!isPlatformAdmin(target.user)) throw new AppError('SB_ERR_FORBIDDEN');
    return reviewerImportLimits;
  }
  throw new AppError('SB_ERR_UPLOAD_PURPOSE_UNKNOWN', { purpose: target.purpose.slice(0, 60) });
}
