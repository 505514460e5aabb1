/**
 * Issue 17, GraphQL rows: the shape limits refuse abusive documents before any resolver runs, each with its own
 * code; production hides "Did you mean …?" hints; an anonymous caller gets a programme's title and windows, not its
 * schemas and flow; and client mistakes (wrong method, wrong body, broken JSON, a body over the limit, a negative
 * page offset) are answered with their 4xx, never SB_ERR_INTERNAL with a stack trace in the error log.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { FakeClock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import { describeEachDatabase, type TestDatabase } from './helpers/database.ts';
import { createApplicant, createReviewer, publishAndOpen } from './helpers/programme-app.ts';
import { organisations } from '../src/db/schema/index.ts';
import { eq } from 'drizzle-orm';
import type { TestClient } from './fixtures/accounts-app.ts';

const programmeId = 'jn-sme-platform-2020';
/** The web app's files that export its GraphQL operations (packages/web/src/…). */
const webOperationModules = ['api/applications.ts', 'api/auth.ts', 'api/organisations.ts', 'api/prints.ts', 'api/programmes.ts', 'api/reviewing.ts', 'api/sections.ts', 'api/workspace.ts', 'api/server-time.ts', 'admin/admin-api.ts'];

interface Harness {
  app: FastifyInstance;
  logLines: string[];
  resolverCalls: () => number;
  close(): Promise<void>;
}

