/**
 * Which printed version stands for a document now. A print is a paper promise: once the applicant stamps version X,
 * every later look at the same data must show X again, or /verify would call the stamped paper outdated. So a print
 * of unchanged data reuses the latest version (same content hash), and only people who print in their own name
 * create versions: the applicant's people for the applicant's documents, the reviewing unit for its open task's
 * form (a finished task's form is fixed, so its first print is the one everyone sees).
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { PrintDef } from '@shenbao/engine';
import type { DbOrTx } from '../db/client.ts';
import { printVersions } from '../db/schema/index.ts';
import type { SessionUser } from '../access/session-user.ts';
import { actsForApplicant, reviewerOrganisations } from '../access/grants.ts';
import type { ApplicationRow } from '../applications/application.service.ts';
import type { TaskRow } from '../workflow/task.service.ts';

export type PrintVersionRow = typeof printVersions.$inferSelect;

/** The latest version of one document (a print, and for a task-form print its task), if any. */
export async function latestVersionOf(db: DbOrTx, applicationId: string, printId: string, taskId: string | null): Promise<PrintVersionRow | undefined> {
  const [latest] = await db.select().from(printVersions)
    .where(and(eq(printVersions.applicationId, applicationId), eq(printVersions.printId, printId),
      taskId ? eq(printVersions.taskId, taskId) : isNull(printVersions.taskId)))
    .orderBy(desc(printVersions.printedAt)).limit(1);
  return latest;
}

/**
 * Whether the user prints this document in their own name, i.e. may create a new version of it: the applicant's
 * documents only by the applicant's people; a task form's print only by the unit holding that task. Everyone else
 * who may see the print (other reviewers, administrators) opens the latest version instead.
 */
export function printsInOwnName(user: SessionUser, application: ApplicationRow, print: PrintDef, task: Pick<TaskRow, 'organisationId' | 'status'> | null): boolean {
  if (!print.taskForm) return actsForApplicant(user, application.applicantOrganisationId);
  if (!task) return false;
  // A finished task's form no longer changes: whoever may print it makes the one version everyone reuses after.
  return task.status !== 'open' || reviewerOrganisations(user).includes(task.organisationId);
}
