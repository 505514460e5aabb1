/**
 * Secrets stay out of the logs: a login with a password and a session cookie, logged at the most verbose level,
 * leaves neither in the output — neither through fastify's request logs nor through a handler that logs the whole
 * body and headers by mistake (the redaction list catches that).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { redactionCensor } from '../src/logging.ts';
import type { AppModule } from '../src/graphql/module.ts';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';

const password = 'Pw-never-in-logs-7731';
const cookieValue = 'cookie-never-in-logs-5519';

const carelessModule: AppModule = {
  name: 'careless-logger',
  routes(app) {
    app.post('/api/careless-log', async (request) => {
      request.log.info({ body: request.body, headers: request.headers, variables: { input: { password } } }, 'careless handler');
      return { ok: true };
    });
  },
};

describe('logs', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const lines: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    app = await buildApp(loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'trace' }), {
      database,
      skipMigrations: true,
      modules: (platform) => [...platform.modules, carelessModule],
      logStream: { write: (line) => lines.push(line) },
    });
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('never contain the password or the session cookie of a login request', async () => {
    const headers = { cookie: `sb_session=${cookieValue}` };
    await app.inject({
      method: 'POST',
      url: '/graphql',
      headers,
      payload: { query: 'mutation ($mobile: String!, $password: String!) { login(mobile: $mobile, password: $password) { id } }', variables: { mobile: '13900000009', password } },
    });
    await app.inject({ method: 'POST', url: '/graphql', headers, payload: { query: `mutation { login(mobile: "13900000009", password: "${password}") { id } }` } });
    await app.inject({ method: 'POST', url: '/api/careless-log', headers, payload: { mobile: '13900000009', password } });

    const output = lines.join('');
    // The capture works: the requests and the careless line are there, with the censor in place of the secrets.
    expect(output).toContain('/graphql');
    expect(output).toContain('careless handler');
    expect(output).toContain(redactionCensor);
    expect(output).toContain('13900000009');
    expect(output).not.toContain(password);
    expect(output).not.toContain(cookieValue);
  });
});