/** An app with the given environment whose log lines are kept, and a counter of programme reads by resolvers. */
async function startApp(database: TestDatabase, env: Record<string, string>): Promise<Harness> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-sec-gql-'));
  const logLines: string[] = [];
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', DATA_DIR: dataDir, ...env });
  const app = await buildApp(config, { database, skipMigrations: true, clock: new FakeClock('2026-03-02T01:00:00Z'), logStream: { write: (line) => logLines.push(line) } });
  let calls = 0;
  const programmes = app.services.programmes;
  for (const method of ['get', 'list', 'runtime'] as const) {
    const original = programmes[method].bind(programmes) as (...args: unknown[]) => unknown;
    (programmes as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      calls += 1;
      return original(...args);
    };
  }
  return {
    app, logLines, resolverCalls: () => calls,
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function aliasQuery(count: number): string {
  const fields = Array.from({ length: count }, (_, i) => `p${i}: programme(id: "${programmeId}") { flowXml sections { schema ui } taskForms { schema } }`);
  return `{ ${fields.join(' ')} }`;
}

async function post(app: FastifyInstance, query: string, headers: Record<string, string> = {}) {
  const response = await app.inject({ method: 'POST', url: '/graphql', headers, payload: { query } });
  const body = response.json() as { data: unknown; errors?: Array<{ message: string; extensions: { code: string; status: number; details?: unknown } }> };
  return { status: response.statusCode, body, codes: (body.errors ?? []).map((e) => e.extensions.code) };
}

const errorLevelLines = (lines: string[]) => lines.map((l) => JSON.parse(l) as { level: number; msg?: string; err?: { stack?: string } }).filter((l) => l.level >= 50);

describeEachDatabase('GraphQL limits with the default configuration', (db) => {
  let h: Harness;
  let applicant: TestClient;
  let reviewer: TestClient;
  beforeAll(async () => {
    h = await startApp(db(), { NODE_ENV: 'production' });
    await publishAndOpen(h.app, programmeId);
    applicant = await createApplicant(h.app, '限额测试公司');
    const [unit] = await h.app.services.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.kind, 'reviewer')).limit(1);
    reviewer = await createReviewer(h.app, unit!.id);
  });
  afterAll(async () => h?.close());

  it('refuses the probe: an anonymous 1,000-alias programme query, before any resolver runs', async () => {
    const query = aliasQuery(1000);
    expect(query.length).toBeGreaterThan(90_000);
    const before = h.resolverCalls();
    const result = await post(h.app, query);
    expect(result.status).toBe(400);
    expect(result.body.data).toBeNull();
    // The token limit stops the parser first; the alias rule would refuse it next (see the test below).
    expect(result.codes).toEqual(['SB_ERR_GRAPHQL_TOO_MANY_TOKENS']);
    expect(h.resolverCalls()).toBe(before);
  });

  it('lets every operation the web app sends through the default limits', async () => {
    const modules = await Promise.all(webOperationModules.map((m) => import(/* @vite-ignore */ new URL(`../../web/src/${m}`, import.meta.url).href) as Promise<Record<string, unknown>>));
    const operations = modules.flatMap((m) => Object.values(m)).filter((v): v is string => typeof v === 'string' && /^\s*(query|mutation)\b/.test(v));
    expect(operations.length).toBeGreaterThanOrEqual(25);
    // Its own account: the operations include logout.
    const visitor = await createApplicant(h.app, '网页查询测试公司');
    for (const operation of operations) {
      const result = await post(h.app, operation, visitor.headers());
      expect(result.codes.filter((c) => c.startsWith('SB_ERR_GRAPHQL_')), operation.slice(0, 80)).toEqual([]);
    }
  });

  it('refuses 16 aliases of one cheap field with the alias code and the numbers', async () => {
    const result = await post(h.app, `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: serverTime`).join(' ')} }`);
    expect(result.status).toBe(400);
    expect(result.codes).toEqual(['SB_ERR_GRAPHQL_TOO_MANY_ALIASES']);
    expect(result.body.errors![0]!.extensions.details).toEqual({ limit: 15, found: 16 });
    expect(result.body.errors![0]!.message).toBe('查询使用的别名过多：最多 15 个，实际 16 个');
  });

  it('accepts 15 aliases', async () => {
    const result = await post(h.app, `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: serverTime`).join(' ')} }`);
    expect(result.codes).toEqual([]);
    expect(Object.keys(result.body.data as object)).toHaveLength(15);
  });

  it('refuses a document over the token limit without an alias in it', async () => {
    const result = await post(h.app, `{ ${'serverTime '.repeat(3001)}}`);
    expect(result.codes).toEqual(['SB_ERR_GRAPHQL_TOO_MANY_TOKENS']);
    expect(result.body.errors![0]!.extensions.details).toEqual({ limit: 3000 });
  });

  it('refuses more than 20 directives', async () => {
    const result = await post(h.app, `{ ${Array.from({ length: 21 }, () => 'serverTime @include(if: true)').join(' ')} }`);
    expect(result.codes).toEqual(['SB_ERR_GRAPHQL_TOO_MANY_DIRECTIVES']);
  });

  it('refuses a query whose estimated cost is over the limit (repeated fragment spreads)', async () => {
    const fields = 'id title titleText versionId versionLabel issuer notice timeZone';
    const spreads = Array.from({ length: 400 }, () => '...F').join(' ');
    const before = h.resolverCalls();
    const result = await post(h.app, `{ programmes { ${spreads} } } fragment F on Programme { ${fields} windows { id phase opens closes } }`, applicant.headers());
    expect(result.codes).toEqual(['SB_ERR_GRAPHQL_TOO_COSTLY']);
    expect(h.resolverCalls()).toBe(before);
  });

  it('hides "Did you mean" suggestions in production (5 probes that named hidden operations)', async () => {
    for (const probe of ['{ mee { id } }', '{ programes { id } }', '{ auditEvent { id } }', 'mutation { logot }', 'mutation { publishProgramm }']) {
      const result = await post(h.app, probe);
      expect(result.status, probe).toBe(400);
      expect(result.codes, probe).toEqual(['SB_ERR_BAD_REQUEST']);
      expect(JSON.stringify(result.body), probe).not.toMatch(/Did you mean/);
    }
  });

  it('gives an anonymous caller the programme title and windows, and nothing of its forms or flow', async () => {
    const open = await post(h.app, `{ programme(id: "${programmeId}") { id title issuer timeZone windows { id phase } applyWindow { phase } } }`);
    expect(open.codes).toEqual([]);
    expect((open.body.data as { programme: { id: string } }).programme.id).toBe(programmeId);
    for (const field of ['flowXml', 'sections { schema }', 'taskForms { schema }', 'rules', 'organisations', 'versions { id }']) {
      const result = await post(h.app, `{ programme(id: "${programmeId}") { id ${field} } }`);
      expect(result.codes, field).toEqual(['SB_ERR_UNAUTHENTICATED']);
      expect(result.body.data, field).toEqual({ programme: null });
    }
    const signedIn = await post(h.app, `{ programme(id: "${programmeId}") { flowXml sections { schema } } }`, applicant.headers());
    expect(signedIn.codes).toEqual([]);
    expect((signedIn.body.data as { programme: { flowXml: string } }).programme.flowXml).toContain('bpmn');
  });

  describe('client errors answer 4xx with their own code and leave no error-level log line', () => {
    it('a mutation sent with GET: 405', async () => {
      const response = await h.app.inject({ method: 'GET', url: `/graphql?query=${encodeURIComponent('mutation { logout }')}` });
      expect(response.statusCode).toBe(405);
      expect(response.json().errors[0].extensions.code).toBe('SB_ERR_METHOD_NOT_ALLOWED');
    });

    it('a urlencoded body: 415', async () => {
      const response = await h.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'query=%7Bme%7Bid%7D%7D' });
      expect(response.statusCode).toBe(415);
      expect(response.json().errors[0].extensions.code).toBe('SB_ERR_UNSUPPORTED_MEDIA_TYPE');
    });

    it('broken JSON: 400', async () => {
      const response = await h.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: '{"query": ' });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].extensions.code).toBe('SB_ERR_INVALID_JSON');
    });

    it('a 5 MB body: 413', async () => {
      const payload = JSON.stringify({ query: '{ serverTime }', variables: { x: 'a'.repeat(5 * 1024 * 1024) } });
      const response = await h.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload });
      expect(response.statusCode).toBe(413);
      expect(response.json().errors[0].extensions.code).toBe('SB_ERR_BODY_TOO_LARGE');
    });

    it('a 5 MB body on a REST route: 413 in the REST shape', async () => {
      const response = await h.app.inject({ method: 'POST', url: '/api/files', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ x: 'a'.repeat(5 * 1024 * 1024) }) });
      expect(response.statusCode).toBe(413);
      expect(response.json().error.code).toBe('SB_ERR_BODY_TOO_LARGE');
    });

    it('inbox with a negative offset or a limit out of range: a validation error naming the field', async () => {
      const cases: Array<[string, string]> = [['{ offset: -1 }', '/filter/offset'], ['{ limit: -5 }', '/filter/limit'], ['{ limit: 0 }', '/filter/limit'], ['{ limit: 501 }', '/filter/limit']];
      for (const [filter, pointer] of cases) {
        const result = await post(h.app, `{ inbox(filter: ${filter}) { applicationNumber } }`, reviewer.headers());
        expect(result.status, filter).toBe(422);
        expect(result.codes, filter).toEqual(['SB_ERR_VALIDATION']);
        expect(Object.keys((result.body.errors![0]!.extensions.details as { fields: object }).fields), filter).toEqual([pointer]);
      }
      const fine = await post(h.app, '{ inbox(filter: { offset: 0, limit: 10 }) { applicationNumber } }', reviewer.headers());
      expect(fine.codes).toEqual([]);
    });

    it('wrote nothing at error level for any of them', () => {
      const errors = errorLevelLines(h.logLines);
      expect(errors.map((e) => e.msg)).toEqual([]);
      expect(h.logLines.join('\n')).not.toMatch(/select .* from/i);
    });
  });
});

