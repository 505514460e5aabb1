/**
 * Prints of applications: the render queue (print_jobs), the versions printed (print_versions) and the stamped scans
 * uploaded back (stamped_scans). Rendering itself happens in the PrintWorker; this service decides who may do what
 * and records it.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { normaliseVersionCode } from '@shenbao/engine';
import type { Clock } from '../clock.ts';
import type { Database, DbOrTx, Transaction } from '../db/client.ts';
import { applications, attachments, printJobs, printVersions, stampedScans, tasks } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import type { SessionUser } from '../access/session-user.ts';
import type { ApplicationReader, ApplicationRow } from '../applications/application.service.ts';
import { actsForApplicant } from '../access/grants.ts';
import type { ProgrammeService } from '../programmes/programme.service.ts';
import type { ProgrammeRuntime } from '../programmes/programme-runtime.ts';
import { mayPrint, reviewerUnitsFor } from './print-access.ts';
import { latestVersionOf, printsInOwnName } from './print-reuse.ts';
import { currentContentHash, organisationNamesFor, printDefOf, printSubject, requirePrintDef, taskFormOfPrint } from './print-input.ts';

export type PrintJobRow = typeof printJobs.$inferSelect;
export type PrintVersionRow = typeof printVersions.$inferSelect;

/** The latest version of a document and what the user may do with it (see printState). */
export interface PrintState {
  printId: string;
  taskId: string | null;
  latest: PrintVersionRow | null;
  matchesData: boolean;
  mayCreate: boolean;
}
export type StampedScanRow = typeof stampedScans.$inferSelect;

/** What /verify/<version> may tell anyone holding the paper: only what the paper itself shows, plus two answers. */
export interface VerificationAnswer {
  version: string;
  programmeTitle: string;
  applicationNumber: string;
  applicantName: string;
  printTitle: string;
  printedAt: string;
  /** The same instant as local time in the programme's zone, e.g. 2026-03-02 09:00. */
  printedAtLocal: string;
  /** No later print of the same document exists for this application. */
  isLatest: boolean;
  /** The application's data today differs from what this version was printed from. */
  dataChanged: boolean;
}

function textZh(text: unknown): string {
  if (typeof text === 'string') return text;
  return (text as { zh?: string } | undefined)?.zh ?? '';
}

