import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { Clock } from './clock.ts';
import type { Database, DatabaseHandle } from './db/client.ts';

/**
 * Everything a resolver or route may use, built once per app. Each area adds its service here so that tests can
 * build the same graph with a fake clock or an in-memory database.
 */
export interface Services {
  config: Config;
  db: Database;
  database: DatabaseHandle;
  clock: Clock;
  logger: FastifyBaseLogger;
}

export function createServices(base: Services): Services {
  return base;
}
