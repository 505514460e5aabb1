import { sql } from 'drizzle-orm';
import type { AppModule } from '../graphql/module.ts';

export const healthModule: AppModule = {
  name: 'health',
  typeDefs: /* GraphQL */ `
    extend type Query {
      "服务器时间（以服务器时钟为准）/ Server time: deadlines are decided by it"
      serverTime: String!
    }
  `,
  resolvers: {
    Query: {
      serverTime: (_parent, _args, context) => context.services.clock.now().toISOString(),
    },
  },
  routes(app, services) {
    app.get('/healthz', async () => {
      await services.db.execute(sql`select 1`);
      return { status: 'ok', database: services.database.kind, time: services.clock.now().toISOString() };
    });
  },
};
