import { asc, eq } from 'drizzle-orm';
import type { AppModule } from '../graphql/module.ts';
import { currentUser } from '../graphql/current-user.ts';
import { isReviewRecordPurpose, readsReviewRecords } from '../access/review-records.ts';
import type { Database } from '../db/client.ts';
import { attachments, organisations } from '../db/schema/index.ts';
import { programmeParent } from '../programmes/programmes.module.ts';
import type { ProgrammeService } from '../programmes/programme.service.ts';
import { listEvents } from './history.ts';
import type { ApplicationRow, ApplicationService } from './application.service.ts';

const iso = (value: Date | null | undefined) => value?.toISOString() ?? null;

export interface ApplicationsModuleDeps {
  db: Database;
  applications: ApplicationService;
  programmes: Pick<ProgrammeService, 'get' | 'runtime'>;
}

/** Applications as records: the Application type, the applicant's drafts and sections. Tasks and flow commands: workflow.module.ts. */
export function createApplicationsModule({ db, applications, programmes }: ApplicationsModuleDeps): AppModule {
  return {
    name: 'applications',
    typeDefs: /* GraphQL */ `
      type ApplicantOrganisation { id: ID! name: String! }

      "申报的一个文件 / One file of an application (download: GET /api/files/:id)"
      type ApplicationFile { id: ID! name: String! size: Float! mediaType: String! fileType: String! purpose: String! fieldPointer: String createdAt: String! }

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
        history: [HistoryEvent!]!
        "本申报的全部文件（申报材料、审核表单附件、盖章扫描件、打印件），供按名称显示 / every file stored for the application, to show names"
        files: [ApplicationFile!]!
        "最近一次退回的原因 / Why it was last returned"
        returnReason: String
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

      type SaveSectionResult { application: Application! sectionRevision: Int! "path → [{zh,en}]" errors: JSON! }

      type RuleResult { id: String! severity: String! passed: Boolean! message: Message! fields: [String!]! }
      type Precheck { errors: JSON! rules: [RuleResult!]! }

      extend type Query {
        myApplications: [Application!]!
        "申报：按 ID 或申报编号（SB2026-000123）/ by id or by number"
        application(id: ID!): Application
        "提交前检查：填写错误和申报条件 / Errors and eligibility before submit"
        precheck(applicationId: ID!): Precheck!
      }

      extend type Mutation {
        "开始申报：已有本项目的草稿时继续该草稿 / start, or continue the organisation's draft for the programme"
        createApplication(programmeId: ID!): Application!
        "删除从未提交过的草稿 / delete a draft that was never submitted"
        deleteDraft(applicationId: ID!): Boolean!
        "暂存一个部分 / Save one section as a draft"
        saveSection(applicationId: ID!, sectionId: String!, data: JSON!, sectionRevision: Int!): SaveSectionResult!
      }
    `,
    resolvers: {
      Query: {
        myApplications: (_p, _a, ctx) => applications.listMine(currentUser(ctx)),
        application: (_p, args: { id: string }, ctx) => applications.find(currentUser(ctx), args.id),
        precheck: async (_p, args: { applicationId: string }, ctx) => {
          const result = await applications.precheck(currentUser(ctx), args.applicationId);
          return { errors: result.errors, rules: result.rules.map((r) => ({ ...r, fields: r.fields ?? [] })) };
        },
      },
      Mutation: {
        createApplication: (_p, args: { programmeId: string }, ctx) => applications.create(currentUser(ctx), args.programmeId),
        deleteDraft: async (_p, args: { applicationId: string }, ctx) => {
          await applications.deleteDraft(currentUser(ctx), args.applicationId, ctx.request.ip);
          return true;
        },
        saveSection: (_p, args: { applicationId: string; sectionId: string; data: Record<string, unknown>; sectionRevision: number }, ctx) =>
          applications.saveSection(currentUser(ctx), args.applicationId, args.sectionId, args.data ?? {}, args.sectionRevision),
      },
      Application: {
        // The parent was read through applications.get, so the caller may see the application and hence its files.
        // Reviewers' form files only for those who read reviewers' records (the applicant reads the flow's notices).
        files: async (a: ApplicationRow, _x: unknown, ctx) => {
          const reviewRecords = readsReviewRecords(currentUser(ctx), a.programmeId);
          return (await db.select().from(attachments).where(eq(attachments.applicationId, a.id)).orderBy(asc(attachments.createdAt)))
            .filter((f) => reviewRecords || !isReviewRecordPurpose(f.purpose))
            .map((f) => ({ id: f.id, name: f.originalName, size: f.size, mediaType: f.mediaType, fileType: f.fileType, purpose: f.purpose, fieldPointer: f.fieldPointer, createdAt: f.createdAt.toISOString() }));
        },
        programme: (a: ApplicationRow) => programmeParent(programmes, a.programmeId, a.programmeVersionId),
        outcomeValidUntil: (a: ApplicationRow) => iso(a.outcomeValidUntil),
        submittedAt: (a: ApplicationRow) => iso(a.submittedAt),
        firstSubmittedAt: (a: ApplicationRow) => iso(a.firstSubmittedAt),
        createdAt: (a: ApplicationRow) => iso(a.createdAt),
        updatedAt: (a: ApplicationRow) => iso(a.updatedAt),
        applicant: async (a: ApplicationRow) => {
          const [org] = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, a.applicantOrganisationId));
          return org ?? { id: a.applicantOrganisationId, name: '' };
        },
        history: async (a: ApplicationRow) =>
          (await listEvents(db, a.id)).map((e) => ({ ...e, id: String(e.id), at: e.at.toISOString(), details: publicDetails(e.details) })),
        returnReason: async (a: ApplicationRow) => {
          const events = await listEvents(db, a.id);
          return [...events].reverse().find((e) => e.action === 'return')?.opinion ?? null;
        },
      },
    },
  };
}

/** History details minus the data snapshot kept for diffs (large, and not for display). */
function publicDetails(details: Record<string, unknown>): Record<string, unknown> {
  const { dataAtReturn: _snapshot, ...rest } = details;
  return rest;
}
