import type { AppModule, RequestContext } from '../graphql/module.ts';
import { AppError } from '../errors.ts';
import type { Guards } from '../access/guards.ts';
import type { AuditEvent, AuditService } from './audit.service.ts';

function parseTime(value: string | null | undefined, pointer: string): Date | undefined {
  if (!value) return undefined;
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) {
    throw new AppError('SB_ERR_VALIDATION', {}, { fields: { [pointer]: [{ zh: '时间格式应为 ISO 8601', en: 'Use an ISO 8601 time' }] } });
  }
  return time;
}

export function createAuditModule({ audit, guards }: { audit: Pick<AuditService, 'list'>; guards: Guards }): AppModule {
  return {
    name: 'audit',
    typeDefs: /* GraphQL */ `
      "审计日志（只增不改）/ an audit event (append-only)"
      type AuditEvent {
        id: ID!
        at: String!
        actorId: String
        action: String!
        "ok | refused | error"
        result: String!
        subjectType: String
        subjectId: String
        ip: String
        "JSON 文本 / JSON text"
        details: String!
      }
      extend type Query {
        "平台管理员：按操作人、动作、时间筛选，新的在前；beforeId 翻页 / newest first, page with beforeId"
        auditEvents(actorId: String, action: String, from: String, to: String, beforeId: ID, limit: Int): [AuditEvent!]!
      }
    `,
    resolvers: {
      Query: {
        async auditEvents(
          _parent: unknown,
          args: { actorId?: string | null; action?: string | null; from?: string | null; to?: string | null; beforeId?: string | null; limit?: number | null },
          ctx: RequestContext,
        ) {
          await guards.requirePlatformAdmin(ctx);
          const beforeId = args.beforeId ? Number(args.beforeId) : undefined;
          const events = await audit.list({
            actorId: args.actorId ?? undefined,
            action: args.action ?? undefined,
            from: parseTime(args.from, '/from'),
            to: parseTime(args.to, '/to'),
            beforeId: beforeId !== undefined && Number.isSafeInteger(beforeId) ? beforeId : undefined,
            limit: args.limit ?? undefined,
          });
          return events.map((e: AuditEvent) => ({ ...e, id: String(e.id), at: e.at.toISOString(), details: JSON.stringify(e.details) }));
        },
      },
    },
  };
}
