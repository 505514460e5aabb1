/**
 * `npm start` of an installed checkout (issue 21 targets): time from launching `serve` to "listening", with the demo
 * seed and all programme folders, on a data directory where they are already published (every start after the
 * first), and the server's resident memory after 5 s idle. Baseline: node with the tsx loader doing nothing, the
 * floor of any start. Run alone: `npm run bench -- startup`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './types.ts';
import { freePort } from '../packages/server/test/helpers/free-port.ts';

const root = fileURLToPath(new URL('..', import.meta.url));


function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/** Starts serve, resolves with seconds to "listening" and the RSS after `idleMs`, then stops it. */
async function startOnce(dataDir: string, idleMs: number): Promise<{ seconds: number; rss: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/cli/main.ts', 'serve'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, PORT: String(await freePort()), SEED_DEMO: 'true', LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const seconds = await new Promise<number>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('shenbao is listening')) resolve((performance.now() - started) / 1000);
    });
    child.on('exit', (code) => reject(new Error(`serve exited (${code}) before listening:\n${output}`)));
  });
  await new Promise((resolve) => setTimeout(resolve, idleMs));
  const rss = rssMb(child.pid!);
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return { seconds, rss };
}

async function floorSeconds(): Promise<number> {
  const started = performance.now();
  await new Promise((resolve) => spawn(process.execPath, ['--import', 'tsx', '-e', ''], { cwd: root, stdio: 'ignore' }).on('exit', resolve));
  return (performance.now() - started) / 1000;
}

export async function run(): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sb-bench-start-'));
  try {
    const first = await startOnce(dataDir, 0);
    const warm: Array<{ seconds: number; rss: number }> = [];
    for (let i = 0; i < 3; i += 1) warm.push(await startOnce(dataDir, 5_000));
    const floor = Math.min(await floorSeconds(), await floorSeconds());
    const ready = Math.min(...warm.map((w) => w.seconds));
    const rss = Math.max(...warm.map((w) => w.rss));
    return [
      { name: 'serve to ready, first start (publishes five programmes, seeds the demo)', figure: Number(first.seconds.toFixed(2)), unit: 's' },
      {
        name: 'serve to ready, later starts (best of 3)', figure: Number(ready.toFixed(2)), unit: 's',
        baseline: { name: 'node + tsx loader doing nothing', figure: Number(floor.toFixed(2)) }, ratio: ready / floor,
        target: '< 5 s', pass: ready < 5,
      },
      { name: 'idle RSS 5 s after ready (worst of 3)', figure: Math.round(rss), unit: 'MB', target: '< 400 MB', pass: rss < 400 },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
