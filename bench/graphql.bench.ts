/**
 * Authenticated GraphQL throughput: a logged-in demo user asking `{ me { id } }` (cookie → session lookup in the
 * database → resolver → JSON), against a bare fastify hello-world measured the same way in the same run, both on
 * loopback with autocannon. The server runs the real buildApp with the embedded database (PGlite), as `npm start` does,
 * or on a PostgreSQL server with BENCH_DATABASE_URL. `{ serverTime }` (no database) shows what GraphQL itself costs.
 */
import Fastify from 'fastify';
import autocannon from 'autocannon';
import { buildApp } from '../packages/server/src/app.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { openDatabase } from '../packages/server/src/db/client.ts';
import { demoAccounts, demoPassword, seedDemoAccounts } from '../packages/server/src/demo/demo-accounts.ts';
import type { BenchResult } from './types.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
/** One server process must carry a bureau's busiest hour (a few thousand applicants) with room to spare. */
const targetRequestsPerSecond = 500;
const targetP99Ms = 100;
const warmUpSeconds = 2;

interface Load {
  requestsPerSecond: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

type Request = { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string };

async function load(url: string, options: Request = {}, duration = seconds): Promise<Load> {
  const result = await autocannon({ url, connections, duration, ...options });
  return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

async function helloWorld(): Promise<Load> {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ hello: 'world' }));
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    await load(address, {}, warmUpSeconds); // JIT and sockets settle before the measured run
    return await load(address);
  } finally {
    await app.close();
  }
}

/** Measures the server GraphQL path twice: anonymous `{ serverTime }` (no database) and logged-in `{ me { id } }`. */
async function graphqlQueries(): Promise<{ anonymous: Load; authenticated: Load }> {
  // BENCH_DATABASE_URL: measure on a PostgreSQL server instead (a scratch database: demo accounts are added to it).
  const database = await openDatabase({ url: process.env.BENCH_DATABASE_URL });
  await database.migrate();
  const app = await buildApp(loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent' }), { database, skipMigrations: true });
  try {
    await seedDemoAccounts(app.services);
    const mobile = demoAccounts[1]!.mobile;
    const login = await app.inject({
      method: 'POST',
      url: '/graphql',
      payload: { query: 'mutation ($m: String!, $p: String!) { login(mobile: $m, password: $p) { id } }', variables: { m: mobile, p: demoPassword } },
    });
    const cookie = login.cookies.find((c) => c.name === 'sb_session');
    if (!cookie) throw new Error(`login did not set sb_session: ${login.body}`);
    const headers = { 'content-type': 'application/json', cookie: `sb_session=${cookie.value}` };
    const body = JSON.stringify({ query: '{ me { id } }' });
    // The measured request really is authenticated: `me` must come back as the user who logged in.
    const probe = await app.inject({ method: 'POST', url: '/graphql', headers, payload: body });
    if (probe.json().data?.me?.id !== login.json().data.login.id) throw new Error(`{ me } is not the logged-in user: ${probe.body}`);

    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `${address}/graphql`;
    const anonymousRequest: Request = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ serverTime }' }) };
    await load(url, anonymousRequest, warmUpSeconds);
    const anonymous = checked(await load(url, anonymousRequest));
    const authenticated = checked(await load(url, { method: 'POST', headers, body }));
    return { anonymous, authenticated };
  } finally {
    await app.close();
    await database.close();
  }
}

function checked(measured: Load): Load {
  if (measured.non2xx > 0 || measured.errors > 0) throw new Error(`${measured.non2xx} non-2xx answers and ${measured.errors} errors under load`);
  return measured;
}

export async function run(): Promise<BenchResult[]> {
  const baseline = await helloWorld();
  const { anonymous, authenticated: graphql } = await graphqlQueries();
  const databaseKind = process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
  const setting = `${connections} connections, ${seconds} s`;
  return [
    {
      name: `GraphQL { serverTime } anonymous, no database (${setting})`,
      figure: anonymous.requestsPerSecond,
      unit: 'req/s',
      baseline: { name: 'bare fastify hello world', figure: baseline.requestsPerSecond },
      ratio: anonymous.requestsPerSecond / baseline.requestsPerSecond,
    },
    {
      name: `GraphQL { me { id } } logged in, ${databaseKind} (${setting})`,
      figure: graphql.requestsPerSecond,
      unit: 'req/s',
      baseline: { name: 'bare fastify hello world', figure: baseline.requestsPerSecond },
      ratio: graphql.requestsPerSecond / baseline.requestsPerSecond,
      target: `≥ ${targetRequestsPerSecond} req/s`,
      pass: graphql.requestsPerSecond >= targetRequestsPerSecond,
    },
    {
      name: `GraphQL { me { id } } latency p99, ${databaseKind} (${setting})`,
      figure: graphql.p99Ms,
      unit: 'ms',
      baseline: { name: 'bare fastify hello world p99', figure: baseline.p99Ms },
      ratio: baseline.p99Ms > 0 ? graphql.p99Ms / baseline.p99Ms : undefined,
      target: `≤ ${targetP99Ms} ms`,
      pass: graphql.p99Ms <= targetP99Ms,
    },
  ];
}
