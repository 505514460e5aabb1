import { textIn, type Programme } from '@shenbao/engine';
import type { AppModule, RequestContext } from '../graphql/module.ts';
import { readTimeInputs } from '../http/time-input.ts';
import { currentUser } from '../graphql/current-user.ts';
import { AppError } from '../errors.ts';
import { jsonScalar } from '../graphql/json-scalar.ts';
import { isProgrammeAdmin } from '../access/grants.ts';
import type { Clock } from '../clock.ts';
import { windowStates, type ProgrammeRuntime } from './programme-runtime.ts';
import type { ProgrammeRow, ProgrammeService } from './programme.service.ts';

/** What Programme field resolvers receive: the row and the compiled version to show. */
export interface ProgrammeParent {
  row: ProgrammeRow;
  runtime: ProgrammeRuntime;
}

function forms(programme: Programme, kind: 'sections' | 'taskForms') {
  return programme[kind].map((form) => ({
    id: form.ref.id,
    title: textIn(form.ref.title),
    titleText: form.ref.title,
    description: form.ref.description ?? null,
    schema: form.schema,
    ui: form.ui ?? null,
  }));
}

/**
 * What an anonymous visitor of the programme list needs is its title, issuer, notice and windows; the forms, the
 * flow, the rules and the rest are for signed-in users only (an anonymous caller gets SB_ERR_UNAUTHENTICATED on
 * those fields), so nobody can pull every programme's schemas and flow XML without an account.
 */
function signedInOnly<R>(resolve: (p: ProgrammeParent, args: unknown, context: RequestContext) => R) {
  return (p: ProgrammeParent, args: unknown, context: RequestContext): R => {
    currentUser(context);
    return resolve(p, args, context);
  };
}

/** The parent of a `Programme` field: the programme and the version to show (its current one unless given). */
export async function programmeParent(programmes: Pick<ProgrammeService, 'get' | 'runtime'>, programmeId: string, versionId?: string): Promise<ProgrammeParent> {
  const row = await programmes.get(programmeId);
  const runtime = await programmes.runtime(versionId ?? row.currentVersionId);
  return { row, runtime };
}

