/**
 * Files and applications: an upload for a section field gets that field's own limits (`x-attachment` in the programme
 * version the application is pinned to) and only the applicant may make it; whoever may see an application may read
 * every file stored for it (sections, task forms, stamped scans, printed books). The workflow and print areas add
 * their own purposes for task forms and stamped scans (workflow/task-files.ts, prints/stamped-scan-uploads.ts).
 */
import { eq } from 'drizzle-orm';
import { attachmentLimitsAt, type JsonSchema } from '@shenbao/engine';
import type { Database } from '../db/client.ts';
import { applications } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { actsForApplicant } from '../access/grants.ts';
import type { UploadLimits, UploadTarget } from '../files/file-limits.ts';
import { namedPurpose, type ReadPolicy, type UploadPurpose } from '../files/upload-purposes.ts';
import type { ProgrammeService } from '../programmes/programme.service.ts';
import type { ApplicationReader, ApplicationRow } from './application.service.ts';

/** `/<formId>/<rest…>` → the form id and the pointer inside the form (JSON Pointer escapes undone in the id). */
export function splitFormPointer(pointer: string | undefined): { formId: string; rest: string } {
  const segments = (pointer ?? '').split('/');
  return { formId: (segments[1] ?? '').replace(/~1/g, '/').replace(/~0/g, '~'), rest: `/${segments.slice(2).join('/')}` };
}

/** The application an upload is for (its `applicationId`), or the refusal a user should see. */
export async function applicationOfUpload(db: Database, target: UploadTarget): Promise<ApplicationRow> {
  if (!target.applicationId) throw new AppError('SB_ERR_BAD_REQUEST', { detail: 'applicationId is required for this upload' });
  const [application] = await db.select().from(applications).where(eq(applications.id, target.applicationId));
  if (!application) throw new AppError('SB_ERR_NOT_FOUND', { what: '申报' });
  return application;
}

/** The limits of the attachment field at `rest` of `schema`, or SB_ERR_BAD_REQUEST when there is none. */
export function fieldLimits(schema: JsonSchema | undefined, rest: string, fieldPointer: string | undefined): UploadLimits {
  const limits = schema && attachmentLimitsAt(schema, rest);
  if (!limits) throw new AppError('SB_ERR_BAD_REQUEST', { detail: `no attachment field at ${fieldPointer ?? ''}` });
  return limits;
}

/** Purpose `section`: a file for a field of one of the application's sections, uploaded by the applicant. */
export function sectionUploads(db: Database, programmes: Pick<ProgrammeService, 'runtime'>): UploadPurpose {
  return namedPurpose('section', async (target) => {
    const application = await applicationOfUpload(db, target);
    const runtime = await programmes.runtime(application.programmeVersionId);
    if (!actsForApplicant(target.user, application.applicantOrganisationId)) throw new AppError('SB_ERR_FORBIDDEN');
    // A submitted (frozen) application takes no new section files: nothing could reference them.
    if (application.frozen || application.status === 'in_review' || application.status === 'completed') throw new AppError('SB_ERR_NOT_EDITABLE');
    const { formId, rest } = splitFormPointer(target.fieldPointer);
    const section = runtime.programme.sections.find((s) => s.ref.id === formId);
    return fieldLimits(section?.schema as JsonSchema | undefined, rest, target.fieldPointer);
  }, { forApplication: true });
}

/** Whoever may see an application may read the files stored for it. */
export function applicationFileReader(db: Database, reader: Pick<ApplicationReader, 'canSee'>): ReadPolicy {
  return async (user, attachment) => {
    if (!attachment.applicationId) return false;
    const [application] = await db.select().from(applications).where(eq(applications.id, attachment.applicationId));
    return Boolean(application && (await reader.canSee(user, application)));
  };
}
