/**
 * Publishing from the administration pages: an administrator uploads a zip of a programme folder (POST /api/files,
 * purpose `programme-zip`), checks it, and publishes it. The check runs on the unpacked files before anything is
 * stored; publishing stores an immutable version only when the folder is clean.
 */
import type { Problem, ProgrammeFiles } from '@shenbao/engine';
import type { AppModule, RequestContext } from '../graphql/module.ts';
import { AppError } from '../errors.ts';
import type { Guards } from '../access/guards.ts';
import { hasRole } from '../access/grants.ts';
import type { SessionUser } from '../access/session-user.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { FilesService } from '../files/files.service.ts';
import type { ProgrammeService } from './programme.service.ts';
import { readProgrammeZip } from './admin-zip.ts';
import { programmeZipPurpose } from './admin-uploads.ts';
import { checkProgrammeFiles, type FolderCheck } from './publish-check.ts';

interface UploadedFolder {
  user: SessionUser;
  files: ProgrammeFiles;
  check: FolderCheck;
}

const problemView = (p: Problem) => ({ file: p.file, pointer: p.pointer ?? null, element: p.element ?? null, code: p.code, message: p.message });

export interface ProgrammeAdminModuleDeps {
  programmes: Pick<ProgrammeService, 'publish'>;
  files: Pick<FilesService, 'get' | 'readBytes'>;
  audit: Pick<AuditService, 'record'>;
  guards: Guards;
}

/** Reads and checks an uploaded programme zip, refusing anyone who may not publish the programme it holds. */
async function uploadedFolder({ files, guards }: ProgrammeAdminModuleDeps, context: RequestContext, fileId: string): Promise<UploadedFolder> {
  const user = await guards.requireUser(context);
  const platformAdmin = hasRole(user, 'platform_admin');
  if (!platformAdmin) await guards.requireRole(context, 'programme_admin');
  const attachment = await files.get(fileId);
  if (!attachment) throw new AppError('SB_ERR_NOT_FOUND', { what: '文件' });
  if (attachment.purpose !== programmeZipPurpose) throw new AppError('SB_ERR_PROGRAMME_ZIP_WRONG_FILE');
  if (attachment.uploadedBy !== user.id && !platformAdmin) throw new AppError('SB_ERR_FORBIDDEN');
  const folder = readProgrammeZip(await files.readBytes(attachment));
  const check = await checkProgrammeFiles(folder);
  // A programme administrator publishes only their own programme(s).
  if (!platformAdmin && check.programmeId) await guards.requireRole(context, 'programme_admin', { programmeId: check.programmeId });
  return { user, files: folder, check };
}

export function createProgrammeAdminModule(deps: ProgrammeAdminModuleDeps): AppModule {
  return {
    name: 'programme-admin',
    typeDefs: /* GraphQL */ `
      "申报项目文件夹中的一个问题 / One problem found in a programme folder"
      type ProgrammeProblem { file: String! pointer: String element: String code: String! message: Message! }

      type ProgrammeUploadCheck {
        "programme.json 中的项目编号（能读出时）/ The programme id, when programme.json could be read"
        programmeId: String
        "没有问题，可以发布 / No problems: the folder may be published"
        ok: Boolean!
        problems: [ProgrammeProblem!]!
        "不妨碍发布的提示 / Warnings that do not block publishing"
        warnings: [ProgrammeProblem!]!
      }

      type ProgrammePublishResult {
        "published | unchanged | refused"
        status: String!
        programmeId: String
        versionId: String
        label: String
        problems: [ProgrammeProblem!]!
        warnings: [ProgrammeProblem!]!
      }

      extend type Query {
        "检查上传的申报项目压缩包，不保存任何内容 / Check an uploaded programme zip without storing anything"
        checkProgrammeUpload(fileId: ID!): ProgrammeUploadCheck!
      }

      extend type Mutation {
        "发布上传的申报项目压缩包为不可变版本 / Publish an uploaded programme zip as an immutable version"
        publishProgramme(fileId: ID!): ProgrammePublishResult!
      }
    `,
    resolvers: {
      Query: {
        async checkProgrammeUpload(_parent: unknown, args: { fileId: string }, context: RequestContext) {
          const { check } = await uploadedFolder(deps, context, args.fileId);
          return { programmeId: check.programmeId ?? null, ok: check.problems.length === 0, problems: check.problems.map(problemView), warnings: check.warnings.map(problemView) };
        },
      },
      Mutation: {
        async publishProgramme(_parent: unknown, args: { fileId: string }, context: RequestContext) {
          const { user, files, check } = await uploadedFolder(deps, context, args.fileId);
          const warnings = check.warnings.map(problemView);
          if (check.problems.length > 0) {
            return { status: 'refused', programmeId: check.programmeId ?? null, versionId: null, label: null, problems: check.problems.map(problemView), warnings };
          }
          const result = await deps.programmes.publish(files, user.id);
          await deps.audit.record({
            actorId: user.id, action: 'programme.publish', result: result.status === 'refused' ? 'refused' : 'ok', subjectType: 'programme',
            subjectId: result.programmeId ?? null, ip: context.request.ip, details: { status: result.status, versionId: result.versionId ?? null, fileId: args.fileId },
          });
          return { status: result.status, programmeId: result.programmeId ?? null, versionId: result.versionId ?? null, label: result.label ?? null, problems: result.problems.map(problemView), warnings };
        },
      },
    },
  };
}
