/**
 * Who may print what. A print lists programme roles (`prints[].roles`): the applicant role(s) let the applicant's
 * people print; a reviewing role lets the people of a unit that has (or had) a task of that role on the application
 * print; programme administrators may print everything.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { PrintDef, Programme } from '@shenbao/engine';
import type { DbOrTx } from '../db/client.ts';
import { tasks } from '../db/schema/index.ts';
import type { SessionUser } from '../access/session-user.ts';
import type { ApplicationRow } from '../applications/application.service.ts';
import { actsForApplicant, isProgrammeAdmin, reviewerOrganisations } from '../access/grants.ts';

function applicantRoles(programme: Programme): string[] {
  return Object.entries(programme.manifest.roles ?? {}).filter(([, role]) => role.kind === 'applicant').map(([id]) => id);
}

export async function mayPrint(db: DbOrTx, user: SessionUser, application: ApplicationRow, programme: Programme, print: PrintDef): Promise<boolean> {
  if (isProgrammeAdmin(user, application.programmeId)) return true;
  if (actsForApplicant(user, application.applicantOrganisationId)) {
    return applicantRoles(programme).some((role) => print.roles.includes(role));
  }
  return (await reviewerUnitsFor(db, user, application.id, print.roles)).length > 0;
}

/** The user's reviewing units with a task on the application in one of the given roles (all roles when omitted). */
export async function reviewerUnitsFor(db: DbOrTx, user: SessionUser, applicationId: string, roles?: string[]): Promise<string[]> {
  const units = reviewerOrganisations(user);
  if (units.length === 0) return [];
  const rows = await db.selectDistinct({ organisationId: tasks.organisationId, role: tasks.role }).from(tasks)
    .where(and(eq(tasks.applicationId, applicationId), inArray(tasks.organisationId, units)));
  return [...new Set(rows.filter((r) => !roles || roles.includes(r.role)).map((r) => r.organisationId))];
}