export class PrintService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly programmes: Pick<ProgrammeService, 'runtime'>,
    private readonly applications: ApplicationReader,
    /** Called after a job is queued: the in-process worker starts at once instead of at its next poll. */
    private readonly onQueued: () => void,
  ) {}

  /**
   * Asks for a print of the application (a task-form print names the task whose form it shows, else the latest task
   * with that form). The latest version is reused while the data it was printed from is unchanged, and whoever does
   * not print in their own name (a reviewer opening the applicant's book) always gets the latest version: neither
   * creates a version, so the applicant's stamped paper stays the latest. Otherwise a render is queued (or the one
   * already queued for the same document is returned).
   */
  async requestPrint(user: SessionUser, applicationId: string, printId: string, options: { taskId?: string | null } = {}): Promise<PrintJobRow & { attachmentId: string | null }> {
    const application = await this.applications.get(user, applicationId);
    const runtime = await this.programmes.runtime(application.programmeVersionId);
    const print = requirePrintDef(runtime, printId);
    if (!(await mayPrint(this.db, user, application, runtime.programme, print))) throw new AppError('SB_ERR_FORBIDDEN');
    const taskId = await this.taskFor(application, runtime, printId, options.taskId ?? null);
    const subject = await printSubject(this.db, application, runtime, print, taskId);
    const latest = await latestVersionOf(this.db, applicationId, printId, taskId);
    const ownName = printsInOwnName(user, application, print, subject.task ?? null);
    if (latest && (!ownName || latest.dataHash === currentContentHash(subject))) {
      return { ...(await this.recordReuse(user, latest)), attachmentId: latest.attachmentId };
    }
    if (!ownName) throw new AppError('SB_ERR_PRINT_NOT_YET', { print: textZh(print.title) });
    const [pending] = await this.db.select().from(printJobs)
      .where(and(eq(printJobs.applicationId, applicationId), eq(printJobs.printId, printId), taskId ? eq(printJobs.taskId, taskId) : isNull(printJobs.taskId),
        inArray(printJobs.status, ['queued', 'rendering'])))
      .orderBy(desc(printJobs.createdAt)).limit(1);
    if (pending) return { ...pending, attachmentId: null };
    const job = await this.enqueue(this.db, { applicationId, printId, taskId, requestedBy: user.id });
    this.onQueued();
    return { ...job, attachmentId: null };
  }

  /**
   * What the print panel shows before anyone clicks: the latest version of the document, whether it still matches
   * the data, and whether this user may print a new version (in their own name).
   */
  async printState(user: SessionUser, applicationId: string, printId: string, taskIdInput: string | null): Promise<PrintState> {
    const application = await this.applications.get(user, applicationId);
    const runtime = await this.programmes.runtime(application.programmeVersionId);
    const print = requirePrintDef(runtime, printId);
    if (!(await mayPrint(this.db, user, application, runtime.programme, print))) throw new AppError('SB_ERR_FORBIDDEN');
    let taskId: string | null = null;
    try {
      taskId = await this.taskFor(application, runtime, printId, taskIdInput);
    } catch {
      // A task-form print before its task exists: nothing printed, nothing printable yet.
      return { printId, taskId: null, latest: null, matchesData: false, mayCreate: false };
    }
    const subject = await printSubject(this.db, application, runtime, print, taskId);
    const latest = await latestVersionOf(this.db, applicationId, printId, taskId);
    return {
      printId, taskId, latest: latest ?? null,
      matchesData: Boolean(latest && latest.dataHash === currentContentHash(subject)),
      mayCreate: printsInOwnName(user, application, print, subject.task ?? null),
    };
  }

  /** A reused version is still a request: it gets a finished job, so the UI and the log see one kind of answer. */
  private async recordReuse(user: SessionUser, latest: PrintVersionRow): Promise<PrintJobRow> {
    const now = this.clock.now();
    const [row] = await this.db.insert(printJobs).values({
      id: randomUUID(), applicationId: latest.applicationId, printId: latest.printId, taskId: latest.taskId, requestedBy: user.id,
      status: 'done', version: latest.version, createdAt: now, startedAt: now, finishedAt: now,
    }).returning();
    return row!;
  }

  /** Inserts a queued job (inside the caller's transaction, e.g. a flow step's). */
  async enqueue(db: DbOrTx, job: { applicationId: string; printId: string; taskId: string | null; requestedBy: string }): Promise<PrintJobRow> {
    const [row] = await db.insert(printJobs).values({ id: randomUUID(), ...job, status: 'queued', createdAt: this.clock.now() }).returning();
    return row!;
  }

  /** A job, for its requester or anyone who may see the application. */
  async job(user: SessionUser, jobId: string): Promise<PrintJobRow & { attachmentId: string | null }> {
    const [job] = /^[0-9a-f-]{36}$/.test(jobId) ? await this.db.select().from(printJobs).where(eq(printJobs.id, jobId)) : [];
    if (!job) throw new AppError('SB_ERR_NOT_FOUND', { what: '打印任务' });
    if (job.requestedBy !== user.id) await this.applications.get(user, job.applicationId);
    const [version] = job.version ? await this.db.select({ attachmentId: printVersions.attachmentId }).from(printVersions).where(eq(printVersions.version, job.version)) : [];
    return { ...job, attachmentId: version?.attachmentId ?? null };
  }

  /** Every version printed for the application, newest first, each marked whether it is the latest of its print. */
  async versions(user: SessionUser, applicationId: string): Promise<Array<PrintVersionRow & { isLatest: boolean }>> {
    await this.applications.get(user, applicationId);
    const rows = await this.db.select().from(printVersions).where(eq(printVersions.applicationId, applicationId))
      .orderBy(desc(printVersions.printedAt));
    const seen = new Set<string>();
    return rows.map((row) => {
      const key = `${row.printId}\u0000${row.taskId ?? ''}`;
      const isLatest = !seen.has(key);
      seen.add(key);
      return { ...row, isLatest };
    });
  }

  /**
   * Registers the stamped scan of a printed version: the attachment must have been uploaded by this user for this
   * application with purpose `stamped-scan`, and the version must be a print of this application and print id.
   * The applicant registers theirs; a reviewing unit with a task on the application may register its own copy.
   */
  async registerStampedScan(user: SessionUser, applicationId: string, printId: string, versionInput: string, attachmentId: string): Promise<StampedScanRow> {
    const application = await this.applications.get(user, applicationId);
    const runtime = await this.programmes.runtime(application.programmeVersionId);
    const print = requirePrintDef(runtime, printId);
    const version = normaliseVersionCode(versionInput) ?? versionInput;
    const mismatch = new AppError('SB_ERR_STAMPED_SCAN_MISMATCH', { version, print: textZh(print.title) });
    const [printed] = await this.db.select().from(printVersions).where(eq(printVersions.version, version));
    if (!printed || printed.applicationId !== applicationId || printed.printId !== printId) throw mismatch;
    const [file] = /^[0-9a-f-]{36}$/.test(attachmentId) ? await this.db.select().from(attachments).where(eq(attachments.id, attachmentId)) : [];
    if (!file || file.purpose !== 'stamped-scan' || file.applicationId !== applicationId || file.uploadedBy !== user.id) throw mismatch;

    // Whose copy it is: the applicant's, or the reviewing unit's own (administrators register without a unit).
    const organisationId = actsForApplicant(user, application.applicantOrganisationId)
      ? application.applicantOrganisationId
      : (await reviewerUnitsFor(this.db, user, applicationId))[0] ?? null;
    const [row] = await this.db.insert(stampedScans).values({
      id: randomUUID(), applicationId, printId, version, attachmentId, uploadedBy: user.id, organisationId, uploadedAt: this.clock.now(),
    }).returning();
    return row!;
  }

  async stampedScans(user: SessionUser, applicationId: string): Promise<StampedScanRow[]> {
    await this.applications.get(user, applicationId);
    return this.db.select().from(stampedScans).where(eq(stampedScans.applicationId, applicationId)).orderBy(asc(stampedScans.uploadedAt));
  }

  /** The answer for a paper copy's version code (anyone may ask; no login). */
  async verify(input: string): Promise<VerificationAnswer> {
    const version = normaliseVersionCode(input);
    const unknown = new AppError('SB_ERR_PRINT_VERSION_UNKNOWN', { version: input.slice(0, 20) });
    if (!version) throw unknown;
    const [printed] = await this.db.select().from(printVersions).where(eq(printVersions.version, version));
    if (!printed) throw unknown;
    const [application] = await this.db.select().from(applications).where(eq(applications.id, printed.applicationId));
    if (!application) throw unknown;
    // The application's current pin, but the print's own programme version for titles.
    const printedRuntime = await this.programmes.runtime(printed.programmeVersionId);
    const print = printDefOf(printedRuntime.programme, printed.printId);
    const [latest] = await this.db.select({ version: printVersions.version }).from(printVersions)
      .where(and(eq(printVersions.applicationId, printed.applicationId), eq(printVersions.printId, printed.printId),
        printed.taskId ? eq(printVersions.taskId, printed.taskId) : isNull(printVersions.taskId)))
      .orderBy(desc(printVersions.printedAt)).limit(1);
    let dataChanged = true;
    if (print) {
      const runtime = await this.programmes.runtime(application.programmeVersionId);
      const subject = await printSubject(this.db, application, runtime, print, printed.taskId);
      dataChanged = currentContentHash(subject) !== printed.dataHash;
    }
    const names = await organisationNamesFor(this.db, application, printedRuntime.programme);
    return {
      version,
      programmeTitle: textZh(printedRuntime.programme.manifest.title),
      applicationNumber: application.number,
      applicantName: names[application.applicantOrganisationId] ?? '',
      printTitle: textZh(print?.title) || printed.printId,
      printedAt: printed.printedAt.toISOString(),
      printedAtLocal: localTime(printed.printedAt, printedRuntime.programme.manifest.timeZone),
      isLatest: latest?.version === version,
      dataChanged,
    };
  }

  /**
   * The submit rule for `submit.requireStampedScan`: the latest print of that document must match the data as it is
   * now (same content hash) and have a stamped scan registered for exactly that version.
   */
  async assertStampedScanOfLatest(tx: Transaction, application: ApplicationRow, runtime: ProgrammeRuntime, printId: string): Promise<void> {
    const print = requirePrintDef(runtime, printId);
    const refused = new AppError('SB_ERR_STAMPED_SCAN_REQUIRED', { print: textZh(print.title) });
    const [latest] = await tx.select().from(printVersions)
      .where(and(eq(printVersions.applicationId, application.id), eq(printVersions.printId, printId), isNull(printVersions.taskId)))
      .orderBy(desc(printVersions.printedAt)).limit(1);
    if (!latest) throw refused;
    const subject = await printSubject(tx, application, runtime, print, null);
    if (currentContentHash(subject) !== latest.dataHash) throw refused;
    const [scan] = await tx.select({ id: stampedScans.id }).from(stampedScans)
      .where(and(eq(stampedScans.applicationId, application.id), eq(stampedScans.version, latest.version))).limit(1);
    if (!scan) throw refused;
  }

  /**
   * The task a task-form print shows: the given one when it has that form, or else the most recent task on this
   * application with that form. Other prints take no task.
   */
  private async taskFor(application: ApplicationRow, runtime: ProgrammeRuntime, printId: string, taskId: string | null): Promise<string | null> {
    const formId = taskFormOfPrint(runtime.programme, printId);
    if (!formId) return null;
    const candidates = await this.db.select({ id: tasks.id, formKey: tasks.formKey }).from(tasks)
      .where(eq(tasks.applicationId, application.id)).orderBy(desc(tasks.openedAt));
    const matching = candidates.filter((t) => t.formKey === formId);
    // The task given is where the user stands (e.g. the city's decision, a step after the county's survey): when it
    // does not carry this form, the print shows the latest task that does.
    const chosen = (taskId ? matching.find((t) => t.id === taskId) : undefined) ?? matching[0];
    if (!chosen) throw new AppError('SB_ERR_NOT_FOUND', { what: `审核表单 ${formId}` });
    return chosen.id;
  }
}

function localTime(at: Date, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: timeZone ?? 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(at).replace(/\//g, '-');
}
