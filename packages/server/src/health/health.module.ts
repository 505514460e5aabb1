import { sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Database, DatabaseHandle } from '../db/client.ts';
import type { AppModule } from '../graphql/module.ts';

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
      app.get('/healthz', async () => {
        await db.execute(sql`select 1`);
        return { status: 'ok', database: databaseKind, time: clock.now().toISOString() };
      });
    },
  };
}
