import type { AppModule, RequestContext } from '../graphql/module.ts';
import { AppError } from '../errors.ts';
import type { Guards } from '../access/guards.ts';
import type { FilesService } from '../files/files.service.ts';
import { toOrganisationView } from '../organisations/organisation-view.ts';
import { readReviewerSheet } from './reviewer-sheet.ts';
import type { ImportReport, ReviewersService } from './reviewers.service.ts';

export interface AccountsModuleDeps {
  reviewers: ReviewersService;
  files: Pick<FilesService, 'get' | 'canRead' | 'readBytes'>;
  guards: Guards;
}

interface CreateReviewerInput {
  mobile: string;
  name: string;
  title?: string | null;
  organisationId: string;
  programmeId?: string | null;
  initialPassword?: string | null;
}

export function createAccountsModule({ reviewers, files, guards }: AccountsModuleDeps): AppModule {
  return {
    name: 'accounts',
    typeDefs: /* GraphQL */ `
      input CreateReviewerInput {
        mobile: String!
        name: String!
        "职务 / position"
        title: String
        organisationId: ID!
        "只在此申报项目中审核；不填则不限 / restrict to one programme (optional)"
        programmeId: String
        "初始密码（通常为通知中的默认密码）；不填则随机生成并返回一次 / when empty a random one is returned once"
        initialPassword: String
      }
      type ReviewerAccount {
        id: ID!
        mobile: String!
        name: String!
        title: String
        organisation: Organisation!
        "首次登录须修改 / must be changed at first login"
        initialPassword: String!
      }
      type LocalMessage { zh: String! en: String! }
      type ReviewerImportRow {
        "表格中的行号 / row number in the sheet"
        rowNumber: Int!
        name: String!
        mobile: String!
        unit: String!
        "created | exists | error | not_imported"
        status: String!
        organisationId: String
        userId: String
        grantAdded: Boolean
        reasons: [LocalMessage!]!
      }
      type ReviewerImportReport {
        "全部或不导入模式下有错误行时为 false，未写入任何数据 / false when all-or-nothing found errors: nothing written"
        committed: Boolean!
        created: Int!
        existing: Int!
        errors: Int!
        rows: [ReviewerImportRow!]!
      }
      extend type Mutation {
        createReviewer(input: CreateReviewerInput!): ReviewerAccount!
        "fileId：先以 purpose=reviewer-import 上传的 xlsx/csv 名单（序号, 姓名, 手机号, 职务, 单位）"
        importReviewers(fileId: ID!, initialPassword: String!, allOrNothing: Boolean!, programmeId: String): ReviewerImportReport!
      }
    `,
    resolvers: {
      Mutation: {
        async createReviewer(_parent: unknown, args: { input: CreateReviewerInput }, ctx: RequestContext) {
          const admin = await guards.requirePlatformAdmin(ctx);
          const { input } = args;
          const { user, initialPassword, organisation } = await reviewers.createReviewer(
            { mobile: input.mobile, name: input.name, title: input.title, organisationId: input.organisationId, programmeId: input.programmeId ?? undefined, initialPassword: input.initialPassword ?? undefined },
            { actorId: admin.id, ip: ctx.request.ip },
          );
          return { id: user.id, mobile: user.mobile, name: user.name, title: user.title, organisation: toOrganisationView(organisation), initialPassword };
        },

        async importReviewers(_parent: unknown, args: { fileId: string; initialPassword: string; allOrNothing: boolean; programmeId?: string | null }, ctx: RequestContext): Promise<ImportReport> {
          const admin = await guards.requirePlatformAdmin(ctx);
          const attachment = await files.get(args.fileId);
          if (!attachment || !(await files.canRead(admin, attachment))) throw new AppError('SB_ERR_NOT_FOUND', { what: `文件 ${args.fileId}` });
          const rows = await readReviewerSheet(await files.readBytes(attachment), attachment.fileType);
          return reviewers.importReviewers(rows, { initialPassword: args.initialPassword, allOrNothing: args.allOrNothing, programmeId: args.programmeId ?? undefined }, { actorId: admin.id, ip: ctx.request.ip });
        },
      },
    },
  };
}
