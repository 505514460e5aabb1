import { sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Database, DatabaseHandle } from '../db/client.ts';
import type { AppModule } from '../graphql/module.ts';
import { isDatabaseUnavailable } from '../db/availability.ts';
import { AppError } from '../errors.ts';

export interface HealthModuleDeps {
  db: Database;
  databaseKind: DatabaseHandle['kind'];
  clock: Clock;
}

export function createHealthModule({ db, databaseKind, clock }: HealthModuleDeps): AppModule {
  return {
    name: 'health',
    typeDefs: /* GraphQL */ `
      extend type Query {
        "服务器时间（以服务器时钟为准）/ Server time: deadlines are decided by it"
        serverTime: String!
      }
    `,
    resolvers: {
      Query: {
        serverTime: () => clock.now().toISOString(),
      },
    },
    routes(app) {
      // For load balancers and operators: 503 while the database cannot be reached, so traffic goes elsewhere.
      app.get('/healthz', async (_request, reply) => {
        const time = clock.now().toISOString();
        try {
          await db.execute(sql`select 1`);
          return { status: 'ok', database: databaseKind, databaseState: 'up', time };
        } catch (error) {
          if (!isDatabaseUnavailable(error)) throw error;
          return reply.status(503).send({ status: 'unavailable', database: databaseKind, databaseState: 'down', time, error: new AppError('SB_ERR_DATABASE_UNAVAILABLE').toJSON() });
        }
      });
    },
  };
}
