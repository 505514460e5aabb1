/**
 * The variables FEEL expressions see for an application (rules, gateways, task organisations and deadlines, exports,
 * prints): every section by its id, `application`, `windows`, and each completed task by its definition id.
 */
import type { ProgrammeRuntime } from '../programmes/programme-runtime.ts';
import { windowVariables } from '../programmes/programme-runtime.ts';
import type { applications } from '../db/schema/index.ts';

type ApplicationRow = typeof applications.$inferSelect;

export function applicationVariables(
  application: ApplicationRow,
  runtime: ProgrammeRuntime,
  windowOverrides: Record<string, { opens: string; closes: string }>,
): Record<string, unknown> {
  return {
    ...application.data,
    application: {
      id: application.id,
      number: application.number,
      status: application.status,
      organisation: application.applicantOrganisationId,
      submittedAt: application.submittedAt?.toISOString() ?? null,
      firstSubmittedAt: application.firstSubmittedAt?.toISOString() ?? null,
    },
    windows: windowVariables(runtime.programme, windowOverrides),
  };
}
