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
import { createPlatform, type Platform, type PlatformOptions } from './composition.ts';
import type { AppModule, RequestContext } from './graphql/module.ts';
import { loggerOptions, type LogStream } from './logging.ts';

export interface BuildOptions extends PlatformOptions {
  /** An already open database (tests); otherwise one is opened from the config. */
  database?: DatabaseHandle;
  clock?: Clock;
  /** The API modules to serve (tests pick a few, or add one); the platform's own by default. */
  modules?: (platform: Platform) => AppModule[];
  /** Skip migrations when the caller already applied them. */
  skipMigrations?: boolean;
  /** Where log lines go instead of stdout (tests capture them to prove secrets stay out). */
  logStream?: LogStream;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The composed platform (composition.ts): for the CLI's start-up tasks and for tests. Areas never read it. */
    services: Platform;
  }
}

const baseTypeDefs = /* GraphQL */ `
  type Query { _empty: Boolean }
  type Mutation { _empty: Boolean }
`;

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config, options.logStream),
    bodyLimit: 2 * 1024 * 1024,
    // Only behind a proxy that sets X-Forwarded-For; otherwise any client could choose the IP the audit log records.
    trustProxy: config.trustProxy,
  });
  const ownsDatabase = !options.database;
  const database = options.database ?? (await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }));
  if (!options.skipMigrations) await database.migrate();

  const platform = createPlatform(
    { config, db: database.db, database, clock: options.clock ?? systemClock, logger: app.log },
    { smsSender: options.smsSender, workflowHooks: options.workflowHooks },
  );
  app.decorate('services', platform);
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

  const modules = options.modules?.(platform) ?? platform.modules;
  await app.register(mercurius, {
    schema: [baseTypeDefs, ...modules.flatMap((m) => (m.typeDefs ? [m.typeDefs] : []))].join('\n'),
    resolvers: mergeResolvers(modules) as never,
    context: async (request, reply): Promise<RequestContext> => ({
      request,
      reply,
      user: await request.sessionUser?.(),
    }),
    graphiql: config.env === 'development',
    allowBatchedQueries: false,
    queryDepth: config.graphqlMaxDepth,
    validationRules: config.env === 'development' ? [] : [NoSchemaIntrospectionCustomRule],
    errorFormatter: (execution, context) => formatExecutionErrors(execution, context.reply.log),
  });

  for (const module of modules) await module.routes?.(app);
  return app;
}

type ErrorLog = { error: (obj: object, msg: string) => void };
type Execution = { data?: Record<string, unknown> | null; errors?: readonly GraphQLError[] };

/**
 * Every GraphQL error leaves the server in one shape: `extensions { code, status, message { zh, en }, details }`.
 * Request errors (syntax, validation, depth limit, a batch) become SB_ERR_BAD_REQUEST with status 400; resolver
 * errors keep their AppError; anything else is logged here and shown only as SB_ERR_INTERNAL, so internals never leak.
 */
export function formatExecutionErrors(execution: Execution, log: ErrorLog): { statusCode: number; response: { data: Record<string, unknown> | null; errors: GraphQLError[] } } {
  const errors: GraphQLError[] = [];
  let requestError = false;
  for (const error of execution.errors ?? []) {
    const inner = requestErrorsOf(error.originalError);
    if (inner) {
      requestError = true;
      for (const message of inner) errors.push(toGraphqlError(new AppError('SB_ERR_BAD_REQUEST', { detail: message }), error));
    } else {
      errors.push(formatGraphqlError(error, log));
    }
  }
  const data = execution.data ?? null;
  const firstStatus = errors[0]?.extensions?.status;
  const statusCode = requestError ? 400 : data !== null ? 200 : typeof firstStatus === 'number' ? firstStatus : 200;
  return { statusCode, response: { data, errors } };
}

/**
 * mercurius wraps request-level problems (syntax, validation, depth limit, a batched body) in one MER_ERR_GQL_*
 * error holding the individual errors; their messages describe the query, never the server, so they are safe.
 */
function requestErrorsOf(original: Error | undefined): string[] | undefined {
  const code = (original as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !code.startsWith('MER_ERR_GQL_')) return undefined;
  const inner = (original as { errors?: unknown }).errors;
  const messages = Array.isArray(inner) ? inner.map((e) => String((e as Error).message)) : [original!.message];
  return messages.map((message) => (message === 'body must be object' ? 'batched queries are not accepted; send one query per request' : message));
}

function toGraphqlError(appError: AppError, source: GraphQLError): GraphQLError {
  return new GraphQLError(appError.zh, { nodes: source.nodes, path: source.path, extensions: { ...appError.toJSON() } });
}

function formatGraphqlError(error: GraphQLError, log: ErrorLog): GraphQLError {
  const original = error.originalError;
  if (isAppError(original)) return toGraphqlError(original, error);
  if (!original || original instanceof GraphQLError) {
    // Errors raised by graphql-js itself while executing (e.g. a bad variable value): about the query, safe to show.
    return toGraphqlError(new AppError('SB_ERR_BAD_REQUEST', { detail: error.message }), error);
  }
  log.error({ err: original, path: error.path }, 'resolver failed');
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
