/**
 * Summary tables over REST (file bytes): GET /api/exports/<programmeId>/<exportId>.xlsx — login required, allowed to
 * administrators and to holders of one of the export's `roles` in that programme. GraphQL lists which exports the
 * user may download (`programmeExports(programmeId)`).
 */
import type { FastifyBaseLogger } from 'fastify';
import { textIn } from '@shenbao/engine';
import type { AppModule, RequestContext } from '../graphql/module.ts';
import { AppError } from '../errors.ts';
import { restGuardContext, type Guards } from '../access/guards.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { contentDisposition } from '../files/content-disposition.ts';
import type { ExportService } from './export.service.ts';

export interface ExportsModuleDeps {
  exports: ExportService;
  guards: Guards;
  audit: Pick<AuditService, 'record'>;
  logger: FastifyBaseLogger;
}

const xlsxMediaType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function createExportsModule({ exports, guards, audit, logger }: ExportsModuleDeps): AppModule {
  return {
    name: 'exports',
    typeDefs: /* GraphQL */ `
      "可下载的汇总表 / A summary table the user may download"
      type ProgrammeExport { id: ID! title: String! url: String! }

      extend type Query {
        programmeExports(programmeId: ID!): [ProgrammeExport!]!
      }
    `,
    resolvers: {
      Query: {
        async programmeExports(_parent: unknown, args: { programmeId: string }, context: RequestContext) {
          const user = await guards.requireUser(context);
          const available = await exports.available(user, args.programmeId);
          return available.map((e) => ({ id: e.id, title: textIn(e.title), url: `/api/exports/${encodeURIComponent(args.programmeId)}/${encodeURIComponent(e.id)}.xlsx` }));
        },
      },
    },
    routes(app) {
      app.get<{ Params: { programmeId: string; file: string } }>('/api/exports/:programmeId/:file', async (request, reply) => {
        const user = await guards.requireUser(await restGuardContext(request));
        const match = /^(.+)\.xlsx$/.exec(request.params.file);
        if (!match) throw new AppError('SB_ERR_NOT_FOUND', { what: '汇总表' });
        const { result, bytes } = await exports.workbook(user, request.params.programmeId, match[1]!);
        if (result.failures.length > 0) {
          logger.warn({ programmeId: request.params.programmeId, exportId: match[1], failures: result.failures.slice(0, 20) }, 'export columns failed for some applications');
        }
        await audit.record({
          actorId: user.id, action: 'export.download', result: 'ok', subjectType: 'programme', subjectId: request.params.programmeId,
          ip: request.ip, details: { exportId: match[1], rows: result.rows.length },
        });
        return reply
          .header('Content-Type', xlsxMediaType)
          .header('Content-Disposition', contentDisposition('attachment', `${result.title}.xlsx`))
          .header('X-Content-Type-Options', 'nosniff')
          .header('Cache-Control', 'private, no-store')
          .send(bytes);
      });
    },
  };
}
