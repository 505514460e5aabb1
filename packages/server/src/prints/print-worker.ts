/**
 * The render queue's worker: claims queued jobs from print_jobs with `FOR UPDATE SKIP LOCKED` (so several server
 * processes share one queue without rendering a job twice), renders each with the shared PdfRenderer and stores the
 * PDF and its print_versions row. A job left "rendering" by a process that died is taken again after `staleMs`.
 */
import { and, asc, desc, eq, inArray, lt, or } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/client.ts';
import { applications, attachments, printJobs, printVersions } from '../db/schema/index.ts';
import type { FilesService } from '../files/files.service.ts';
import type { ProgrammeService } from '../programmes/programme.service.ts';
import { lockApplication } from '../applications/application.service.ts';
import { generatePrint, type PdfRenderer } from '../print/index.ts';
import { isAppError } from '../errors.ts';
import { currentContentHash, printInputFor, printContentHash, printSubject, requirePrintDef } from './print-input.ts';
import { latestVersionOf } from './print-reuse.ts';
import type { PrintJobRow } from './print.service.ts';
import { PrintTemplateCache } from './print-templates.ts';
import { pdfPageCount } from './pdf-page-count.ts';
import { randomUUID } from 'node:crypto';

export interface PrintWorkerOptions {
  publicUrl: string;
  /** How often to look for jobs queued by other processes or by flow steps. */
  pollMs?: number;
  /** Jobs "rendering" for longer than this are taken to belong to a dead process and are rendered again. */
  staleMs?: number;
  /** Jobs rendered at once by this process (the renderer's own pool limits Chromium further). */
  concurrency?: number;
}

const MAX_VERSION_DRAWS = 5;

/** Thrown inside the insert transaction when the drawn version code is already taken. */
class VersionClash extends Error {}

/** Our own check found the code taken, or another process inserted it first (unique violation on the key). */
function isVersionClash(error: unknown): boolean {
  if (error instanceof VersionClash) return true;
  for (let e: unknown = error, depth = 0; e && depth < 3; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown; constraint_name?: unknown };
    if (code === '23505' && (constraint === undefined || String(constraint).startsWith('print_versions'))) return true;
    if (code === '23505' && String((e as { constraint_name?: unknown }).constraint_name ?? '').startsWith('print_versions')) return true;
  }
  return false;
}

export class PrintWorker {
  private timer: NodeJS.Timeout | undefined;
  private running = 0;
  private stopped = true;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly templates = new PrintTemplateCache();

