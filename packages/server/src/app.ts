/**
 * buildApp(config) assembles the fastify server without listening, so tests call `app.inject()` and the CLI calls
 * `listen()`. It opens (or is given) the database and applies migrations before serving.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import mercurius from 'mercurius';
import { GraphQLError } from 'graphql';
import type { Config } from './config.ts';
import { systemClock, type Clock } from './clock.ts';
import { openDatabase, type DatabaseHandle } from './db/client.ts';
import { AppError, isAppError } from './errors.ts';
import { createPlatform, type Platform, type PlatformOptions } from './composition.ts';
import type { AppModule, RequestContext } from './graphql/module.ts';
import { loggerOptions, type LogStream } from './logging.ts';
import { graphqlLimitsOf, graphqlParseAndValidateOptions, graphqlValidationRules } from './http/graphql-limits.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { graphqlTarget, isRefusal, refusalEntry } from './access/refusals.ts';
import { requestErrorToAppErrors, transportErrorToAppError, withoutSuggestions } from './http/client-errors.ts';
import { isDatabaseUnavailable } from './db/availability.ts';

export interface BuildOptions extends PlatformOptions {
  /** An already open database (tests); otherwise one is opened from the config. */
  database?: DatabaseHandle;
  clock?: Clock;
  /** The API modules to serve (tests pick a few, or add one); the platform's own by default. */
  modules?: (platform: Platform) => AppModule[];
  /** Close the database with the app (default: only when the app opened it). `serve` opens it first, then hands it over. */
  closeDatabase?: boolean;
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

/** The largest request body read (JSON); uploads have their own limit (UPLOAD_MAX_BYTES). */
export const bodyLimitBytes = 2 * 1024 * 1024;

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config, options.logStream),
    bodyLimit: bodyLimitBytes,
    // Only behind a proxy that sets X-Forwarded-For; otherwise any client could choose the IP the audit log records.
    trustProxy: config.trustProxy,
  });
  const ownsDatabase = options.closeDatabase ?? !options.database;
  const database = options.database ?? (await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }));
  if (!options.skipMigrations) await database.migrate();

  const platform = createPlatform(
    { config, db: database.db, database, clock: options.clock ?? systemClock, logger: app.log },
    { smsSender: options.smsSender, workflowHooks: options.workflowHooks, role: options.role },
  );
  app.decorate('services', platform);
  if (ownsDatabase) app.addHook('onClose', async () => database.close());

  await registerSecurityHeaders(app, { https: config.cookieSecure });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 10 } });

  /** A refusal is still answered when its audit row cannot be written because the database went away: logged instead. */
  const recordRefusal = async (entry: ReturnType<typeof refusalEntry>, log: { warn: (obj: object, msg: string) => void }): Promise<void> => {
    try {
      await platform.audit.record(entry);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      log.warn({ refusal: entry }, 'refusal not audited: the database is unavailable');
    }
  };

  app.setErrorHandler(async (error, request, reply) => {
    if (isRefusal(error)) {
      const user = await request.sessionUser?.().catch(() => undefined);
      const params = (request.params ?? {}) as Record<string, unknown>;
      const target = { type: `route ${request.routeOptions.url ?? request.url.split('?')[0]}`, id: typeof params.id === 'string' ? params.id.slice(0, 100) : null };
      await recordRefusal(refusalEntry(error, request, user?.id ?? null, target), request.log);
    }
    if (isAppError(error)) return sendError(request, reply, error);
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return sendError(request, reply, new AppError('SB_ERR_DATABASE_UNAVAILABLE'));
    }
    const clientError = transportErrorToAppError(error, bodyLimitBytes);
    if (clientError) return sendError(request, reply, clientError);
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, new AppError('SB_ERR_INTERNAL'));
  });

  const modules = options.modules?.(platform) ?? platform.modules;
  const limits = graphqlLimitsOf(config);
  const errorOptions = { hideSuggestions: config.env === 'production', bodyLimitBytes };
  // A worker process (serve --role worker) answers /healthz only: no API.
  if (options.role !== 'worker') {
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
      queryDepth: limits.maxDepth,
      validationRules: graphqlValidationRules(limits, config.env),
      graphql: graphqlParseAndValidateOptions(limits, config.env),
      errorFormatter: (execution, context) => formatExecutionErrors(execution, context.reply.log, errorOptions),
    });

    // Every refusal an executed operation met, one audit row each (access/refusals.ts); awaited before the answer goes.
    app.graphql.addHook('onResolution', async (execution, context) => {
      for (const error of execution.errors ?? []) {
        const original = error.originalError;
        if (!isRefusal(original)) continue;
        const request = (context as unknown as RequestContext).request;
        const target = graphqlTarget(request.body, error.path);
        const id = target ? Object.values(target.args).find((v): v is string => typeof v === 'string') ?? null : null;
        await recordRefusal(refusalEntry(original, request, (context as unknown as RequestContext).user?.id ?? null, {
          type: `graphql ${target?.field ?? String(error.path?.[0] ?? '?')}`, id, details: target ? { args: target.args } : {},
        }), request.log);
      }
    });
  }

  for (const module of modules) await module.routes?.(app);
  return app;
}

