/**
 * Wires files to applications: an upload for an application field gets that field's own limits (`x-attachment`
 * in the programme version the application is pinned to), only the people acting on the application may upload
 * for it, and whoever may see an application may read its files.
 */
import { eq, inArray } from 'drizzle-orm';
import { attachmentIdsIn, attachmentLimitsAt, type JsonSchema } from '@shenbao/engine';
import type { Database, DbOrTx } from '../db/client.ts';
import { applications, attachments, tasks } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import type { FilesService } from '../files/files.service.ts';
import type { UploadLimits, UploadTarget } from '../files/file-limits.ts';
import type { ProgrammeService } from '../programmes/programme.service.ts';
import { actsForApplicant, reviewerOrganisations } from './access.ts';
import type { ApplicationService } from './application.service.ts';

/** Upload purposes that belong to an application. */
export const applicationPurposes = ['section', 'task', 'stamped-scan'] as const;

const stampedScanLimits: UploadLimits = { maxBytes: 20 * 1024 * 1024, accept: ['pdf', 'jpg', 'png'] };

function splitPointer(pointer: string | undefined): { formId: string; rest: string } {
  const segments = (pointer ?? '').split('/');
  return { formId: (segments[1] ?? '').replace(/~1/g, '/').replace(/~0/g, '~'), rest: `/${segments.slice(2).join('/')}` };
}

export function wireApplicationFiles(db: Database, files: FilesService, programmes: ProgrammeService, applicationService: ApplicationService): void {
  const fallbackLimits = files.hooks.resolveLimits;
  const fallbackRead = files.hooks.canRead;

  files.hooks.resolveLimits = async (target: UploadTarget) => {
    if (target.purpose.startsWith('report:')) {
      // A unit's report form (a recommendation letter): limits from that form's field; only reviewers upload.
      if (reviewerOrganisations(target.user).length === 0) throw new AppError('SB_ERR_FORBIDDEN');
      const runtime = await programmes.currentRuntime(target.purpose.slice('report:'.length));
      const { formId, rest } = splitPointer(target.fieldPointer);
      const form = runtime.programme.taskForms.find((f) => f.ref.id === formId);
      const limits = form && attachmentLimitsAt(form.schema as JsonSchema, rest);
      if (!limits) throw new AppError('SB_ERR_BAD_REQUEST', { detail: `no attachment field at ${target.fieldPointer ?? ''}` });
      return limits;
    }
    if (!(applicationPurposes as readonly string[]).includes(target.purpose)) return fallbackLimits(target);
    if (!target.applicationId) throw new AppError('SB_ERR_BAD_REQUEST', { detail: 'applicationId is required for this upload' });
    const [application] = await db.select().from(applications).where(eq(applications.id, target.applicationId));
    if (!application) throw new AppError('SB_ERR_NOT_FOUND', { what: '申报' });
    const runtime = await programmes.runtime(application.programmeVersionId);
    const { formId, rest } = splitPointer(target.fieldPointer);

    if (target.purpose === 'section') {
      if (!actsForApplicant(target.user, application.applicantOrganisationId)) throw new AppError('SB_ERR_FORBIDDEN');
      // A submitted (frozen) application takes no new section files: nothing could reference them.
      if (application.frozen || application.status === 'in_review' || application.status === 'completed') throw new AppError('SB_ERR_NOT_EDITABLE');
      const section = runtime.programme.sections.find((s) => s.ref.id === formId);
      const limits = section && attachmentLimitsAt(section.schema as JsonSchema, rest);
      if (!limits) throw new AppError('SB_ERR_BAD_REQUEST', { detail: `no attachment field at ${target.fieldPointer ?? ''}` });
      return limits;
    }
    if (target.purpose === 'task') {
      const units = reviewerOrganisations(target.user);
      const open = await db.select({ formKey: tasks.formKey, organisationId: tasks.organisationId }).from(tasks)
        .where(eq(tasks.applicationId, application.id));
      if (!open.some((t) => t.formKey === formId && units.includes(t.organisationId))) throw new AppError('SB_ERR_FORBIDDEN');
      const form = runtime.programme.taskForms.find((f) => f.ref.id === formId);
      const limits = form && attachmentLimitsAt(form.schema as JsonSchema, rest);
      if (!limits) throw new AppError('SB_ERR_BAD_REQUEST', { detail: `no attachment field at ${target.fieldPointer ?? ''}` });
      return limits;
    }
    // A stamped scan: the applicant's, or a reviewing unit's own stamped copy.
    if (!(await applicationService.canSee(target.user, application))) throw new AppError('SB_ERR_FORBIDDEN');
    return stampedScanLimits;
  };

  files.hooks.canRead = async (user, attachment) => {
    if (attachment.applicationId) {
      const [application] = await db.select().from(applications).where(eq(applications.id, attachment.applicationId));
      if (application && (await applicationService.canSee(user, application))) return true;
    }
    return fallbackRead(user, attachment);
  };
}

/**
 * Attachment ids in a form's data that were not uploaded for this application: refused, so nobody can point an
 * application at someone else's file.
 */
export async function foreignAttachments(db: DbOrTx, applicationId: string, schema: JsonSchema, data: unknown, pointerPrefix: string): Promise<Record<string, Array<{ zh: string; en: string }>>> {
  const held = attachmentIdsIn(schema, data);
  if (held.length === 0) return {};
  const rows = await db.select({ id: attachments.id, applicationId: attachments.applicationId }).from(attachments)
    .where(inArray(attachments.id, [...new Set(held.map((h) => h.id))]));
  const ours = new Set(rows.filter((r) => r.applicationId === applicationId).map((r) => r.id));
  const errors: Record<string, Array<{ zh: string; en: string }>> = {};
  for (const { pointer, id } of held) {
    if (!ours.has(id)) errors[`${pointerPrefix}${pointer}`] = [{ zh: '附件不存在或不属于本申报，请重新上传', en: 'This file does not exist or was not uploaded for this application; upload it again' }];
  }
  return errors;
}
