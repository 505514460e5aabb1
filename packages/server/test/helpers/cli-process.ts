/**
 * Runs `shenbao` the way an operator does: a separate node process (tsx as a loader, as npm start does), with its
 * own environment. For tests of exit codes, stderr lines and signals, which an in-process call cannot show.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export interface CliRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or 128 + signal number) once the process has ended. */
  exited: Promise<number>;
}

export function startCli(args: string[], env: Record<string, string>): CliRun {
  // Only what the process needs: no inherited DATABASE_URL etc. from the developer's shell.
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/cli/main.ts', ...args], {
    cwd: repositoryRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal === 'SIGKILL' ? 137 : 128)));
  });
  return { child, stdout: () => out, stderr: () => err, exited };
}

export async function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = startCli(args, env);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/** Waits until `predicate` holds for the output so far, or fails after `timeoutMs`. */
export async function waitForOutput(run: CliRun, predicate: (stdout: string) => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!predicate(run.stdout())) {
    if (run.child.exitCode !== null) throw new Error(`process ended early (${run.child.exitCode}):\n${run.stdout()}\n${run.stderr()}`);
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for output:\n${run.stdout()}\n${run.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
