import path from 'node:path';
import { stat } from 'node:fs/promises';
import { readProgrammeFolder } from '../../programmes/read-folder.ts';
import { checkProgrammeFiles, checkSummary, formatProblem } from '../../programmes/publish-check.ts';
import { UsageError, type CliCommand } from '../command.ts';

export const checkCommand: CliCommand = {
  name: 'check',
  summary: '检查申报项目文件夹（不需要数据库）/ check programme folders (no database needed)',
  usage: [
    'npm run shenbao -- check <folder> [<folder> …]',
    'Prints every problem as `file[#pointer|@element]: code 中文 / English`, then one summary line per folder.',
    'Warnings (flow elements one fixture cannot reach) do not fail the check.',
    'Exit code 0 only when every folder is clean; 1 when any folder has a problem.',
  ].join('\n'),
  async run(args) {
    if (args.length === 0) throw new UsageError('请给出至少一个文件夹 / give at least one folder');
    let failed = 0;
    for (const dir of args) {
      if (!(await isDirectory(dir))) {
        console.error(`${dir}：不是文件夹 / ${dir}: not a folder`);
        failed += 1;
        continue;
      }
      const check = await checkProgrammeFiles(await readProgrammeFolder(dir));
      const label = check.programmeId ?? path.basename(path.resolve(dir));
      for (const problem of check.problems) console.log(`  ${formatProblem(problem)}`);
      for (const warning of check.warnings) console.log(`  提示 / warning: ${formatProblem(warning)}`);
      const summary = checkSummary(label, check);
      console.log(`${summary.zh} / ${summary.en}`);
      if (check.problems.length > 0) failed += 1;
    }
    return failed === 0 ? 0 : 1;
  },
};

export async function isDirectory(dir: string): Promise<boolean> {
  return stat(dir).then((s) => s.isDirectory(), () => false);
}
