import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { Clock } from './clock.ts';
import type { Database, DatabaseHandle } from './db/client.ts';
import { createAuditService, type AuditService } from './audit/audit.service.ts';
import { createAccountsService, type AccountsService } from './accounts/accounts.service.ts';
import { createRegistrationService, type RegistrationService } from './accounts/registration.service.ts';
import { createReviewersService, type ReviewersService } from './accounts/reviewers.service.ts';
import { createAuthService, type AuthService } from './auth/auth.service.ts';
import { createSessionService, type SessionService } from './auth/session.service.ts';
import { createOrganisationsService, type OrganisationsService } from './organisations/organisations.service.ts';
import { ConsoleSmsSender, type SmsSender } from './sms/sms-sender.ts';
import { createVerificationCodeService, type VerificationCodeService } from './sms/verification-codes.service.ts';
import { DiskFileStore } from './files/file-store.ts';
import { createFilesService, type FilesService } from './files/files.service.ts';
import { ProgrammeService } from './programmes/programme.service.ts';
import { ApplicationService } from './applications/application.service.ts';
import { TaskService } from './workflow/task.service.ts';
import { RankingService } from './workflow/ranking.service.ts';
import { deadlineRescheduler } from './workflow/deadline-reschedule.ts';
import { TimerService } from './workflow/timer.service.ts';
import { wireApplicationFiles } from './applications/attachment-policy.ts';
import { wireProgrammeZipUploads } from './programmes/admin-uploads.ts';
import { ExportService } from './exports/export.service.ts';
import { createPrintArea, type RendererHolder } from './prints/wire-prints.ts';
import type { PrintService } from './prints/print.service.ts';
import type { PrintWorker } from './prints/print-worker.ts';

/** What buildApp provides; createServices builds every area's service on top of it. */
export interface BaseServices {
  config: Config;
  db: Database;
  database: DatabaseHandle;
  clock: Clock;
  logger: FastifyBaseLogger;
}

/**
 * Everything a resolver or route may use, built once per app. Each area adds its service here so that tests can
 * build the same graph with a fake clock or an in-memory database.
 */
export interface Services extends BaseServices {
  audit: AuditService;
  accounts: AccountsService;
  sessions: SessionService;
  auth: AuthService;
  /** Replaceable: tests put a MemorySmsSender here; a deployment its gateway. */
  smsSender: SmsSender;
  verificationCodes: VerificationCodeService;
  registration: RegistrationService;
  organisations: OrganisationsService;
  reviewers: ReviewersService;
  files: FilesService;
  programmes: ProgrammeService;
  applications: ApplicationService;
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
}

export function createServices(base: BaseServices): Services {
  const { db, clock, config } = base;
  const audit = createAuditService(db, clock);
  const accounts = createAccountsService(db, clock, audit);
  const sessions = createSessionService(db, clock, config);
  const organisations = createOrganisationsService(db, clock, audit);
  const services: Services = {
    ...base,
    audit,
    accounts,
    sessions,
    auth: createAuthService({ db, clock, config, audit, accounts, sessions }),
    smsSender: new ConsoleSmsSender(base.logger, config.env !== 'production'),
    // The sender is read at send time, so replacing services.smsSender takes effect at once.
    verificationCodes: createVerificationCodeService(
      db,
      clock,
      { send: (message) => services.smsSender.send(message) },
      { perHour: config.smsCodesPerIpHour, perDay: config.smsCodesPerIpDay },
      audit,
    ),
    registration: undefined as unknown as RegistrationService,
    organisations,
    reviewers: createReviewersService({ db, accounts, organisations, audit }),
    files: createFilesService(db, clock, new DiskFileStore(path.join(config.dataDir, 'files')), config.uploadMaxBytes),
    // Built just below: they depend on each other.
    programmes: undefined as unknown as ProgrammeService,
    applications: undefined as unknown as ApplicationService,
    tasks: undefined as unknown as TaskService,
    rankings: undefined as unknown as RankingService,
    timers: undefined as unknown as TimerService,
    prints: undefined as unknown as PrintService,
    printWorker: undefined as unknown as PrintWorker,
    pdfRenderer: undefined as unknown as RendererHolder,
    exports: undefined as unknown as ExportService,
  };
  const programmes = new ProgrammeService(db, clock);
  // A programme's declared organisation categories and units are loaded when it is published.
  programmes.onPublished.push(async (tx, runtime) => {
    const { id, organisations: declared } = runtime.programme.manifest;
    await organisations.upsertProgrammeOrganisations(id, declared?.categories ?? [], declared?.units ?? [], tx);
  });
  const applications = new ApplicationService(db, clock, programmes);
  services.programmes = programmes;
  services.applications = applications;
  wireApplicationFiles(db, services.files, programmes, applications);
  wireProgrammeZipUploads(services.files);
  services.exports = new ExportService(db, clock, programmes);
  services.tasks = new TaskService(db, clock, programmes, applications);
  services.rankings = new RankingService(db, clock, programmes, applications);
  services.timers = new TimerService(db, clock, programmes, applications, base.logger);
  // Review deadlines that read a window move when an administrator moves the window.
  programmes.onWindowChanged.push(deadlineRescheduler(clock, programmes, base.logger));
  Object.assign(services, createPrintArea({ db, clock, config, logger: base.logger, files: services.files, programmes, applications }));
  services.registration = createRegistrationService({ db, clock, audit, accounts, sessions, codes: services.verificationCodes });
  return services;
}
