/**
 * Puts the print area together: the service, one lazily started PdfRenderer per app, the queue worker, and the two
 * hooks into applications — the stamped-scan submit rule and the queueing of prints asked for by flow steps.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { FilesService } from '../files/files.service.ts';
import type { ProgrammeService } from '../programmes/programme.service.ts';
import type { ApplicationService } from '../applications/application.service.ts';
import { PdfRenderer } from '../print/index.ts';
import { PrintService } from './print.service.ts';
import { PrintWorker } from './print-worker.ts';

/** The app's single PDF renderer, created on first use (no Chromium is looked for until something is printed). */
export class RendererHolder {
  private renderer: PdfRenderer | undefined;
  constructor(private readonly create: () => PdfRenderer) {}
  get(): PdfRenderer {
    this.renderer ??= this.create();
    return this.renderer;
  }
  async close(): Promise<void> {
    await this.renderer?.close({ graceMs: 5_000 });
    this.renderer = undefined;
  }
}

export interface PrintArea {
  prints: PrintService;
  printWorker: PrintWorker;
  pdfRenderer: RendererHolder;
}

export function createPrintArea(deps: {
  db: Database; clock: Clock; config: Config; logger: FastifyBaseLogger;
  files: FilesService; programmes: ProgrammeService; applications: ApplicationService;
}): PrintArea {
  const { db, clock, config, logger, files, programmes, applications } = deps;
  const prints = new PrintService(db, clock, programmes, applications);
  const pdfRenderer = new RendererHolder(() => new PdfRenderer({ chromiumPath: config.chromiumPath, concurrency: config.pdfPoolSize, logger }));
  const printWorker = new PrintWorker(
    { db, clock, programmes, prints, files, renderer: () => pdfRenderer.get(), logger },
    { publicUrl: config.publicUrl, concurrency: config.pdfPoolSize },
  );
  prints.onQueued = () => printWorker.wake();

  applications.submitChecks.push(async (tx, application, runtime) => {
    const printId = runtime.programme.manifest.submit?.requireStampedScan;
    if (printId) await prints.assertStampedScanOfLatest(tx, application, runtime, printId);
  });
  applications.stepListeners.push(async (tx, application, effects, actor) => {
    for (const request of effects.printRequests) {
      await prints.enqueue(tx, { applicationId: application.id, printId: request.printId, taskId: null, requestedBy: actor?.id ?? 'system:flow' });
    }
  });
  return { prints, printWorker, pdfRenderer };
}
