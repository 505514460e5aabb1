import type { FastifyInstance } from 'fastify';
import { checkPageInput } from '../http/page-input.ts';
import type { AppModule } from '../graphql/module.ts';
import { currentUser } from '../graphql/current-user.ts';
import { readsReviewRecords } from '../access/review-records.ts';
import type { Config } from '../config.ts';
import type { ApplicationReader, ApplicationRow } from '../applications/application.service.ts';
import type { InboxFilter, TaskRow, TaskService } from './task.service.ts';
import type { RankingScope, RankingService } from './ranking.service.ts';
import type { SubmissionService } from './submission.service.ts';
import type { TimerService } from './timer.service.ts';

const iso = (value: Date | null | undefined) => value?.toISOString() ?? null;

export interface WorkflowModuleDeps {
  applications: Pick<ApplicationReader, 'get'>;
  submissions: SubmissionService;
  tasks: TaskService;
  rankings: RankingService;
}

export interface TimerPollerModuleDeps {
  config: Pick<Config, 'env'>;
  timers: TimerService;
}

/** Moving applications through their flows: submit and withdraw, the reviewers' inbox and tasks, ranking and report. */
export function createWorkflowModule({ applications, submissions, tasks, rankings }: WorkflowModuleDeps): AppModule {
  async function rankingView(user: Parameters<RankingService['view']>[0], scope: RankingScope) {
    const view = await rankings.view(user, scope);
    return {
      ...view.scope,
      quota: view.quota,
      reported: view.reported ? { at: view.reported.at.toISOString(), by: view.reported.by, count: view.reported.count } : null,
      candidates: view.candidates,
    };
  }

  return {
    name: 'workflow',
    typeDefs: /* GraphQL */ `
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
        "Counts the task form's draft saves; saveTaskDraft names the one it edited"
        dataRevision: Int!
      }

      "A task form's draft as saved, with the entries that are still wrong (relative to the form)"
      type TaskDraftResult { task: Task! errors: JSON! }

      extend type Application {
        tasks: [Task!]!
      }

      type InboxItem { task: Task! applicationNumber: String! applicationStatus: String! applicantName: String! programmeTitle: String! }

      type RankingCandidate { taskId: ID! applicationId: ID! applicationNumber: String! "申报单位 / the applicant organisation" applicantName: String! rank: Int }
      type RankingReport { at: String! by: String! count: Int! }
      type Ranking { programmeId: ID! organisationId: ID! taskDefinitionId: String! quota: Int reported: RankingReport candidates: [RankingCandidate!]! }
      type ReportResult { reported: Int! notReported: Int! }

      input InboxFilter { programmeId: ID, "open | completed | all" status: String, text: String, limit: Int, offset: Int }
      input RankingScope { programmeId: ID!, organisationId: ID!, taskDefinitionId: String! }

      extend type Query {
        inbox(filter: InboxFilter): [InboxItem!]!
        task(id: ID!): Task
        ranking(scope: RankingScope!): Ranking!
      }

      extend type Mutation {
        submitApplication(applicationId: ID!, revision: Int): Application!
        withdrawApplication(applicationId: ID!): Application!
        completeTask(taskId: ID!, outcome: String!, data: JSON, reason: String): Task!
        "暂存 / autosave of an open task's form; a stale dataRevision answers SB_ERR_CONFLICT"
        saveTaskDraft(taskId: ID!, data: JSON!, dataRevision: Int!, outcome: String): TaskDraftResult!
        setRanking(scope: RankingScope!, taskIds: [ID!]!): Ranking!
        addToRanking(scope: RankingScope!, taskId: ID!): Int!
        "一次性上报，不可撤销 / Report upward once; final"
        reportRanking(scope: RankingScope!, data: JSON): ReportResult!
      }
    `,
    resolvers: {
      Query: {
        inbox: (_p, args: { filter?: InboxFilter }, ctx) => {
          checkPageInput(args.filter ?? {}, 500, '/filter');
          return tasks.inbox(currentUser(ctx), args.filter ?? {});
        },
        task: (_p, args: { id: string }, ctx) => tasks.get(currentUser(ctx), args.id),
        ranking: (_p, args: { scope: RankingScope }, ctx) => rankingView(currentUser(ctx), args.scope),
      },
      Mutation: {
        submitApplication: (_p, args: { applicationId: string; revision?: number | null }, ctx) =>
          submissions.submit(currentUser(ctx), args.applicationId, args.revision ?? undefined),
        withdrawApplication: (_p, args: { applicationId: string }, ctx) => submissions.withdraw(currentUser(ctx), args.applicationId),
        completeTask: (_p, args: { taskId: string; outcome: string; data?: Record<string, unknown> | null; reason?: string | null }, ctx) =>
          tasks.complete(currentUser(ctx), { taskId: args.taskId, outcome: args.outcome, data: args.data ?? undefined, reason: args.reason ?? undefined }),
        saveTaskDraft: (_p, args: { taskId: string; data: Record<string, unknown>; dataRevision: number; outcome?: string | null }, ctx) =>
          tasks.saveDraft(currentUser(ctx), { taskId: args.taskId, data: args.data, dataRevision: args.dataRevision, outcome: args.outcome ?? null }),
        setRanking: async (_p, args: { scope: RankingScope; taskIds: string[] }, ctx) => {
          await rankings.setRanking(currentUser(ctx), args.scope, args.taskIds);
          return rankingView(currentUser(ctx), args.scope);
        },
        addToRanking: (_p, args: { scope: RankingScope; taskId: string }, ctx) => rankings.addToRanking(currentUser(ctx), args.scope, args.taskId),
        reportRanking: (_p, args: { scope: RankingScope; data?: Record<string, unknown> | null }, ctx) =>
          rankings.report(currentUser(ctx), args.scope, args.data ?? {}),
      },
      Application: {
        tasks: (a: ApplicationRow, _x: unknown, ctx) => tasks.tasksOf(currentUser(ctx), a.id),
      },
      Task: {
        application: (t: TaskRow, _x: unknown, ctx) => applications.get(currentUser(ctx), t.applicationId),
        dueAt: (t: TaskRow) => iso(t.dueAt),
        openedAt: (t: TaskRow) => iso(t.openedAt),
        completedAt: (t: TaskRow) => iso(t.completedAt),
        // A unit's form is the reviewers' record; the applicant reads the outcome and the opinion, not the form.
        data: (t: TaskRow, _x: unknown, ctx) => (t.kind === 'revise' || readsReviewRecords(currentUser(ctx), t.programmeId) ? t.data : null),
      },
    },
  };
}

/**
 * Review deadlines live in the timers table and fire by the server clock, also after a restart; every process polls
 * and claims due timers with SKIP LOCKED, so each fires once however many processes run. Tests drive them with a fake
 * clock through timers.fireDue() instead.
 */
export function createTimerPollerModule({ config, timers }: TimerPollerModuleDeps): AppModule {
  return {
    name: 'timer-poller',
    routes(app: FastifyInstance) {
      if (config.env === 'test') return;
      timers.start();
      app.addHook('onClose', async () => timers.stop());
    },
  };
}
