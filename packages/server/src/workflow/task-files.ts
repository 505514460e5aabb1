/**
 * Uploads for reviewers' forms. Purpose `task`: a file for a field of a task form, by a member of a unit that has a
 * task with that form on the application. Purpose `report:<programmeId>`: a file for a unit's report form (a
 * recommendation letter), by any reviewer; the report registers it for each application it reports.
 */
import { eq } from 'drizzle-orm';
import type { JsonSchema } from '@shenbao/engine';
import type { Database } from '../db/client.ts';
import { tasks } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { reviewerOrganisations } from '../access/grants.ts';
import { namedPurpose, type UploadPurpose } from '../files/upload-purposes.ts';
import { applicationOfUpload, fieldLimits, splitFormPointer } from '../applications/application-files.ts';
import type { ProgrammeService } from '../programmes/programme.service.ts';

export const reportUploadPrefix = 'report:';

export function taskFormUploads(db: Database, programmes: Pick<ProgrammeService, 'runtime'>): UploadPurpose {
  return namedPurpose('task', async (target) => {
    const application = await applicationOfUpload(db, target);
    const runtime = await programmes.runtime(application.programmeVersionId);
    const { formId, rest } = splitFormPointer(target.fieldPointer);
    const units = reviewerOrganisations(target.user);
    const open = await db.select({ formKey: tasks.formKey, organisationId: tasks.organisationId }).from(tasks)
      .where(eq(tasks.applicationId, application.id));
    if (!open.some((t) => t.formKey === formId && units.includes(t.organisationId))) throw new AppError('SB_ERR_FORBIDDEN');
    const form = runtime.programme.taskForms.find((f) => f.ref.id === formId);
    return fieldLimits(form?.schema as JsonSchema | undefined, rest, target.fieldPointer);
  }, { forApplication: true });
}

export function reportFormUploads(programmes: Pick<ProgrammeService, 'currentRuntime'>): UploadPurpose {
  return {
    // `report:` and a programme id; anything else after the prefix is no purpose at all.
    matches: (purpose) => purpose.startsWith(reportUploadPrefix) && /^[a-z0-9][a-z0-9-]{0,99}$/.test(purpose.slice(reportUploadPrefix.length)),
    async limits(target) {
      if (reviewerOrganisations(target.user).length === 0) throw new AppError('SB_ERR_FORBIDDEN');
      const runtime = await programmes.currentRuntime(target.purpose.slice(reportUploadPrefix.length));
      const { formId, rest } = splitFormPointer(target.fieldPointer);
      const form = runtime.programme.taskForms.find((f) => f.ref.id === formId);
      return fieldLimits(form?.schema as JsonSchema | undefined, rest, target.fieldPointer);
    },
  };
}
