/**
 * The composition root: the one place that builds the server's services, in dependency order, each given exactly
 * what it uses (typed by narrow interfaces its lower areas define), and the API modules on top of them. No area
 * imports this file; docs/architecture.md has the layer table and the hooks through which lower areas let higher ones
 * react (a window moved → deadlines move; a flow step → prints queued).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { Clock } from './clock.ts';
import type { Database, DatabaseHandle } from './db/client.ts';
import type { AppModule } from './graphql/module.ts';
import { createGuards, type Guards } from './access/guards.ts';
import { createHealthModule } from './health/health.module.ts';
import { createAuditService, type AuditService } from './audit/audit.service.ts';
import { createAuditModule } from './audit/audit.module.ts';
import { createFileStore } from './files/create-file-store.ts';
import { createFilesService, type FilesService } from './files/files.service.ts';
import { createFilesModule } from './files/files.module.ts';
import { windowChangeAudit } from './programmes/window-audit.ts';
import { clamdScanner } from './files/malware-scanner.ts';
import { createOrganisationsService, type OrganisationsService } from './organisations/organisations.service.ts';
import { createOrganisationsModule } from './organisations/organisations.module.ts';
import { createAccountsService, type AccountsService } from './accounts/accounts.service.ts';
import { createReviewersService, type ReviewersService } from './accounts/reviewers.service.ts';
import { createAccountsModule } from './accounts/accounts.module.ts';
import { reviewerImportUploads } from './accounts/reviewer-uploads.ts';
import { ConsoleSmsSender, type SmsSender } from './sms/sms-sender.ts';
import { createVerificationCodeService, type VerificationCodeService } from './sms/verification-codes.service.ts';
import { createSessionService, type SessionService } from './auth/session.service.ts';
import { createAuthService, type AuthService } from './auth/auth.service.ts';
import { createRegistrationService, type RegistrationService } from './auth/registration.service.ts';
import { createAuthModule } from './auth/auth.module.ts';
import { ProgrammeRuntimes } from './programmes/runtime-cache.ts';
import { ProgrammeService } from './programmes/programme.service.ts';
import { programmeZipUploads } from './programmes/admin-uploads.ts';
import { createProgrammesModule } from './programmes/programmes.module.ts';
import { createProgrammeAdminModule } from './programmes/admin.module.ts';
import { ApplicationService } from './applications/application.service.ts';
import { applicationFileReader, sectionUploads } from './applications/application-files.ts';
import { createApplicationsModule } from './applications/applications.module.ts';
import { SubmissionService } from './workflow/submission.service.ts';
import { TaskService } from './workflow/task.service.ts';
import { RankingService } from './workflow/ranking.service.ts';
import { TimerService } from './workflow/timer.service.ts';
import { deadlineRescheduler } from './workflow/deadline-reschedule.ts';
import { reportFormUploads, taskFormUploads } from './workflow/task-files.ts';
import type { WorkflowHooks } from './workflow/workflow-hooks.ts';
import { createTimerPollerModule, createWorkflowModule } from './workflow/workflow.module.ts';
import { PdfRenderer } from './print/index.ts';
import { RendererHolder } from './prints/renderer-holder.ts';
import { PrintService } from './prints/print.service.ts';
import { PrintWorker } from './prints/print-worker.ts';
import { printWorkflowHooks } from './prints/print-workflow-hooks.ts';
import { stampedScanUploads } from './prints/stamped-scan-uploads.ts';
import { createPrintsModule, createPrintWorkerModule } from './prints/prints.module.ts';
import { ExportService } from './exports/export.service.ts';
import { createExportsModule } from './exports/exports.module.ts';
import { webModule } from './web/web.module.ts';

/** What buildApp provides. */
export interface PlatformBase {
  config: Config;
  db: Database;
  database: DatabaseHandle;
  clock: Clock;
  logger: FastifyBaseLogger;
}

/** What a caller may put in instead of the defaults (tests: a MemorySmsSender, a flow without the print rule). */
/**
 * What a `serve` process does (serve --role): `web` answers the API and the web app, `worker` renders PDFs from the
 * queue (and serves /healthz only), `all` both. Review-deadline timers run in every process (claimed once each).
 */
export type ServerRole = 'web' | 'worker' | 'all';

export interface PlatformOptions {
  /** Default `all`: one process does everything. */
  role?: ServerRole;
  /** A deployment's SMS gateway; the console sender by default. */
  smsSender?: SmsSender;
  /** The flow's hooks from the standard ones (a test about races may leave out the stamped-scan submit rule). */
  workflowHooks?: (standard: WorkflowHooks) => WorkflowHooks;
}

/** The built platform: every service and the API modules, for buildApp, the CLI's start-up tasks and tests. */
export interface Platform extends PlatformBase {
  guards: Guards;
  audit: AuditService;
  organisations: OrganisationsService;
  accounts: AccountsService;
  reviewers: ReviewersService;
  smsSender: SmsSender;
  verificationCodes: VerificationCodeService;
  sessions: SessionService;
  auth: AuthService;
  registration: RegistrationService;
  runtimes: ProgrammeRuntimes;
  programmes: ProgrammeService;
  applications: ApplicationService;
  files: FilesService;
  /** What the print area does when applications are submitted and flows step (prints/print-workflow-hooks.ts). */
  workflowHooks: WorkflowHooks;
  submissions: SubmissionService;
  tasks: TaskService;
  rankings: RankingService;
  timers: TimerService;
  /** Print jobs, versions, stamped scans and /verify (prints/). */
  prints: PrintService;
  /** The render queue's in-process worker; the prints module starts it and stops it on close. */
  printWorker: PrintWorker;
  /** The app's one PDF renderer (Chromium pool), started on first use. */
  pdfRenderer: RendererHolder;
  /** Summary tables (programme.json `exports`) as Excel (exports/). */
  exports: ExportService;
  /**
   * Every API module, in the order their routes are registered. The auth module comes first: it installs the session
   * hook; the web module comes last: it serves the SPA for every GET no other route answers.
   */
  modules: AppModule[];
}

