import { loadConfig, redact } from '../../config.ts';
import { say, UsageError, type CliCommand } from '../command.ts';
import { isDirectory } from './check.ts';

export const publishCommand: CliCommand = {
  name: 'publish',
  summary: '检查并发布申报项目文件夹为不可变版本 / check programme folders and publish each as an immutable version',
  usage: [
    'npm run shenbao -- publish <folder> [<folder> …]',
    'Uses DATABASE_URL when set, otherwise the embedded database under DATA_DIR (migrated first).',
    'The embedded database allows one process at a time: stop `serve` first, or upload the zip in the admin pages.',
    'Identical content to a published version stores nothing new. Exit 1 when any folder is refused.',
  ].join('\n'),
  async run(args) {
    if (args.length === 0) throw new UsageError('请给出至少一个文件夹 / give at least one folder');
    const config = loadConfig();
    // The whole app, not listening: publishing runs the same hooks as at `serve` (units loaded at publish …).
    const { buildApp } = await import('../../app.ts');
    const { publishFolder, describePublish } = await import('../../programmes/publish-folders.ts');
    const where = config.databaseUrl ? redact(config.databaseUrl) : `${config.dataDir} (PGlite)`;
    say(`打开数据库并迁移：${where}`, `opening and migrating the database: ${where}`);
    const app = await buildApp(config);
    let refused = 0;
    try {
      for (const dir of args) {
        if (!(await isDirectory(dir))) {
          console.error(`${dir}：不是文件夹 / ${dir}: not a folder`);
          refused += 1;
          continue;
        }
        const result = await publishFolder(app.services.programmes, dir, null);
        for (const line of describePublish(result)) console.log(line);
        if (result.status === 'refused') refused += 1;
      }
    } finally {
      await app.close();
    }
    return refused === 0 ? 0 : 1;
  },
};
