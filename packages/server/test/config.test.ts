import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { ConfigError, configVariables, loadConfig, redact } from '../src/config.ts';
import { repositoryRoot } from './helpers/cli-process.ts';
import { createTestDatabase } from './helpers/database.ts';

/** The rows of the README's configuration table: variable → default ('—' when there is none). */
function readmeConfigurationTable(): Map<string, string> {
  const readme = readFileSync(path.join(repositoryRoot, 'README.md'), 'utf8');
  const section = readme.split(/^## Configuration\s*$/m)[1]?.split(/^## /m)[0];
  if (!section) throw new Error('README.md has no "## Configuration" section');
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const match = /^\|\s*`([A-Z0-9_]+)`\s*\|\s*(.*?)\s*\|\s*(.*?)\s*\|\s*$/.exec(line);
    if (!match) continue;
    if (rows.has(match[1]!)) throw new Error(`README lists ${match[1]} twice`);
    rows.set(match[1]!, match[2]!.replace(/^`(.*)`$/, '$1'));
  }
  return rows;
}

describe('configuration', () => {
  it("README's configuration table lists exactly the variables of configVariables, with the same defaults", () => {
    const table = readmeConfigurationTable();
    const expected = new Map(Object.values(configVariables).map((v) => [v.name, v.default ?? '—']));
    expect([...table.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [name, fallback] of expected) expect(table.get(name), name).toBe(fallback);
  });

  it('keys each variable by its own name', () => {
    for (const [key, spec] of Object.entries(configVariables)) expect(spec.name).toBe(key);
  });

  it('parses every default: an empty environment gives a working configuration', () => {
    const config = loadConfig({}, '/srv/shenbao');
    expect(config).toMatchObject({ env: 'development', port: 3000, dataDir: '/srv/shenbao/data', databaseUrl: undefined, seedDemo: false, graphqlMaxDepth: 10, shutdownGraceSeconds: 10 });
  });

  it('reads set values and treats an empty string as unset', () => {
    const config = loadConfig({ PORT: '8080', SEED_DEMO: 'yes', DATABASE_URL: 'postgres://u:p@db:5432/sb/', LOG_LEVEL: '' }, '/x');
    expect(config.port).toBe(8080);
    expect(config.seedDemo).toBe(true);
    expect(config.databaseUrl).toBe('postgres://u:p@db:5432/sb');
    expect(config.logLevel).toBe('info');
  });

  it.each([
    ['PORT', '0'],
    ['PORT', '3000x'],
    ['NODE_ENV', 'prod'],
    ['SEED_DEMO', 'maybe'],
    ['DATABASE_URL', 'mysql://db/x'],
    ['PUBLIC_URL', 'not a url'],
    ['GRAPHQL_MAX_DEPTH', '1'],
    ['SHUTDOWN_GRACE_SECONDS', '-1'],
    ['SMS_CODES_PER_IP_HOUR', '0'],
    // Below the hourly default of 20: the hourly limit could never apply.
    ['SMS_CODES_PER_IP_DAY', '5'],
  ])('refuses %s=%s with a ConfigError naming the variable in both languages', (name, value) => {
    let caught: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.variable).toBe(name);
    expect(error.message).toContain(name);
    expect(error.message).not.toContain('\n');
    expect(error.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(error.en).toMatch(/[a-z]/);
  });

  it('never echoes a database password in an error', () => {
    expect(redact('postgres://admin:s3cret@db/x')).toBe('postgres://admin:***@db/x');
    let message = '';
    try {
      loadConfig({ DATABASE_URL: 'mysql://admin:s3cret@db/x' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain('s3cret');
  });
});

describe('client address behind a proxy', () => {
  it('ignores X-Forwarded-For unless TRUST_PROXY is set', async () => {
    const database = await createTestDatabase('pglite');
    try {
      const seen: Record<string, string> = {};
      for (const trust of ['false', 'true']) {
        const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', TRUST_PROXY: trust }), {
          database,
          skipMigrations: true,
          modules: () => [{ name: 'ip', routes: (a) => void a.get('/api/ip', async (request) => ({ ip: request.ip })) }],
        });
        const response = await app.inject({ method: 'GET', url: '/api/ip', remoteAddress: '10.0.0.7', headers: { 'x-forwarded-for': '203.0.113.9' } });
        seen[trust] = response.json().ip;
        await app.close();
      }
      expect(seen).toEqual({ false: '10.0.0.7', true: '203.0.113.9' });
    } finally {
      await database.drop();
    }
  });
});
