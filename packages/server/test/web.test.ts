import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Platform } from '../src/composition.ts';
import { createHealthModule } from '../src/health/health.module.ts';
import { createWebModule } from '../src/web/web.module.ts';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';

const healthOf = (platform: Platform) => createHealthModule({ db: platform.db, databaseKind: platform.database.kind, clock: platform.clock });

const indexHtml = '<!doctype html><div id="root"></div><script src="/assets/index-3f2a9c.js"></script>';

describe('serving the web app', () => {
  let database: TestDatabase;
  let built: FastifyInstance;
  let unbuilt: FastifyInstance;
  const distDir = mkdtempSync(path.join(tmpdir(), 'shenbao-dist-'));

  beforeAll(async () => {
    mkdirSync(path.join(distDir, 'assets'));
    writeFileSync(path.join(distDir, 'index.html'), indexHtml);
    writeFileSync(path.join(distDir, 'assets', 'index-3f2a9c.js'), 'console.log("app")');
    writeFileSync(path.join(distDir, 'favicon.svg'), '<svg/>');
    database = await createTestDatabase('pglite');
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent' });
    built = await buildApp(config, { database, skipMigrations: true, modules: (platform) => [healthOf(platform), createWebModule({ distDir })] });
    unbuilt = await buildApp(config, { database, skipMigrations: true, modules: (platform) => [healthOf(platform), createWebModule({ distDir: path.join(distDir, 'absent') })] });
  });
  afterAll(async () => {
    await built.close();
    await unbuilt.close();
    await database.drop();
    rmSync(distDir, { recursive: true, force: true });
  });

  it('serves index.html at / and has browsers revalidate it', async () => {
    const response = await built.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(indexHtml);
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('caches hashed assets for a year', async () => {
    const response = await built.inject({ method: 'GET', url: '/assets/index-3f2a9c.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('serves other top-level files without the long cache', async () => {
    const response = await built.inject({ method: 'GET', url: '/favicon.svg' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('answers an SPA route (deep link, with query) with index.html', async () => {
    for (const url of ['/applications/42/sections/basic', '/login?next=%2Finbox']) {
      const response = await built.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toBe(indexHtml);
      expect(response.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('answers unknown server paths and missing files with a JSON 404, never the app shell', async () => {
    for (const url of ['/api/nothing-here', '/api', '/verify/ABC123', '/graphql/extra', '/healthz/deep', '/assets/missing-1a2b.js']) {
      const response = await built.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code, url).toBe('SB_ERR_NOT_FOUND');
    }
    const post = await built.inject({ method: 'POST', url: '/applications/42' });
    expect(post.statusCode).toBe(404);
    expect(post.json().error.code).toBe('SB_ERR_NOT_FOUND');
  });

  it('leaves API routes alone', async () => {
    expect((await built.inject({ method: 'GET', url: '/healthz' })).json().status).toBe('ok');
    const graphql = await built.inject({ method: 'POST', url: '/graphql', payload: { query: '{ serverTime }' } });
    expect(graphql.statusCode).toBe(200);
  });

  it('says clearly at / when the web app is not built, and still answers the API', async () => {
    const response = await unbuilt.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('前端尚未构建');
    expect(response.body).toContain('pnpm build:web');
    expect((await unbuilt.inject({ method: 'GET', url: '/api/nothing' })).json().error.code).toBe('SB_ERR_NOT_FOUND');
    expect((await unbuilt.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