  constructor(
    private readonly deps: {
      db: Database; clock: Clock; programmes: Pick<ProgrammeService, 'runtime'>; files: Pick<FilesService, 'store'>;
      renderer: () => PdfRenderer; logger: FastifyBaseLogger;
    },
    private readonly options: PrintWorkerOptions,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops claiming jobs and waits for the ones being rendered. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight]);
  }

  /** Look for work now (a job was just queued in this process). */
  wake(): void {
    if (!this.stopped) this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      while (!this.stopped && this.running < (this.options.concurrency ?? 2)) {
        const job = await this.claim();
        if (!job) break;
        this.running += 1;
        const work = this.render(job).finally(() => {
          this.running -= 1;
          this.inFlight.delete(work);
          this.wake();
        });
        this.inFlight.add(work);
      }
    } catch (error) {
      this.deps.logger.error({ err: error }, 'print queue: claiming a job failed');
    }
    if (!this.stopped) this.schedule(this.options.pollMs ?? 1000);
  }

  /**
   * Takes the oldest queued (or abandoned) job, skipping rows another process holds: one UPDATE … WHERE id =
   * (SELECT … FOR UPDATE SKIP LOCKED) RETURNING, atomic without an explicit transaction.
   */
  async claim(): Promise<PrintJobRow | undefined> {
    const staleBefore = new Date(Date.now() - (this.options.staleMs ?? 10 * 60_000));
    const next = this.deps.db.select({ id: printJobs.id }).from(printJobs)
      .where(or(eq(printJobs.status, 'queued'), and(eq(printJobs.status, 'rendering'), lt(printJobs.startedAt, staleBefore))))
      .orderBy(asc(printJobs.createdAt)).limit(1).for('update', { skipLocked: true });
    // startedAt is wall time: it only serves to spot abandoned jobs, which a fake test clock must not hide.
    const [claimed] = await this.deps.db.update(printJobs).set({ status: 'rendering', startedAt: new Date() })
      .where(inArray(printJobs.id, next)).returning();
    return claimed;
  }

  /** Renders one job to the end: done with a version, or failed with a message the UI can show. */
  async render(job: PrintJobRow): Promise<void> {
    const { db, clock } = this.deps;
    try {
      const [application] = await db.select().from(applications).where(eq(applications.id, job.applicationId));
      if (!application) throw new Error(`application ${job.applicationId} no longer exists`);
      const runtime = await this.deps.programmes.runtime(application.programmeVersionId);
      const print = requirePrintDef(runtime, job.printId);
      const template = this.templates.get(runtime.versionId, runtime.programme, job.printId);
      if (!template) throw new Error(`print ${job.printId} has no template`);
      const subject = await printSubject(db, application, runtime, print, job.taskId);
      // Two requests queued before either rendered (or a flow step's print of data already printed) get the version
      // that already stands for this data, never a second one.
      const latest = await latestVersionOf(db, application.id, job.printId, job.taskId);
      if (latest && latest.dataHash === currentContentHash(subject)) {
        await db.update(printJobs).set({ status: 'done', version: latest.version, error: null, finishedAt: clock.now() }).where(eq(printJobs.id, job.id));
        return;
      }

      for (let draw = 1; ; draw++) {
        const printedAt = clock.now();
        const generated = await generatePrint(this.deps.renderer(), template, printInputFor(subject, printedAt), { publicUrl: this.options.publicUrl });
        try {
          await this.store(job, application.programmeVersionId, generated, printedAt);
          return;
        } catch (error) {
          if (!isVersionClash(error) || draw >= MAX_VERSION_DRAWS) throw error;
        }
      }
    } catch (error) {
      const message = isAppError(error) ? `${error.zh} / ${error.en}` : error instanceof Error ? error.message : String(error);
      this.deps.logger.warn({ err: error, jobId: job.id }, 'print job failed');
      await db.update(printJobs).set({ status: 'failed', error: message.slice(0, 2000), finishedAt: clock.now() }).where(eq(printJobs.id, job.id));
    }
  }

  /**
   * Stores the PDF and its version in one transaction that holds the application's row lock, so prints of one
   * application are recorded one at a time and printedAt strictly increases per application and print (the latest
   * print is then never ambiguous, even when two land within the same millisecond or under a fake clock).
   */
  private async store(job: PrintJobRow, programmeVersionId: string, generated: Awaited<ReturnType<typeof generatePrint>>, printedAt: Date): Promise<void> {
    const { db, clock, files } = this.deps;
    const staged = await files.store.stage((async function* () { yield generated.pdf; })(), Number.MAX_SAFE_INTEGER);
    if (staged.status !== 'staged') throw new Error('the PDF could not be staged');
    await files.store.commit(staged.file);
    await db.transaction(async (tx) => {
      const application = await lockApplication(tx, job.applicationId);
      // Under the lock, the last word on reuse: a job rendered alongside another of the same data takes its version.
      const latest = await latestVersionOf(tx, application.id, job.printId, job.taskId);
      if (latest && latest.dataHash === printContentHash(generated.data)) {
        await tx.update(printJobs).set({ status: 'done', version: latest.version, error: null, finishedAt: clock.now() }).where(eq(printJobs.id, job.id));
        return;
      }
      const [clash] = await tx.select({ version: printVersions.version }).from(printVersions).where(eq(printVersions.version, generated.version));
      if (clash) throw new VersionClash();
      const [previous] = await tx.select({ printedAt: printVersions.printedAt }).from(printVersions)
        .where(and(eq(printVersions.applicationId, application.id), eq(printVersions.printId, job.printId)))
        .orderBy(desc(printVersions.printedAt)).limit(1);
      const at = previous && previous.printedAt.getTime() >= printedAt.getTime() ? new Date(previous.printedAt.getTime() + 1) : printedAt;
      const [attachment] = await tx.insert(attachments).values({
        id: randomUUID(), sha256: staged.file.sha256, size: staged.file.size, fileType: 'pdf', mediaType: 'application/pdf',
        originalName: `${application.number}-${job.printId}-${generated.version}.pdf`, uploadedBy: job.requestedBy,
        purpose: 'print', applicationId: application.id, fieldPointer: null, createdAt: clock.now(),
      }).returning({ id: attachments.id });
      await tx.insert(printVersions).values({
        version: generated.version, applicationId: application.id, programmeVersionId, printId: job.printId, taskId: job.taskId,
        dataHash: printContentHash(generated.data), pdfSha256: generated.pdfHash, attachmentId: attachment!.id,
        pageCount: pdfPageCount(generated.pdf), printedBy: job.requestedBy, printedAt: at,
      });
      await tx.update(printJobs).set({ status: 'done', version: generated.version, error: null, finishedAt: clock.now() }).where(eq(printJobs.id, job.id));
    });
  }
}