export function createProgrammesModule({ programmes, clock }: { programmes: ProgrammeService; clock: Clock }): AppModule {
  return {
    name: 'programmes',
    typeDefs: /* GraphQL */ `
      scalar JSON

      type Message { zh: String! en: String! }

      "申报时间窗口 / A stage window, decided by the server clock"
      type WindowState {
        id: String!
        title: JSON!
        "not_open | open | closed"
        phase: String!
        opens: String!
        closes: String!
        secondsLeft: Int!
        overridden: Boolean!
      }

      type FormDefinition { id: ID! title: String! titleText: JSON! description: JSON schema: JSON! ui: JSON }

      type ProgrammeVersion { id: ID! label: String! hash: String! publishedAt: String! publishedBy: String }

      "申报项目。未登录时只可读取 id、标题、发布单位、通知与时间窗口，其余字段须登录 / Anonymous callers may read id, titles, issuer, notice, time zone and windows; every other field needs a signed-in user"
      type Programme {
        id: ID!
        title: String!
        titleText: JSON!
        versionId: String!
        versionLabel: String!
        issuer: JSON
        notice: JSON
        timeZone: String!
        windows: [WindowState!]!
        applyWindow: WindowState
        roles: JSON!
        organisations: JSON!
        sections: [FormDefinition!]!
        taskForms: [FormDefinition!]!
        rules: JSON!
        prints: JSON!
        exports: JSON!
        outcomes: JSON!
        submit: JSON
        "申报人能否撤回：流程中有可撤回的审核步骤（shenbao:withdrawable）/ whether some step lets the applicant withdraw"
        withdrawable: Boolean!
        flowXml: String!
        versions: [ProgrammeVersion!]!
      }

      type Problem { file: String! pointer: String element: String code: String! message: Message! }
      type PublishResult { status: String! programmeId: String versionId: String label: String problems: [Problem!]! }

      extend type Query {
        "所有已发布的申报项目 / Every published programme"
        programmes: [Programme!]!
        programme(id: ID!, versionId: String): Programme
      }

      extend type Mutation {
        """
        设置本轮申报时间（不修改项目文件夹）。opens/closes 为 ISO 8601：带 Z 或 +08:00 等时区的按该时刻；不带时区的按项目的
        timeZone（如 Asia/Shanghai）理解；只有日期时，开始为当天 00:00:00，截止为当天 23:59:59。
        Set a round's dates without editing the folder. opens/closes are ISO 8601: with Z or an offset they are that
        instant; without a zone they are wall-clock times in the programme's timeZone; a bare date opens at 00:00:00
        and closes at 23:59:59 of that day.
        """
        setProgrammeWindow(programmeId: ID!, windowId: String!, opens: String!, closes: String!): Programme!
      }
    `,
    resolvers: {
      JSON: jsonScalar as unknown as Record<string, never>,
      Query: {
        programmes: async () => {
          const rows = await programmes.list();
          return Promise.all(rows.map(async (row) => ({ row, runtime: await programmes.runtime(row.currentVersionId) })));
        },
        programme: async (_p, args: { id: string; versionId?: string }) => programmeParent(programmes, args.id, args.versionId),
      },
      Mutation: {
        setProgrammeWindow: async (_p, args: { programmeId: string; windowId: string; opens: string; closes: string }, context) => {
          const user = currentUser(context);
          if (!isProgrammeAdmin(user, args.programmeId)) throw new AppError('SB_ERR_FORBIDDEN');
          const { runtime } = await programmeParent(programmes, args.programmeId);
          const timeZone = runtime.programme.manifest.timeZone;
          const { '/opens': opens, '/closes': closes } = readTimeInputs({
            '/opens': [args.opens, { timeZone, dateOnly: 'start' }],
            '/closes': [args.closes, { timeZone, dateOnly: 'end' }],
          });
          if (!opens || !closes) {
            throw new AppError('SB_ERR_VALIDATION', {}, { fields: { [opens ? '/closes' : '/opens']: [{ zh: '请输入日期时间', en: 'Enter a date and time' }] } });
          }
          await programmes.setWindow(args.programmeId, args.windowId, opens, closes, user.id);
          return programmeParent(programmes, args.programmeId);
        },
      },
      Programme: {
        id: (p: ProgrammeParent) => p.row.id,
        title: (p: ProgrammeParent) => textIn(p.runtime.programme.manifest.title),
        titleText: (p: ProgrammeParent) => p.runtime.programme.manifest.title,
        versionId: (p: ProgrammeParent) => p.runtime.versionId,
        versionLabel: (p: ProgrammeParent) => p.runtime.programme.manifest.version,
        issuer: (p: ProgrammeParent) => p.runtime.programme.manifest.issuer,
        notice: (p: ProgrammeParent) => p.runtime.programme.manifest.notice ?? null,
        timeZone: (p: ProgrammeParent) => p.runtime.programme.manifest.timeZone,
        withdrawable: (p: ProgrammeParent) => Object.values(p.runtime.flow.userTasks).some((task) => task.withdrawable),
        windows: (p: ProgrammeParent) => windowsOf(p, clock),
        applyWindow: async (p: ProgrammeParent) =>
          (await windowsOf(p, clock)).find((w) => w.id === p.runtime.programme.manifest.applyWindow) ?? null,
        roles: signedInOnly((p) => p.runtime.programme.manifest.roles),
        organisations: signedInOnly((p) => p.runtime.programme.manifest.organisations ?? { categories: [], units: [] }),
        sections: signedInOnly((p) => forms(p.runtime.programme, 'sections')),
        taskForms: signedInOnly((p) => forms(p.runtime.programme, 'taskForms')),
        rules: signedInOnly((p) => p.runtime.programme.manifest.rules ?? []),
        prints: signedInOnly((p) => p.runtime.programme.manifest.prints ?? []),
        exports: signedInOnly((p) => p.runtime.programme.manifest.exports ?? []),
        outcomes: signedInOnly((p) => p.runtime.programme.manifest.outcomes ?? {}),
        submit: signedInOnly((p) => p.runtime.programme.manifest.submit ?? null),
        flowXml: signedInOnly((p) => p.runtime.programme.flowXml),
        versions: signedInOnly(async (p) =>
          (await programmes.versions(p.row.id)).map((v) => ({
            id: v.id, label: v.label, hash: v.contentHash, publishedAt: v.publishedAt.toISOString(), publishedBy: v.publishedBy,
          }))),
      },
    },
  };
}

function windowsOf(p: ProgrammeParent, clock: Clock) {
  const manifest = p.runtime.programme.manifest;
  return windowStates(p.runtime.programme, p.row.windowOverrides, clock.now()).map((w) => ({
    ...w,
    title: manifest.windows[w.id]?.title ?? w.id,
    opens: w.opens.toISOString(),
    closes: w.closes.toISOString(),
  }));
}
