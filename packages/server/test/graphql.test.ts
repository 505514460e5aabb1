/**
 * GraphQL hardening, independent of any API area: depth limit, no batching, introspection and GraphiQL only in
 * development, and one error shape (code + zh + en) with no internals leaking. Uses a small probe module so the
 * checks do not depend on what other modules happen to expose.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { AppError, errorRegistry } from '../src/errors.ts';
import type { AppModule } from '../src/graphql/module.ts';
import { createHealthModule } from '../src/health/health.module.ts';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';

const secret = 'connect ECONNREFUSED 10.1.2.3:5432 user=shenbao_admin';
let nodeResolutions = 0;

const probeModule: AppModule = {
  name: 'probe',
  typeDefs: /* GraphQL */ `
    type ProbeNode { id: String! child: ProbeNode }
    extend type Query {
      probeNode: ProbeNode
      probeForbidden: String
      probeCrash: String
      probeCrashRequired: String!
    }
  `,
  resolvers: {
    Query: {
      probeNode: () => {
        nodeResolutions += 1;
        return { id: 'root' };
      },
      probeForbidden: () => {
        throw new AppError('SB_ERR_FORBIDDEN');
      },
      probeCrash: () => {
        throw new Error(secret);
      },
      probeCrashRequired: () => {
        throw new Error(secret);
      },
    },
    ProbeNode: { child: () => ({ id: 'child' }) },
  },
  routes(app) {
    app.get('/api/probe-crash', async () => {
      throw new Error(secret);
    });
  },
};

const introspection = '{ __schema { queryType { name } } }';

describe('GraphQL hardening', () => {
  let database: TestDatabase;
  const apps: Record<'development' | 'production', FastifyInstance | undefined> = { development: undefined, production: undefined };

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    for (const env of ['development', 'production'] as const) {
      apps[env] = await buildApp(loadConfig({ NODE_ENV: env, LOG_LEVEL: 'silent', GRAPHQL_MAX_DEPTH: '4' }), {
        database,
        skipMigrations: true,
        modules: (platform) => [createHealthModule({ db: platform.db, databaseKind: platform.database.kind, clock: platform.clock }), probeModule],
      });
    }
  });
  afterAll(async () => {
    for (const app of Object.values(apps)) await app?.close();
    await database.drop();
  });

  const post = (env: 'development' | 'production', payload: unknown) =>
    apps[env]!.inject({ method: 'POST', url: '/graphql', payload: payload as object });

  it('answers a query within the depth limit', async () => {
    const response = await post('production', { query: '{ probeNode { child { child { id } } } }' });
    expect(response.statusCode).toBe(200);
    expect(response.json().data.probeNode.child.child.id).toBe('child');
  });

  it('refuses a query deeper than GRAPHQL_MAX_DEPTH with SB_ERR_GRAPHQL_TOO_DEEP, before running any resolver', async () => {
    const before = nodeResolutions;
    const response = await post('production', { query: '{ probeNode { child { child { child { child { child { id } } } } } } }' });
    expect(response.statusCode).toBe(400);
    const [error] = response.json().errors;
    expect(error.extensions.code).toBe('SB_ERR_GRAPHQL_TOO_DEEP');
    expect(error.extensions.message.en).toMatch(/nested too deeply/);
    expect(nodeResolutions).toBe(before);
  });

  it('refuses a batch of queries', async () => {
    const before = nodeResolutions;
    const response = await post('production', [{ query: '{ probeNode { id } }' }, { query: '{ probeNode { id } }' }]);
    expect(response.statusCode).toBe(400);
    const [error] = response.json().errors;
    expect(error.extensions.code).toBe('SB_ERR_BAD_REQUEST');
    expect(error.extensions.message.en).toMatch(/batch/);
    expect(nodeResolutions).toBe(before);
  });

  it('refuses introspection in production and allows it in development', async () => {
    const refused = await post('production', { query: introspection });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].extensions.code).toBe('SB_ERR_BAD_REQUEST');
    expect(refused.json().data).toBeNull();

    const allowed = await post('development', { query: introspection });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json().data.__schema.queryType.name).toBe('Query');
  });

  it('serves GraphiQL only in development', async () => {
    expect((await apps.development!.inject({ method: 'GET', url: '/graphiql' })).statusCode).toBe(200);
    expect((await apps.production!.inject({ method: 'GET', url: '/graphiql' })).statusCode).toBe(404);
  });

  it('reports a malformed query as SB_ERR_BAD_REQUEST in both languages', async () => {
    const response = await post('production', { query: '{ probeNode { ' });
    expect(response.statusCode).toBe(400);
    const [error] = response.json().errors;
    expect(error.extensions).toMatchObject({ code: 'SB_ERR_BAD_REQUEST', status: 400 });
    expect(error.extensions.message.zh).toMatch(/^请求格式不正确/);
    expect(error.extensions.message.en).toMatch(/Syntax Error/);
    expect(error.message).toBe(error.extensions.message.zh);
  });

  it('passes an AppError through with its code, status and both messages', async () => {
    const response = await post('production', { query: '{ probeForbidden serverTime }' });
    expect(response.statusCode).toBe(200); // the rest of the query still answered
    const body = response.json();
    expect(Date.parse(body.data.serverTime)).not.toBeNaN();
    expect(body.data.probeForbidden).toBeNull();
    expect(body.errors[0].path).toEqual(['probeForbidden']);
    expect(body.errors[0].extensions).toEqual({
      code: 'SB_ERR_FORBIDDEN',
      status: 403,
      message: { zh: errorRegistry.SB_ERR_FORBIDDEN.zh, en: errorRegistry.SB_ERR_FORBIDDEN.en },
    });
  });

  it('shows an unexpected resolver error only as SB_ERR_INTERNAL, never its message', async () => {
    for (const query of ['{ probeCrash }', '{ probeCrashRequired }']) {
      const response = await post('production', { query });
      expect(response.body).not.toContain('ECONNREFUSED');
      expect(response.body).not.toContain('shenbao_admin');
      expect(response.body).not.toMatch(/\.ts:\d+/);
      const [error] = response.json().errors;
      expect(error.message).toBe(errorRegistry.SB_ERR_INTERNAL.zh);
      expect(error.extensions).toEqual({ code: 'SB_ERR_INTERNAL', status: 500, message: { zh: errorRegistry.SB_ERR_INTERNAL.zh, en: errorRegistry.SB_ERR_INTERNAL.en } });
    }
  });

  it('shows an unexpected REST error only as SB_ERR_INTERNAL too', async () => {
    const response = await apps.production!.inject({ method: 'GET', url: '/api/probe-crash' });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('ECONNREFUSED');
    expect(response.json()).toEqual({ error: { code: 'SB_ERR_INTERNAL', status: 500, message: { zh: errorRegistry.SB_ERR_INTERNAL.zh, en: errorRegistry.SB_ERR_INTERNAL.en } } });
  });
});
