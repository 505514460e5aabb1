/**
 * Summary tables over REST (file bytes): GET /api/exports/<programmeId>/<exportId>.xlsx — login required, allowed to
 * administrators and to holders of one of the export's `roles` in that programme. GraphQL lists which exports the
 * user may download (`programmeExports(programmeId)`).
 */
import { textIn } from '@shenbao/engine';
import type { AppModule, RequestContext } from '../graphql/module.ts';
import { AppError } from '../errors.ts';
import { requireUser } from '../auth/guards.ts';
import { sessionUserOf } from '../auth/request-session.ts';
import { contentDisposition } from '../files/content-disposition.ts';

const xlsxMediaType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const exportsModule: AppModule = {
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
        const user = await requireUser(context);
        const available = await context.services.exports.available(user, args.programmeId);
        return available.map((e) => ({ id: e.id, title: textIn(e.title), url: `/api/exports/${encodeURIComponent(args.programmeId)}/${encodeURIComponent(e.id)}.xlsx` }));
      },
    },
  },
  routes(app, services) {
    app.get<{ Params: { programmeId: string; file: string } }>('/api/exports/:programmeId/:file', async (request, reply) => {
      const user = await requireUser({ services, request, user: await sessionUserOf(request, services) });
      const match = /^(.+)\.xlsx$/.exec(request.params.file);
      if (!match) throw new AppError('SB_ERR_NOT_FOUND', { what: '汇总表' });
      const { result, bytes } = await services.exports.workbook(user, request.params.programmeId, match[1]!);
      if (result.failures.length > 0) {
        services.logger.warn({ programmeId: request.params.programmeId, exportId: match[1], failures: result.failures.slice(0, 20) }, 'export columns failed for some applications');
      }
      await services.audit.record({
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
