/**
 * One database code path for both drivers: the embedded PGlite (default, under DATA_DIR) and a PostgreSQL server
 * through postgres.js (DATABASE_URL). Everything above this file sees the same drizzle `Database` type.
 */
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { sql as drizzleSql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import postgres from 'postgres';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import * as schema from './schema/index.ts';
import { lockDataDir } from './data-dir-lock.ts';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle has the same query API as the database. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
export type DbOrTx = Database | Transaction;

export const migrationsFolder = fileURLToPath(new URL('../../../../migrations', import.meta.url));

/** The advisory lock key of start-up work ("sb" and 1). */
const startupLockKey = 0x73620001;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Applies every migration in migrations/ that has not run yet. */
  migrate(): Promise<void>;
  /**
   * Runs start-up work that must happen once however many processes start together (migrations, publishing the
   * programme folders, the demo seed): under a PostgreSQL advisory lock, so a second process waits and then finds
   * the work done. PGlite serves one process only: no lock needed.
   */
  withStartupLock<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… for a server; otherwise the embedded database. */
  url?: string | undefined;
  /** Directory of the embedded database; undefined = in memory (tests). */
  dataDir?: string | undefined;
  /** postgres.js pool size. */
  maxConnections?: number;
  /** Seconds to wait for a PostgreSQL connection before the query fails as unavailable (default 5). */
  connectTimeoutSeconds?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    // connect_timeout: a request meets SB_ERR_DATABASE_UNAVAILABLE within seconds when PostgreSQL is away, instead of
    // hanging for postgres.js's default 30 s; the pool reconnects by itself once the server is back.
    const sql = postgres(options.url, { max: options.maxConnections ?? 10, onnotice: () => {}, connect_timeout: options.connectTimeoutSeconds ?? 5 });
    const db = drizzlePostgres(sql, { schema }) as unknown as Database;
    return {
      db,
      kind: 'postgres',
      migrate: () => migratePostgres(db as never, { migrationsFolder }),
      // A transaction-scoped lock on one pooled connection; the work itself uses the other connections.
      withStartupLock: (work) => db.transaction(async (tx) => {
        await tx.execute(drizzleSql`select pg_advisory_xact_lock(${startupLockKey})`);
        return work();
      }),
      close: () => sql.end({ timeout: 5 }),
    };
  }
  let dataPath: string | undefined;
  if (options.dataDir) {
    dataPath = path.join(options.dataDir, 'pglite');
    mkdirSync(dataPath, { recursive: true });
  }
  const release = dataPath ? lockDataDir(`${dataPath}.lock`) : () => {};
  let client: PGlite;
  try {
    client = dataPath ? new PGlite(dataPath) : new PGlite();
    await client.waitReady;
  } catch (error) {
    release();
    throw error;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    withStartupLock: (work) => work(),
    close: async () => {
      await client.close();
      release();
    },
  };
}
