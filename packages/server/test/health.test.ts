import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { describeEachDatabase } from './helpers/database.ts';

describeEachDatabase('health', (database, kind) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), { database: database(), skipMigrations: true });
  });
  afterAll(async () => app.close());

  it('answers /healthz after checking the database', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', database: kind });
  });

  it('serves GraphQL with the server clock', async () => {
    const response = await app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ serverTime }' } });
    expect(response.statusCode).toBe(200);
    expect(Date.parse(response.json().data.serverTime)).not.toBeNaN();
  });

  it('refuses batched queries', async () => {
    const response = await app.inject({ method: 'POST', url: '/graphql', payload: [{ query: '{ serverTime }' }, { query: '{ serverTime }' }] });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
  });
});
