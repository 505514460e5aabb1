/**
 * Opening the configured database at start (serve, migrate): a database that cannot be opened is ONE bilingual line
 * naming the variable to fix (DATABASE_URL or DATA_DIR) and the reason, not a driver stack trace. postgres.js
 * connects lazily, so the first query is made here, bounded by the connect timeout.
 */
import { sql } from 'drizzle-orm';
import { redact } from '../config.ts';
import { openDatabase, type DatabaseHandle, type DatabaseOptions } from './client.ts';
import { DataDirLockedError } from './data-dir-lock.ts';
import { DatabaseStartError } from './database-start-error.ts';

interface Reason { zh: string; en: string }

/** The driver's error in words an operator acts on; the code decides (its message may be in the server's locale). */
function reasonOf(error: unknown): Reason {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const { code, message } = current as { code?: string; message?: string };
    switch (code) {
      case 'ECONNREFUSED': return { zh: '连接被拒绝（服务器未运行或端口不对）', en: 'connection refused (server not running or wrong port)' };
      case 'ENOTFOUND': case 'EAI_AGAIN': return { zh: '主机名无法解析', en: 'host name not found' };
      case 'CONNECT_TIMEOUT': case 'ETIMEDOUT': return { zh: '连接超时', en: 'connection timed out' };
      case '28P01': case '28000': return { zh: '用户名或密码不正确', en: 'user name or password rejected' };
      case '3D000': return { zh: '数据库不存在', en: 'the database does not exist' };
      case '57P03': return { zh: '数据库正在启动，尚不接受连接', en: 'the server is starting and not yet accepting connections' };
      case 'EACCES': return { zh: '没有读写权限', en: 'permission denied' };
      default:
        if (!(current as { cause?: unknown }).cause && message) return { zh: message, en: message };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return { zh: String(error), en: String(error) };
}

export async function openConfiguredDatabase(
  config: { databaseUrl: string | undefined; dataDir: string },
  options: Pick<DatabaseOptions, 'maxConnections' | 'connectTimeoutSeconds'> = {},
): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const shown = redact(config.databaseUrl);
    const database = await openDatabase({ url: config.databaseUrl, ...options });
    try {
      await database.db.execute(sql`select 1`);
      return database;
    } catch (error) {
      await database.close().catch(() => {});
      const reason = reasonOf(error);
      throw new DatabaseStartError(`无法连接数据库 DATABASE_URL=${shown}：${reason.zh} / cannot connect to the database DATABASE_URL=${shown}: ${reason.en}`);
    }
  }
  try {
    return await openDatabase({ dataDir: config.dataDir, ...options });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      throw new DatabaseStartError(
        `数据目录 DATA_DIR=${config.dataDir} 正被另一个进程（pid ${error.ownerPid}）使用：内置数据库只允许一个进程；请先停止它，或为多个进程配置 DATABASE_URL`
        + ` / the data directory DATA_DIR=${config.dataDir} is in use by another process (pid ${error.ownerPid}): the embedded database allows one process; stop it first, or set DATABASE_URL for several processes`,
      );
    }
    const reason = reasonOf(error);
    throw new DatabaseStartError(`无法打开内置数据库 DATA_DIR=${config.dataDir}：${reason.zh} / cannot open the embedded database DATA_DIR=${config.dataDir}: ${reason.en}`);
  }
}