/**
 * An error that ends a request before or outside GraphQL execution (e.g. the session lookup in the GraphQL context
 * when the database is away): on /graphql in the GraphQL shape, so the web client reads its code and wording as it
 * reads any other; elsewhere as the REST body `{ error }`.
 */
function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const path = request.url.split('?')[0];
  if (path === '/graphql') return reply.status(error.status).send({ data: null, errors: [{ message: error.zh, extensions: error.toJSON() }] });
  return reply.status(error.status).send({ error: error.toJSON() });
}

type ErrorLog = { error: (obj: object, msg: string) => void };
type Execution = { data?: Record<string, unknown> | null; errors?: readonly GraphQLError[] };

/**
 * Every GraphQL error leaves the server in one shape: `extensions { code, status, message { zh, en }, details }`.
 * Request errors (syntax, validation, the limits, a batch, a wrong method or body) get their own 4xx code
 * (http/client-errors.ts); resolver errors keep their AppError; anything else is logged here and shown only as
 * SB_ERR_INTERNAL, so internals never leak.
 */
export function formatExecutionErrors(
  execution: Execution,
  log: ErrorLog,
  options: { hideSuggestions: boolean; bodyLimitBytes: number } = { hideSuggestions: false, bodyLimitBytes },
): { statusCode: number; response: { data: Record<string, unknown> | null; errors: GraphQLError[] } } {
  const errors: GraphQLError[] = [];
  let requestStatus: number | undefined;
  for (const error of execution.errors ?? []) {
    const inner = requestErrorToAppErrors(error.originalError, options.hideSuggestions) ?? optional(transportErrorToAppError(error.originalError, options.bodyLimitBytes));
    if (inner) {
      for (const appError of inner) {
        requestStatus ??= appError.status;
        errors.push(toGraphqlError(appError, error));
      }
    } else {
      errors.push(formatGraphqlError(error, log, options.hideSuggestions));
    }
  }
  const data = execution.data ?? null;
  const firstStatus = errors[0]?.extensions?.status;
  const statusCode = requestStatus ?? (data !== null ? 200 : typeof firstStatus === 'number' ? firstStatus : 200);
  return { statusCode, response: { data, errors } };
}

function optional<T>(value: T | undefined): T[] | undefined {
  return value === undefined ? undefined : [value];
}

function toGraphqlError(appError: AppError, source: GraphQLError): GraphQLError {
  // originalError stays attached (it is not serialised) so the onResolution hook can audit refusals.
  return new GraphQLError(appError.zh, { nodes: source.nodes, path: source.path, originalError: appError, extensions: { ...appError.toJSON() } });
}

function formatGraphqlError(error: GraphQLError, log: ErrorLog, hideSuggestions: boolean): GraphQLError {
  const original = error.originalError;
  if (isAppError(original)) return toGraphqlError(original, error);
  if (!original || original instanceof GraphQLError) {
    // Errors raised by graphql-js itself while executing (e.g. a bad variable value): about the query, safe to show.
    return toGraphqlError(new AppError('SB_ERR_BAD_REQUEST', { detail: hideSuggestions ? withoutSuggestions(error.message) : error.message }), error);
  }
  if (isDatabaseUnavailable(original)) {
    log.error({ err: original, path: error.path }, 'database unavailable');
    return toGraphqlError(new AppError('SB_ERR_DATABASE_UNAVAILABLE'), error);
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
