import { readFile } from 'node:fs/promises';
import { loadConfig } from '../../config.ts';
import { isAppError } from '../../errors.ts';
import { UsageError, say, type CliCommand } from '../command.ts';

interface ImportArguments {
  file: string;
  initialPassword: string;
  allOrNothing: boolean;
  programmeId: string | undefined;
}

export function parseImportArguments(args: string[]): ImportArguments {
  let file: string | undefined;
  let initialPassword: string | undefined;
  let allOrNothing = true;
  let programmeId: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--password') initialPassword = args[++i];
    else if (arg === '--per-row') allOrNothing = false;
    else if (arg === '--programme') programmeId = args[++i];
    else if (arg.startsWith('--')) throw new UsageError(`未知选项 / unknown option: ${arg}`);
    else if (file) throw new UsageError(`只能导入一个文件 / one file at a time: ${arg}`);
    else file = arg;
  }
  if (!file) throw new UsageError('缺少名单文件 / the sheet file is missing');
  if (!initialPassword) throw new UsageError('缺少 --password（初始密码）/ --password (initial password) is missing');
  return { file, initialPassword, allOrNothing, programmeId };
}

export const usersImportCommand: CliCommand = {
  name: 'users import',
  summary: '从名单（xlsx/csv：序号, 姓名, 手机号, 职务, 单位）导入审核账号 / import reviewer accounts from a sheet',
  usage: [
    'npm run shenbao -- users import <sheet.xlsx|sheet.csv> --password <initial password> [--per-row] [--programme <id>]',
    '  --password   initial password (usually the notice\'s default); every account must change it at first login',
    '  --per-row    import the good rows even if some rows fail (default: all or nothing)',
    '  --programme  restrict the reviewer grants to one programme',
    'Units are matched by id or exact name among the reviewing units already in the database (publish the programme first).',
    'The embedded database allows one process at a time: stop `serve` first.',
  ].join('\n'),
  async run(args) {
    const options = parseImportArguments(args);
    const config = loadConfig();
    const bytes = await readFile(options.file);
    const { detectFileType } = await import('../../files/file-type.ts');
    const { readReviewerSheet } = await import('../../accounts/reviewer-sheet.ts');
    const { buildApp } = await import('../../app.ts');
    const app = await buildApp({ ...config, logLevel: 'warn' });
    try {
      const type = detectFileType(bytes.subarray(0, 4096), bytes)?.fileType ?? 'unknown';
      const rows = await readReviewerSheet(bytes, type);
      const report = await app.services.reviewers.importReviewers(rows, options, { actorId: 'system:cli' });
      for (const row of report.rows) {
        const reasons = row.reasons.map((r) => r.zh).join('；');
        console.log(`第 ${row.rowNumber} 行 ${row.name} ${row.mobile}: ${row.status}${reasons ? ` — ${reasons}` : ''}`);
      }
      say(
        `新建 ${report.created}，已存在 ${report.existing}，错误 ${report.errors}${report.committed ? '' : '（有错误行，未导入任何账号）'}`,
        `created ${report.created}, existing ${report.existing}, errors ${report.errors}${report.committed ? '' : ' (nothing imported because of the errors)'}`,
      );
      return report.committed && report.errors === 0 ? 0 : 1;
    } catch (error) {
      if (isAppError(error)) {
        say(error.zh, error.en);
        return 1;
      }
      throw error;
    } finally {
      await app.close();
    }
  },
};
