/**
 * The print API: queue a print and follow its job, list the versions printed, register stamped scans — and the public
 * /verify/<version> page (HTML for a phone, JSON for machines) that answers for a paper copy without a login.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppModule, RequestContext } from '../graphql/module.ts';
import { currentUser } from '../graphql/current-user.ts';
import { isAppError } from '../errors.ts';
import type { PrintJobRow, PrintService, PrintVersionRow, StampedScanRow } from './print.service.ts';
import type { PrintWorker } from './print-worker.ts';
import type { RendererHolder } from './renderer-holder.ts';
import { unknownVersionHtml, verificationHtml } from './verify-page.ts';

export interface PrintsModuleDeps {
  prints: PrintService;
}

export interface PrintWorkerModuleDeps {
  printWorker: PrintWorker;
  pdfRenderer: RendererHolder;
}

const iso = (value: Date | null | undefined) => value?.toISOString() ?? null;

function jobView(job: PrintJobRow & { attachmentId: string | null }) {
  return { ...job, createdAt: iso(job.createdAt), startedAt: iso(job.startedAt), finishedAt: iso(job.finishedAt) };
}

function versionView(row: PrintVersionRow & { isLatest: boolean }) {
  return { ...row, printedAt: iso(row.printedAt) };
}

function scanView(row: StampedScanRow) {
  return { ...row, uploadedAt: iso(row.uploadedAt) };
}

async function verifyRoute(prints: Pick<PrintService, 'verify'>, request: FastifyRequest<{ Params: { code: string } }>, reply: FastifyReply, json: boolean) {
  const code = request.params.code;
  void reply.header('cache-control', 'no-store');
  try {
    const answer = await prints.verify(code);
    if (json) return reply.send(answer);
    return reply.type('text/html; charset=utf-8').send(verificationHtml(answer));
  } catch (error) {
    if (!isAppError(error) || error.code !== 'SB_ERR_PRINT_VERSION_UNKNOWN') throw error;
    if (json) return reply.status(404).send({ error: error.toJSON() });
    return reply.status(404).type('text/html; charset=utf-8').send(unknownVersionHtml(code.slice(0, 40), { zh: error.zh, en: error.en }));
  }
}

function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return /application\/json/i.test(accept) && !/text\/html/i.test(accept);
}

export function createPrintsModule({ prints }: PrintsModuleDeps): AppModule {
  return {
    name: 'prints',
    typeDefs: /* GraphQL */ `
      "打印任务 / A print job: queued → rendering → done | failed"
      type PrintJob {
        id: ID!
        applicationId: ID!
        printId: String!
        taskId: ID
        status: String!
        "完成后的版本号 / the version code once done"
        version: String
        "PDF 附件（GET /api/files/:id）/ the PDF, once done"
        attachmentId: ID
        error: String
        createdAt: String!
        startedAt: String
        finishedAt: String
      }
      type PrintVersion {
        version: String!
        printId: String!
        taskId: ID
        attachmentId: ID!
        pageCount: Int
        printedBy: String!
        printedAt: String!
        "是否为该材料的最新打印版本 / whether no later print of the same document exists"
        isLatest: Boolean!
      }
      type StampedScan {
        id: ID!
        printId: String!
        version: String!
        attachmentId: ID!
        uploadedBy: String!
        organisationId: String
        uploadedAt: String!
      }
      "一份材料的最新打印版本及当前用户可做的事 / The latest print of one document and what the user may do"
      type PrintState {
        printId: String!
        taskId: ID
        "最新版本（尚未打印时为空）/ the latest version, null before the first print"
        latest: PrintVersion
        "最新版本是否与当前数据一致 / whether the latest version was printed from the data as it is now"
        matchesData: Boolean!
        "能否以本人名义打印新版本（审核单位只能查看申报单位的版本）/ whether this user may print a new version"
        mayCreate: Boolean!
      }
      extend type Query {
        printJob(id: ID!): PrintJob!
        printState(applicationId: ID!, printId: String!, taskId: ID): PrintState!
        prints(applicationId: ID!): [PrintVersion!]!
        stampedScans(applicationId: ID!): [StampedScan!]!
      }
      extend type Mutation {
        requestPrint(applicationId: ID!, printId: String!, taskId: ID): PrintJob!
        uploadStampedScan(applicationId: ID!, printId: String!, version: String!, attachmentId: ID!): StampedScan!
      }
    `,
    resolvers: {
      Query: {
        printJob: async (_: unknown, args: { id: string }, ctx: RequestContext) => jobView(await prints.job(currentUser(ctx), args.id)),
        prints: async (_: unknown, args: { applicationId: string }, ctx: RequestContext) =>
          (await prints.versions(currentUser(ctx), args.applicationId)).map(versionView),
        printState: async (_: unknown, args: { applicationId: string; printId: string; taskId?: string | null }, ctx: RequestContext) => {
          const state = await prints.printState(currentUser(ctx), args.applicationId, args.printId, args.taskId ?? null);
          return { ...state, latest: state.latest ? versionView({ ...state.latest, isLatest: true }) : null };
        },
        stampedScans: async (_: unknown, args: { applicationId: string }, ctx: RequestContext) =>
          (await prints.stampedScans(currentUser(ctx), args.applicationId)).map(scanView),
      },
      Mutation: {
        requestPrint: async (_: unknown, args: { applicationId: string; printId: string; taskId?: string | null }, ctx: RequestContext) => {
          return jobView(await prints.requestPrint(currentUser(ctx), args.applicationId, args.printId, { taskId: args.taskId ?? null }));
        },
        uploadStampedScan: async (_: unknown, args: { applicationId: string; printId: string; version: string; attachmentId: string }, ctx: RequestContext) =>
          scanView(await prints.registerStampedScan(currentUser(ctx), args.applicationId, args.printId, args.version, args.attachmentId)),
      },
    },
    routes(app) {
      app.get<{ Params: { code: string } }>('/verify/:code', (request, reply) => verifyRoute(prints, request, reply, wantsJson(request)));
      app.get<{ Params: { code: string } }>('/api/verify/:code', (request, reply) => verifyRoute(prints, request, reply, true));
    },
  };
}

/**
 * The render queue's worker (serve --role worker|all): claims jobs from the print_jobs table (SKIP LOCKED), so any
 * number of worker processes share the queue and the web tier needs no Chromium. Progress is in the job row, which
 * every process reads.
 */
export function createPrintWorkerModule({ printWorker, pdfRenderer }: PrintWorkerModuleDeps): AppModule {
  return {
    name: 'print-worker',
    routes(app) {
      printWorker.start();
      app.addHook('onClose', async () => {
        await printWorker.stop();
        await pdfRenderer.close();
      });
    },
  };
}


