import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliCommands, findCommand } from '../src/cli/registry.ts';
import type { CliCommand } from '../src/cli/command.ts';
import { repositoryRoot, runCli } from './helpers/cli-process.ts';

describe('shenbao CLI (spawned)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'shenbao-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops on a bad configuration value with one line naming the variable, exit 1, within seconds', async () => {
    const started = Date.now();
    const result = await runCli(['serve'], { PORT: 'eighty', DATA_DIR: dataDir });
    const elapsed = Date.now() - started;
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('PORT');
    expect(lines[0]).toContain('eighty');
    expect(lines[0]).toMatch(/配置项/);
    expect(lines[0]).toMatch(/invalid configuration/);
    // The server is imported only after the configuration is read, so this is node + tsx start-up (~2 s here, loaded).
    expect(elapsed).toBeLessThan(10_000);
  });

  it('names the bad variable for every kind of value: a URL, a choice, a flag', async () => {
    for (const [name, value] of [['DATABASE_URL', 'mysql://db/x'], ['NODE_ENV', 'staging'], ['SEED_DEMO', 'maybe']] as const) {
      const result = await runCli(['migrate'], { [name]: value, DATA_DIR: dataDir });
      expect(result.code, name).toBe(1);
      expect(result.stderr.trim().split('\n'), name).toHaveLength(1);
      expect(result.stderr, name).toContain(name);
    }
  });

  it('refuses an unknown command with exit 2 and the list of commands', async () => {
    const result = await runCli(['serv']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"serv"');
    for (const command of cliCommands) expect(result.stderr).toContain(command.name);
  });

  it('lists every command with --help, and shows one command with <name> --help', async () => {
    const overview = await runCli(['--help']);
    expect(overview.code).toBe(0);
    for (const command of cliCommands) expect(overview.stdout).toContain(command.summary);
    const one = await runCli(['migrate', '--help']);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('DATA_DIR');
  });

  it('refuses stray arguments with exit 2', async () => {
    const result = await runCli(['migrate', 'now'], { DATA_DIR: dataDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('now');
  });

  it('refuses a misspelled serve role with exit 2, naming the roles, before opening any database', async () => {
    for (const args of [['serve', '--role', 'wroker'], ['serve', '--role'], ['serve', '--role=web', 'extra']]) {
      const result = await runCli(args, { DATA_DIR: dataDir });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/--role|extra/);
      expect(result.stdout).not.toContain('打开数据库');
    }
    const result = await runCli(['serve', '--role', 'wroker'], { DATA_DIR: dataDir });
    expect(result.stderr).toContain('web、worker 或 all');
    expect(result.stderr).toContain('"--role wroker"');
  });

  it('migrate applies every migration once and says how many ran', async () => {
    const journal = JSON.parse(readFileSync(path.join(repositoryRoot, 'migrations/meta/_journal.json'), 'utf8')) as { entries: unknown[] };
    const first = await runCli(['migrate'], { DATA_DIR: dataDir });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`${journal.entries.length} migration`);
    const second = await runCli(['migrate'], { DATA_DIR: dataDir });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('0 migrations applied');
  }, 120_000);
});

describe('command registry', () => {
  const command = (name: string): CliCommand => ({ name, summary: name, usage: '', run: async () => 0 });

  it('finds multi-word commands before their shorter neighbours and passes on the rest', () => {
    const commands = [command('users'), command('users import'), command('serve')];
    expect(findCommand(['users', 'import', 'list.xlsx'], commands)).toMatchObject({ command: { name: 'users import' }, args: ['list.xlsx'] });
    expect(findCommand(['users', 'list'], commands)).toMatchObject({ command: { name: 'users' }, args: ['list'] });
    expect(findCommand(['publish'], commands)).toBeUndefined();
  });

  it('has unique command names', () => {
    const names = cliCommands.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
