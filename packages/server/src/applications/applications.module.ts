import type { AppModule, RequestContext } from '../graphql/module.ts';
import { checkPageInput } from '../http/page-input.ts';
import { currentUser } from '../graphql/current-user.ts';
import { listEvents } from './history.ts';
import type { ApplicationRow } from './application.service.ts';
import type { TaskRow } from '../workflow/task.service.ts';
import { programmeParent } from '../programmes/programmes.module.ts';
import { organisations } from '../db/schema/index.ts';
import { eq } from 'drizzle-orm';

const iso = (value: Date | null | undefined) => value?.toISOString() ?? null;

export const applicationsModule: AppModule = {
  name: 'applications',
  routes(app, services) {
    // Review deadlines live in the timers table and fire by the server clock, also after a restart. Tests drive
    // them with a fake clock through services.timers.fireDue() instead.
    if (services.config.env === 'test') return;
    services.timers.start();
    app.addHook('onClose', async () => services.timers.stop());
  },
  typeDefs: /* GraphQL */ `
    type ApplicantOrganisation { id: ID! name: String! }

    type Application {
      id: ID!
      number: String!
      programmeId: ID!
      "申报所依据的项目版本（提交后不随新版本变化）/ The programme version this application is pinned to"
      programme: Programme!
      "draft | in_review | returned | completed"
      status: String!
      outcome: String
      outcomeValidUntil: String
      data: JSON!
      sectionRevisions: JSON!
      revision: Int!
      frozen: Boolean!
      submittedAt: String
      firstSubmittedAt: String
      createdAt: String!
      updatedAt: String!
      applicant: ApplicantOrganisation!
      tasks: [Task!]!
      history: [HistoryEvent!]!
      "最近一次退回的原因 / Why it was last returned"
      returnReason: String
    }

    type Task {
      id: ID!
      applicationId: ID!
      application: Application!
      definitionId: String!
      name: String!
      role: String!
      organisationId: String!
      formKey: String
      "review | revise | report"
      kind: String!
      outcomes: [String!]!
      withdrawable: Boolean!
      "open | completed | cancelled"
      status: String!
      dueAt: String
      openedAt: String!
      completedAt: String
      completedBy: String
      outcome: String
      reason: String
      data: JSON
    }

    type HistoryEvent {
      id: ID!
      at: String!
      actorName: String
      actorOrganisationId: String
      action: String!
      taskDefinitionId: String
      taskName: String
      outcome: String
      opinion: String
      details: JSON!
    }

    type InboxItem { task: Task! applicationNumber: String! applicationStatus: String! applicantName: String! programmeTitle: String! }

    type SaveSectionResult { application: Application! sectionRevision: Int! "path → [{zh,en}]" errors: JSON! }

    type RuleResult { id: String! severity: String! passed: Boolean! message: Message! fields: [String!]! }
    type Precheck { errors: JSON! rules: [RuleResult!]! }

    type RankingCandidate { taskId: ID! applicationId: ID! applicationNumber: String! rank: Int }
    type RankingReport { at: String! by: String! count: Int! }
    type Ranking { programmeId: ID! organisationId: ID! taskDefinitionId: String! quota: Int reported: RankingReport candidates: [RankingCandidate!]! }
    type ReportResult { reported: Int! notReported: Int! }

    input InboxFilter { programmeId: ID, "open | completed | all" status: String, text: String, limit: Int, offset: Int }
    input RankingScope { programmeId: ID!, organisationId: ID!, taskDefinitionId: String! }

    extend type Query {
      myApplications: [Application!]!
      application(id: ID!): Application
      "提交前检查：填写错误和申报条件 / Errors and eligibility before submit"
      precheck(applicationId: ID!): Precheck!
      inbox(filter: InboxFilter): [InboxItem!]!
      task(id: ID!): Task
      ranking(scope: RankingScope!): Ranking!
    }

    extend type Mutation {
      createApplication(programmeId: ID!): Application!
      "暂存一个部分 / Save one section as a draft"
      saveSection(applicationId: ID!, sectionId: String!, data: JSON!, sectionRevision: Int!): SaveSectionResult!
      submitApplication(applicationId: ID!, revision: Int): Application!
      withdrawApplication(applicationId: ID!): Application!
      completeTask(taskId: ID!, outcome: String!, data: JSON, reason: String): Task!
      setRanking(scope: RankingScope!, taskIds: [ID!]!): Ranking!
      addToRanking(scope: RankingScope!, taskId: ID!): Int!
      "一次性上报，不可撤销 / Report upward once; final"
      reportRanking(scope: RankingScope!, data: JSON): ReportResult!
    }
  `,
  resolvers: {
    Query: {
      myApplications: (_p, _a, ctx) => ctx.services.applications.listMine(currentUser(ctx)),
      application: (_p, args: { id: string }, ctx) => ctx.services.applications.get(currentUser(ctx), args.id),
      precheck: async (_p, args: { applicationId: string }, ctx) => {
        const result = await ctx.services.applications.precheck(currentUser(ctx), args.applicationId);
        return { errors: result.errors, rules: result.rules.map((r) => ({ ...r, fields: r.fields ?? [] })) };
      },
      inbox: (_p, args: { filter?: Parameters<RequestContext['services']['tasks']['inbox']>[1] }, ctx) => {
        checkPageInput(args.filter ?? {}, 500, '/filter');
        return ctx.services.tasks.inbox(currentUser(ctx), args.filter ?? {});
      },
      task: (_p, args: { id: string }, ctx) => ctx.services.tasks.get(currentUser(ctx), args.id),
      ranking: (_p, args: { scope: { programmeId: string; organisationId: string; taskDefinitionId: string } }, ctx) =>
        rankingView(ctx, args.scope),
    },
    Mutation: {
      createApplication: (_p, args: { programmeId: string }, ctx) => ctx.services.applications.create(currentUser(ctx), args.programmeId),
      saveSection: (_p, args: { applicationId: string; sectionId: string; data: Record<string, unknown>; sectionRevision: number }, ctx) =>
        ctx.services.applications.saveSection(currentUser(ctx), args.applicationId, args.sectionId, args.data ?? {}, args.sectionRevision),
      submitApplication: (_p, args: { applicationId: string; revision?: number | null }, ctx) =>
        ctx.services.applications.submit(currentUser(ctx), args.applicationId, args.revision ?? undefined),
      withdrawApplication: (_p, args: { applicationId: string }, ctx) => ctx.services.applications.withdraw(currentUser(ctx), args.applicationId),
      completeTask: (_p, args: { taskId: string; outcome: string; data?: Record<string, unknown> | null; reason?: string | null }, ctx) =>
        ctx.services.tasks.complete(currentUser(ctx), { taskId: args.taskId, outcome: args.outcome, data: args.data ?? undefined, reason: args.reason ?? undefined }),
      setRanking: async (_p, args: { scope: { programmeId: string; organisationId: string; taskDefinitionId: string }; taskIds: string[] }, ctx) => {
        await ctx.services.rankings.setRanking(currentUser(ctx), args.scope, args.taskIds);
        return rankingView(ctx, args.scope);
      },
      addToRanking: (_p, args: { scope: { programmeId: string; organisationId: string; taskDefinitionId: string }; taskId: string }, ctx) =>
        ctx.services.rankings.addToRanking(currentUser(ctx), args.scope, args.taskId),
      reportRanking: (_p, args: { scope: { programmeId: string; organisationId: string; taskDefinitionId: string }; data?: Record<string, unknown> | null }, ctx) =>
        ctx.services.rankings.report(currentUser(ctx), args.scope, args.data ?? {}),
    },
    Application: {
      programme: (a: ApplicationRow, _x: unknown, ctx: RequestContext) => programmeParent(ctx, a.programmeId, a.programmeVersionId),
      outcomeValidUntil: (a: ApplicationRow) => iso(a.outcomeValidUntil),
      submittedAt: (a: ApplicationRow) => iso(a.submittedAt),
      firstSubmittedAt: (a: ApplicationRow) => iso(a.firstSubmittedAt),
      createdAt: (a: ApplicationRow) => iso(a.createdAt),
      updatedAt: (a: ApplicationRow) => iso(a.updatedAt),
      applicant: async (a: ApplicationRow, _x: unknown, ctx: RequestContext) => {
        const [org] = await ctx.services.db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, a.applicantOrganisationId));
        return org ?? { id: a.applicantOrganisationId, name: '' };
      },
      tasks: (a: ApplicationRow, _x: unknown, ctx: RequestContext) => ctx.services.tasks.tasksOf(currentUser(ctx), a.id),
      history: async (a: ApplicationRow, _x: unknown, ctx: RequestContext) =>
        (await listEvents(ctx.services.db, a.id)).map((e) => ({ ...e, id: String(e.id), at: e.at.toISOString(), details: publicDetails(e.details) })),
      returnReason: async (a: ApplicationRow, _x: unknown, ctx: RequestContext) => {
        const events = await listEvents(ctx.services.db, a.id);
        return [...events].reverse().find((e) => e.action === 'return')?.opinion ?? null;
      },
    },
    Task: {
      application: (t: TaskRow, _x: unknown, ctx: RequestContext) => ctx.services.applications.get(currentUser(ctx), t.applicationId),
      dueAt: (t: TaskRow) => iso(t.dueAt),
      openedAt: (t: TaskRow) => iso(t.openedAt),
      completedAt: (t: TaskRow) => iso(t.completedAt),
    },
  },
};

/** History details minus the data snapshot kept for diffs (large, and not for display). */
function publicDetails(details: Record<string, unknown>): Record<string, unknown> {
  const { dataAtReturn: _snapshot, ...rest } = details;
  return rest;
}

async function rankingView(ctx: RequestContext, scope: { programmeId: string; organisationId: string; taskDefinitionId: string }) {
  const view = await ctx.services.rankings.view(currentUser(ctx), scope);
  return {
    ...view.scope,
    quota: view.quota,
    reported: view.reported ? { at: view.reported.at.toISOString(), by: view.reported.by, count: view.reported.count } : null,
    candidates: view.candidates,
  };
}
