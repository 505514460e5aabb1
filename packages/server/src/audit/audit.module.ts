import type { AppModule, RequestContext } from '../graphql/module.ts';
import { readTimeInputs } from '../http/time-input.ts';
import type { Guards } from '../access/guards.ts';
import type { AuditEvent, AuditService } from './audit.service.ts';

export function createAuditModule({ audit, guards }: { audit: Pick<AuditService, 'list' | 'userNames'>; guards: Guards }): AppModule {
  return {
    name: 'audit',
    typeDefs: /* GraphQL */ `
      "审计日志（只增不改）/ an audit event (append-only)"
      type AuditEvent {
        id: ID!
        at: String!
        actorId: String
        "操作人姓名（账号已不存在时为空）/ the actor's name (null when no such user)"
        actorName: String
        action: String!
        "ok | refused | error"
        result: String!
        subjectType: String
        subjectId: String
        "对象为用户时的姓名 / the subject's name when it is a user"
        subjectName: String
        ip: String
        "JSON 文本 / JSON text"
        details: String!
      }
      extend type Query {
        "平台管理员：按操作人、动作、时间筛选，新的在前；beforeId 翻页；from/to 为带时区的 ISO 8601（Z 或 +08:00）/ newest first, page with beforeId; from/to are ISO 8601 with a zone (Z or +08:00)"
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
          // No programme here to lend a time zone: from/to must carry theirs (Z or +08:00).
          const times = readTimeInputs({ '/from': [args.from], '/to': [args.to] });
          const events = await audit.list({
            actorId: args.actorId ?? undefined,
            action: args.action ?? undefined,
            from: times['/from'],
            to: times['/to'],
            beforeId: beforeId !== undefined && Number.isSafeInteger(beforeId) ? beforeId : undefined,
            limit: args.limit ?? undefined,
          });
          const names = await audit.userNames(events.flatMap((e) => [e.actorId, e.subjectType === 'user' ? e.subjectId : null].filter((id): id is string => Boolean(id))));
          return events.map((e: AuditEvent) => ({
            ...e, id: String(e.id), at: e.at.toISOString(), details: JSON.stringify(e.details),
            actorName: e.actorId ? names.get(e.actorId) ?? null : null,
            subjectName: e.subjectType === 'user' && e.subjectId ? names.get(e.subjectId) ?? null : null,
          }));
        },
      },
    },
  };
}
