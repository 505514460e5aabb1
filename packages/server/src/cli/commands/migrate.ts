import { sql } from 'drizzle-orm';
import { loadConfig, redact } from '../../config.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { expectNoArguments, say, type CliCommand } from '../command.ts';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: '执行尚未执行的数据库迁移 / apply the database migrations that have not run yet',
  usage: [
    'Uses DATABASE_URL when set, otherwise the embedded database under DATA_DIR.',
    'The embedded database allows one process at a time: stop `serve` first (serve migrates on start anyway).',
  ].join('\n'),
  async run(args) {
    expectNoArguments(args);
    const config = loadConfig();
    const { openConfiguredDatabase } = await import('../../db/open-configured.ts');
    const where = config.databaseUrl ? redact(config.databaseUrl) : `${config.dataDir} (PGlite)`;
    const database = await openConfiguredDatabase(config, { maxConnections: 1 });
    try {
      const before = await appliedMigrationCount(database);
      await database.migrate();
      const ran = (await appliedMigrationCount(database)) - before;
      say(`${where}：执行了 ${ran} 个迁移`, `${where}: ${ran} migration${ran === 1 ? '' : 's'} applied`);
    } finally {
      await database.close();
    }
  },
};

/** drizzle records each applied migration as one row in drizzle.__drizzle_migrations (absent before the first run). */
export async function appliedMigrationCount(database: DatabaseHandle): Promise<number> {
  const result = await database.db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  const present = (rowsOf(result)[0] as { present?: boolean } | undefined)?.present;
  if (!present) return 0;
  const counted = await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return Number((rowsOf(counted)[0] as { n?: number } | undefined)?.n ?? 0);
}

/** PGlite answers `{ rows }`, postgres.js an array of rows. */
function rowsOf(result: unknown): unknown[] {
  return Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? []);
}
