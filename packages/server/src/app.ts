/**
 * buildApp(config) assembles the fastify server without listening, so tests call `app.inject()` and the CLI calls
 * `listen()`. It opens (or is given) the database and applies migrations before serving.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import mercurius from 'mercurius';
import { NoSchemaIntrospectionCustomRule, GraphQLError } from 'graphql';
import type { Config } from './config.ts';
import { systemClock, type Clock } from './clock.ts';
import { openDatabase, type DatabaseHandle } from './db/client.ts';
import { AppError, isAppError } from './errors.ts';
import { appModules } from './modules.ts';
import { createServices, type Services } from './services.ts';
import type { AppModule, RequestContext } from './graphql/module.ts';
import type { SessionUser } from './auth/session-user.ts';
import { loggerOptions } from './logging.ts';

export interface BuildOptions {
  /** An already open database (tests); otherwise one is opened from the config. */
  database?: DatabaseHandle;
  clock?: Clock;
  modules?: AppModule[];
  /** Skip migrations when the caller already applied them. */
  skipMigrations?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

const baseTypeDefs = /* GraphQL */ `
  type Query { _empty: Boolean }
  type Mutation { _empty: Boolean }
`;

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config),
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: true,
  });
  const ownsDatabase = !options.database;
  const database = options.database ?? (await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }));
  if (!options.skipMigrations) await database.migrate();

  const services = createServices({ config, db: database.db, database, clock: options.clock ?? systemClock, logger: app.log });
  app.decorate('services', services);
  if (ownsDatabase) app.addHook('onClose', async () => database.close());

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 10 } });

  app.setErrorHandler((error, request, reply) => {
    if (isAppError(error)) return reply.status(error.status).send({ error: error.toJSON() });
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.status(status).send({ error: new AppError('SB_ERR_BAD_REQUEST', { detail: (error as Error).message }).toJSON() });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: new AppError('SB_ERR_INTERNAL').toJSON() });
  });

  const modules = options.modules ?? appModules;
  await app.register(mercurius, {
    schema: [baseTypeDefs, ...modules.flatMap((m) => (m.typeDefs ? [m.typeDefs] : []))].join('\n'),
    resolvers: mergeResolvers(modules) as never,
    context: async (request, reply): Promise<RequestContext> => ({
      services,
      request,
      reply,
      user: await request.sessionUser?.(),
    }),
    graphiql: config.env === 'development',
    allowBatchedQueries: false,
    queryDepth: config.graphqlMaxDepth,
    validationRules: config.env === 'development' ? [] : [NoSchemaIntrospectionCustomRule],
    errorFormatter: (execution, context) => {
      const formatted = mercurius.defaultErrorFormatter(execution, context);
      const errors = (execution.errors ?? []).map((error) => formatGraphqlError(error, context.reply.log));
      const first = (execution.errors ?? [])[0]?.originalError;
      const statusCode = isAppError(first) ? first.status : formatted.statusCode;
      return { statusCode: execution.data ? 200 : statusCode, response: { ...formatted.response, errors } };
    },
  });

  for (const module of modules) await module.routes?.(app, services);
  return app;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth module: the signed-in user of this request, if any (cached per request). */
    sessionUser?: () => Promise<SessionUser | undefined>;
  }
}

/** GraphQL errors carry the registry's code and both messages in `extensions`; internals never leak. */
function formatGraphqlError(error: GraphQLError, log: { error: (obj: object, msg: string) => void }): GraphQLError {
  const original = error.originalError;
  if (isAppError(original)) {
    return new GraphQLError(original.zh, { nodes: error.nodes, path: error.path, extensions: { ...original.toJSON() } });
  }
  if (!original || original instanceof GraphQLError) {
    // Parse/validation errors from graphql-js itself: the query is wrong, the message is safe to show.
    const bad = new AppError('SB_ERR_BAD_REQUEST', { detail: error.message });
    return new GraphQLError(bad.zh, { nodes: error.nodes, path: error.path, extensions: { ...bad.toJSON() } });
  }
  log.error({ err: original }, 'resolver failed');
  const internal = new AppError('SB_ERR_INTERNAL');
  return new GraphQLError(internal.zh, { path: error.path, extensions: { ...internal.toJSON() } });
}

function mergeResolvers(modules: AppModule[]): Record<string, Record<string, unknown>> {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const module of modules) {
    for (const [typeName, fields] of Object.entries(module.resolvers ?? {})) {
      merged[typeName] ??= {};
      for (const [field, resolver] of Object.entries(fields)) {
        if (field in merged[typeName]!) throw new Error(`resolver ${typeName}.${field} is defined twice (module ${module.name})`);
        merged[typeName]![field] = resolver;
      }
    }
  }
  return merged;
}