export function createPlatform(base: PlatformBase, options: PlatformOptions = {}): Platform {
  const { config, db, database, clock, logger } = base;

  // Ground: audit, and the guards that write refusals to it.
  const audit = createAuditService(db, clock);
  const guards = createGuards();

  // People and units.
  const organisations = createOrganisationsService(db, clock, audit);
  const accounts = createAccountsService(db, clock, audit);
  const reviewers = createReviewersService({ db, accounts, organisations, audit });
  const smsSender = options.smsSender ?? new ConsoleSmsSender(logger, config.env !== 'production');
  const verificationCodes = createVerificationCodeService(db, clock, smsSender, { perHour: config.smsCodesPerIpHour, perDay: config.smsCodesPerIpDay }, audit);
  const sessions = createSessionService(db, clock, config);
  const auth = createAuthService({ db, clock, config, audit, accounts, sessions });
  const registration = createRegistrationService({ db, clock, audit, accounts, sessions, codes: verificationCodes });

  // Programmes; moving a window moves the review deadlines that read it (a workflow reaction).
  const runtimes = new ProgrammeRuntimes(db);
  const programmes = new ProgrammeService(db, clock, runtimes, organisations, {
    windowChanged: [deadlineRescheduler(clock, runtimes, logger), windowChangeAudit(audit)],
  });

  // Applications, their prints, and the flow that moves them (the print area reacts to submits and flow steps).
  const applications = new ApplicationService(db, clock, programmes, audit);
  const pdfRenderer = new RendererHolder(() => new PdfRenderer({ chromiumPath: config.chromiumPath, concurrency: config.pdfPoolSize, logger }));
  const files = createFilesService(db, clock, createFileStore(config, db), {
    serverMaxBytes: config.uploadMaxBytes,
    purposes: [
      sectionUploads(db, programmes),
      taskFormUploads(db, programmes),
      reportFormUploads(programmes),
      stampedScanUploads(db, applications),
      programmeZipUploads,
      reviewerImportUploads,
    ],
    readers: [applicationFileReader(db, applications)],
    quota: {
      userFilesPerDay: config.uploadUserFilesPerDay,
      userBytesPerDay: config.uploadUserMbPerDay * 1024 * 1024,
      applicationFiles: config.uploadApplicationFiles,
      applicationBytes: config.uploadApplicationMb * 1024 * 1024,
    },
    scanners: config.clamavSocket ? [clamdScanner(config.clamavSocket)] : [],
  });
  const printWorker = new PrintWorker(
    { db, clock, programmes, files, renderer: () => pdfRenderer.get(), logger },
    { publicUrl: config.publicUrl, concurrency: config.pdfPoolSize },
  );
  const prints = new PrintService(db, clock, programmes, applications, () => printWorker.wake());
  const standardHooks = printWorkflowHooks(prints);
  const workflowHooks = options.workflowHooks?.(standardHooks) ?? standardHooks;
  const submissions = new SubmissionService(db, clock, programmes, workflowHooks);
  const tasks = new TaskService(db, clock, programmes, applications, workflowHooks, audit);
  const rankings = new RankingService(db, clock, programmes, workflowHooks);
  const timers = new TimerService(db, clock, programmes, workflowHooks, logger);
  const exports = new ExportService(db, clock, programmes);

  const role = options.role ?? 'all';
  const health = createHealthModule({ db, databaseKind: database.kind, clock });
  const background: AppModule[] = [
    createTimerPollerModule({ config, timers }),
    ...(role === 'web' ? [] : [createPrintWorkerModule({ printWorker, pdfRenderer })]),
  ];
  const api: AppModule[] = [
    createAuthModule({ config, logger, guards, audit, accounts, auth, sessions, registration, verificationCodes }),
    health,
    createAccountsModule({ reviewers, files, guards }),
    createOrganisationsModule({ organisations, guards }),
    createAuditModule({ audit, guards }),
    createFilesModule({ files, guards, serverMaxBytes: config.uploadMaxBytes }),
    createProgrammesModule({ programmes, clock }),
    createApplicationsModule({ db, applications, programmes }),
    createWorkflowModule({ applications, submissions, tasks, rankings }),
    createPrintsModule({ prints }),
    createProgrammeAdminModule({ programmes, files, audit, guards }),
    createExportsModule({ exports, guards, audit, logger }),
  ];
  // The web module last: it serves the SPA for every GET no other route answers.
  const modules = role === 'worker' ? [health, ...background] : [...api, ...background, webModule];

  return {
    ...base,
    guards, audit, organisations, accounts, reviewers, smsSender, verificationCodes, sessions, auth, registration,
    runtimes, programmes, applications, files, workflowHooks, submissions, tasks, rankings, timers, prints, printWorker, pdfRenderer, exports,
    modules,
  };
}