describeEachDatabase('the alias rule on its own', (db) => {
  let h: Harness;
  beforeAll(async () => {
    // Tokens raised so that the alias rule, not the parser, meets the probe's request.
    h = await startApp(db(), { NODE_ENV: 'production', GRAPHQL_MAX_TOKENS: '100000' });
    await publishAndOpen(h.app, programmeId);
  });
  afterAll(async () => h?.close());

  it('refuses the 1,000-alias request by its aliases, before any resolver runs', async () => {
    const before = h.resolverCalls();
    const result = await post(h.app, aliasQuery(1000));
    expect(result.status).toBe(400);
    expect(result.codes).toContain('SB_ERR_GRAPHQL_TOO_MANY_ALIASES');
    expect(result.codes).not.toContain('SB_ERR_INTERNAL');
    expect(h.resolverCalls()).toBe(before);
  });

  it('refuses a query nested deeper than GRAPHQL_MAX_DEPTH with its own code', async () => {
    const deep = await startApp(db(), { GRAPHQL_MAX_DEPTH: '3' });
    try {
      const result = await post(deep.app, '{ myApplications { programme { windows { id } } } }');
      expect(result.codes).toEqual(['SB_ERR_GRAPHQL_TOO_DEEP']);
      expect(result.body.errors![0]!.extensions.details).toEqual({ limit: 3 });
      expect((await post(deep.app, '{ programmes { windows { id } } }')).codes).toEqual([]);
    } finally {
      await deep.close();
    }
  });

  it('names hidden fields in development and test, where suggestions help', async () => {
    const dev = await startApp(db(), { NODE_ENV: 'test' });
    try {
      const result = await post(dev.app, '{ mee { id } }');
      expect(JSON.stringify(result.body)).toMatch(/Did you mean/);
    } finally {
      await dev.close();
    }
  });
});
