/**
 * A database that cannot be opened at start (issue 21, item 4): one bilingual line naming DATABASE_URL or DATA_DIR,
 * exit 1, within 10 s — and the embedded database refuses a second process on its data directory.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startCli, waitForOutput } from './helpers/cli-process.ts';
import { freePort } from './helpers/free-port.ts';


function expectOneLine(stderr: string, ...parts: string[]): void {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  for (const part of parts) expect(lines[0]).toContain(part);
  expect(lines[0]).not.toMatch(/\n\s+at |DrizzleQueryError/);
}

describe('opening the database at start', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'shenbao-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('a PostgreSQL server that refuses connections: one line naming DATABASE_URL (password hidden), exit 1, < 10 s', async () => {
    const port = await freePort();
    const started = Date.now();
    const result = await runCli(['serve'], { DATABASE_URL: `postgres://shenbao:secret@127.0.0.1:${port}/shenbao`, DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, 'DATABASE_URL=postgres://shenbao:***@127.0.0.1', '无法连接数据库', 'cannot connect to the database', 'connection refused');
    expect(result.stderr).not.toContain('secret');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('migrate says the same', async () => {
    const port = await freePort();
    const result = await runCli(['migrate'], { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/shenbao`, DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, 'DATABASE_URL=', 'connection refused');
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('a database that does not exist on a running server: named as such', async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = '/sb_no_such_database';
    const result = await runCli(['serve'], { DATABASE_URL: url.toString(), DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, 'DATABASE_URL=', '数据库不存在', 'the database does not exist');
  });

  it('a data directory the embedded database cannot use: one line naming DATA_DIR', async () => {
    const notADirectory = path.join(dataDir, 'a-file');
    writeFileSync(notADirectory, 'not a directory');
    const result = await runCli(['migrate'], { DATA_DIR: notADirectory });
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, `DATA_DIR=${notADirectory}`, '无法打开内置数据库', 'cannot open the embedded database');
  });

  it('a second process on the same DATA_DIR is refused while the first serves, and the first keeps serving', async () => {
    const shared = path.join(dataDir, 'shared');
    const port = await freePort();
    const first = startCli(['serve'], { DATA_DIR: shared, PORT: String(port), SEED_DEMO: 'false' });
    try {
      await waitForOutput(first, (out) => out.includes('shenbao is listening'), 120_000);
      const second = await runCli(['serve'], { DATA_DIR: shared, PORT: String(await freePort()) });
      expect(second.code).toBe(1);
      expectOneLine(second.stderr, `DATA_DIR=${shared}`, '正被另一个进程', `pid ${first.child.pid}`, 'DATABASE_URL');
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
    // Once the first has stopped, the directory is free again.
    const again = await runCli(['migrate'], { DATA_DIR: shared });
    expect(again.code, again.stderr).toBe(0);
  }, 180_000);
});
