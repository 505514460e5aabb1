/**
 * What a print of an application is made from, gathered the same way for rendering, for /verify ("has the data
 * changed since?") and for the stamped-scan submit check — one builder, so the three can never disagree.
 *
 * The content hash (`printContentHash`) is printDataHash over the print data with the per-generation facts
 * (version code, printedAt) blanked: two prints of unchanged data have the same content hash, and the current
 * data's hash is computed by building the print data again from the application as it is now.
 */
import { eq, inArray } from 'drizzle-orm';
import { buildPrintData, printDataHash, type PrintData, type PrintDef, type PrintInput, type Programme } from '@shenbao/engine';
import type { DbOrTx } from '../db/client.ts';
import { organisations, tasks } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import type { ApplicationRow } from '../applications/application.service.ts';
import type { ProgrammeRuntime } from '../programmes/programme-runtime.ts';
import type { TaskRow } from '../workflow/task.service.ts';

/** The version code used when only the content matters (it is blanked before hashing). */
const PLACEHOLDER_VERSION = '2222-2222';

/** The task form a print is filled from (`taskForm` on the print), if it is a task print. */
export function taskFormOfPrint(programme: Programme, printId: string): string | undefined {
  return programme.prints.find((p) => p.def.id === printId)?.def.taskForm;
}

export function printDefOf(programme: Programme, printId: string): PrintDef | undefined {
  return programme.prints.find((p) => p.def.id === printId)?.def;
}

/** The print's definition, or SB_ERR_NOT_FOUND. */
export function requirePrintDef(runtime: ProgrammeRuntime, printId: string): PrintDef {
  const print = printDefOf(runtime.programme, printId);
  if (!print) throw new AppError('SB_ERR_NOT_FOUND', { what: `打印 ${printId}` });
  return print;
}

/** Everything a print of the application is built from (shared by the worker, /verify and the submit check). */
export async function printSubject(db: DbOrTx, application: ApplicationRow, runtime: ProgrammeRuntime, print: PrintDef, taskId: string | null): Promise<PrintSubject> {
  const [task] = taskId ? await db.select().from(tasks).where(eq(tasks.id, taskId)) : [];
  const organisationNames = await organisationNamesFor(db, application, runtime.programme);
  return { application, runtime, print, task: task ?? null, organisationNames };
}

/**
 * Names of the organisations a print may mention: the applicant, the units the application was routed to and every
 * unit the programme declares (templates look units up by id in `application.organisationNames`).
 */
export async function organisationNamesFor(db: DbOrTx, application: ApplicationRow, programme: Programme): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const unit of programme.manifest.organisations?.units ?? []) {
    names[unit.id] = textZh(unit.title) || unit.id;
  }
  const ids = [...new Set([application.applicantOrganisationId, ...Object.values(application.routing ?? {})])];
  const rows = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, ids));
  for (const row of rows) names[row.id] = row.name;
  return names;
}

export interface PrintSubject {
  application: ApplicationRow;
  runtime: ProgrammeRuntime;
  print: PrintDef;
  /** The task of a task-form print (its form data is `task.data`). */
  task?: TaskRow | null;
  organisationNames: Record<string, string>;
}

/**
 * The print input for an application as it stands. Only facts that stay put while nothing is edited go in (no
 * status or submit time), so a print made in the draft still matches after a withdraw or a return without edits.
 */
export function printInputFor(subject: PrintSubject, printedAt: Date): Omit<PrintInput, 'version'> {
  const { application, runtime, print, task, organisationNames } = subject;
  const { manifest } = runtime.programme;
  // Validation recomputes computed fields across sections, exactly as submit sees the data.
  const validated = runtime.compiled.validateApplication(application.data, {});
  const input: Omit<PrintInput, 'version'> = {
    programme: {
      id: manifest.id,
      version: runtime.versionId,
      title: manifest.title,
      timeZone: manifest.timeZone,
      issuer: textZh(manifest.issuer),
      organisations: manifest.organisations ?? {},
    },
    print: { id: print.id, title: print.title },
    application: {
      number: application.number,
      organisation: application.applicantOrganisationId,
      organisationName: organisationNames[application.applicantOrganisationId] ?? '',
      routing: application.routing ?? {},
      organisationNames,
    },
    data: validated.data,
    printedAt,
  };
  if (task) {
    input.task = {
      id: task.id, definitionId: task.definitionId, name: task.name, organisation: task.organisationId,
      organisationName: organisationNames[task.organisationId] ?? '', data: task.data ?? {},
      outcome: task.outcome, reason: task.reason, completedAt: task.completedAt?.toISOString() ?? null,
    };
  }
  return input;
}

function textZh(text: unknown): string {
  if (typeof text === 'string') return text;
  return (text as { zh?: string } | undefined)?.zh ?? '';
}

/** printDataHash of the print data without this generation's version code and time. */
export function printContentHash(data: PrintData): string {
  return printDataHash({ ...data, version: '', printedAt: '' });
}

/** The content hash a print of the application would have now. */
export function currentContentHash(subject: PrintSubject): string {
  return printContentHash(buildPrintData({ ...printInputFor(subject, new Date(0)), version: PLACEHOLDER_VERSION }));
}
