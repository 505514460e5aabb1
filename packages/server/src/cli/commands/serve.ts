import type { FastifyInstance } from 'fastify';
import { loadConfig, redact } from '../../config.ts';
import { expectNoArguments, say, UsageError, type CliCommand } from '../command.ts';
import type { ServerRole } from '../../composition.ts';
import { startupTasks, type StartupTask } from '../startup-tasks.ts';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: '启动服务器（迁移数据库、执行启动任务、监听端口）/ start the server: migrate, run the startup tasks, listen',
  usage: [
    'Reads its configuration from environment variables (see the README table), e.g.',
    '  PORT=3000 DATA_DIR=./data npm run shenbao -- serve',
    '  DATABASE_URL=postgres://user:pass@db/shenbao npm run shenbao -- serve --role web',
    'Stops cleanly on SIGTERM or SIGINT, waiting at most SHUTDOWN_GRACE_SECONDS for open requests.',
    '--role web|worker|all (default all): web answers the API and the web app; worker renders PDFs from the queue',
    '  (serving /healthz only); several processes share one PostgreSQL (DATABASE_URL) and FILE_STORE=postgres|s3.',
  ].join('\n'),
  async run(args) {
    const role = roleOf(args);
    const config = loadConfig();
    const where = config.databaseUrl ? redact(config.databaseUrl) : `${config.dataDir} (PGlite)`;
    say(`打开数据库并迁移：${where}`, `opening and migrating the database: ${where}`);
    // The database first (a wrong DATABASE_URL or a busy DATA_DIR is one line within seconds), then the server, loaded
    // only now so a bad configuration value is reported before the whole server is even imported.
    const { openConfiguredDatabase } = await import('../../db/open-configured.ts');
    const database = await openConfiguredDatabase(config);
    const { buildApp } = await import('../../app.ts');
    let app: FastifyInstance;
    try {
      // Several processes may start at once on one PostgreSQL: the first migrates, the others wait and find it done.
      await database.withStartupLock(() => database.migrate());
      app = await buildApp(config, { database, closeDatabase: true, skipMigrations: true, role });
    } catch (error) {
      await database.close().catch(() => {});
      throw error;
    }
    let notes: string[];
    try {
      // Publishing and the demo seed once, under the same lock; a worker leaves them to the web processes.
      notes = role === 'worker' ? [] : await database.withStartupLock(() => runStartupTasks(app, startupTasks));
      await app.listen({ host: config.host, port: config.port });
    } catch (error) {
      await app.close();
      if ((error as { code?: string }).code === 'EADDRINUSE') {
        console.error(`端口 ${config.port} 已被占用（设置 PORT 换一个）/ port ${config.port} is already in use (set PORT to another)`);
        return 1;
      }
      throw error;
    }
    const local = `http://localhost:${config.port}`;
    say(`申报平台已启动：${local}（角色 ${role}）`, `shenbao is listening at ${local} (role ${role})`);
    if (config.publicUrl !== local) say(`对外地址：${config.publicUrl}`, `public address: ${config.publicUrl}`);
    for (const line of notes) console.log(line);
    return waitForShutdown(app, config.shutdownGraceSeconds);
  },
};

const roles: ServerRole[] = ['web', 'worker', 'all'];

/** `serve [--role web|worker|all]`: what this process does (composition.ts ServerRole); `all` by default. */
function roleOf(args: string[]): ServerRole {
  if (args.length === 0) return 'all';
  const value = args[0] === '--role' ? args[1] : args[0]?.startsWith('--role=') ? args[0].slice('--role='.length) : undefined;
  const rest = args[0] === '--role' ? args.slice(2) : args.slice(1);
  if (value === undefined || !roles.includes(value as ServerRole)) {
    throw new UsageError(`--role 应为 web、worker 或 all / --role must be web, worker or all (got ${JSON.stringify(args.join(' '))})`);
  }
  expectNoArguments(rest);
  return value as ServerRole;
}

async function runStartupTasks(app: FastifyInstance, tasks: StartupTask[]): Promise<string[]> {
  const notes: string[] = [];
  for (const task of tasks) {
    if (task.when && !task.when(app.services.config)) continue;
    say(task.title.zh, task.title.en);
    const lines = await task.run({ app, services: app.services, config: app.services.config });
    if (lines) notes.push(...lines);
  }
  return notes;
}

/**
 * Resolves with the exit code once a signal has closed the app: 0 when open requests finished within the grace
 * period, 1 when they did not (the caller then exits anyway). A second signal exits at once.
 */
export function waitForShutdown(app: FastifyInstance, graceSeconds: number): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) {
        say(`再次收到 ${signal}，立即退出`, `${signal} again, exiting now`);
        process.exit(1);
      }
      stopping = true;
      say(`收到 ${signal}，正在停止（最多 ${graceSeconds} 秒）`, `${signal} received, closing (at most ${graceSeconds} s)`);
      const deadline = setTimeout(() => {
        console.error(`${graceSeconds} 秒内未能停止，强制退出 / not closed within ${graceSeconds} s, exiting anyway`);
        resolve(1);
      }, graceSeconds * 1000);
      app.close().then(
        () => {
          clearTimeout(deadline);
          say('已停止', 'stopped');
          resolve(0);
        },
        (error: unknown) => {
          clearTimeout(deadline);
          console.error('停止时出错 / error while closing:', error);
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}
