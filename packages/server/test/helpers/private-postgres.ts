/**
 * A PostgreSQL cluster of the test's own (initdb in a temp directory, its own port), for tests that stop and restart
 * the server: the machine's shared server (TEST_DATABASE_URL) must keep serving the other test files meanwhile.
 * The binaries are the installed server's (/usr/lib/postgresql/<major>/bin); as root, they run as the postgres user
 * (PostgreSQL refuses to run as root).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.ts';

export interface PrivatePostgres {
  url: string;
  port: number;
  /** Stops the server: `fast` ends sessions cleanly (57P01), `immediate` is a crash without shutdown. */
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  restart(mode?: 'fast' | 'immediate'): void;
  destroy(): Promise<void>;
}

function binDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const major = readdirSync(root).sort().at(-1);
  return major && existsSync(path.join(root, major, 'bin/initdb')) ? path.join(root, major, 'bin') : undefined;
}

/** Why a private cluster cannot be made here (no PostgreSQL binaries, or not root/postgres), or undefined when it can. */
export function privatePostgresUnavailable(): string | undefined {
  if (!binDir()) return 'PostgreSQL server binaries are not installed (/usr/lib/postgresql/*/bin)';
  const uid = process.getuid?.();
  if (uid !== 0 && os.userInfo().username !== 'postgres') return 'a private cluster needs root (to run as postgres) or the postgres user';
  return undefined;
}


export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  if (!bin) throw new Error('no PostgreSQL binaries');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sb-pg-'));
  const dataDir = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const idOf = (flag: string): number => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
    await chown(dir, idOf('-u'), idOf('-g'));
  }
  const run = (tool: string, args: string[]): void => {
    const command = path.join(bin, tool);
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' });
    else execFileSync(command, args, { stdio: 'pipe' });
  };
  run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const start = (): void => run('pg_ctl', ['-D', dataDir, '-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
  const stop = (mode: 'fast' | 'immediate' = 'fast'): void => run('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop,
    start,
    restart: (mode = 'fast') => {
      stop(mode);
      start();
    },
    destroy: async () => {
      try {
        stop('immediate');
      } catch {
        // already stopped
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
