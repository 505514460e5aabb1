import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startCli, waitForOutput, type CliRun } from './helpers/cli-process.ts';
import { freePort } from './helpers/free-port.ts';

/** A port nobody listens on right now (the OS picks it; we release it at once for the server to take). */

describe('shenbao serve shuts down gracefully', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'shenbao-serve-'));
  let run: CliRun | undefined;
  afterAll(() => {
    if (run && run.child.exitCode === null) run.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`serves, then on ${signal} closes and exits 0 within the grace period`, async () => {
      const port = await freePort();
      run = startCli(['serve'], { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SHUTDOWN_GRACE_SECONDS: '5' });
      await waitForOutput(run, (out) => out.includes('listening at'), 90_000);

      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);

      const signalledAt = Date.now();
      run.child.kill(signal);
      const code = await run.exited;
      expect(code, run.stderr()).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(5_000 + 2_000);
      expect(run.stdout()).toContain(`${signal} received`);
      expect(run.stdout()).toContain('stopped');
      // The port is free again: nothing was left listening.
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    }, 120_000);
  }

  it('says in one line that the port is taken instead of printing a stack', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
    try {
      const busy = startCli(['serve'], { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir });
      const code = await busy.exited;
      expect(code).toBe(1);
      expect(busy.stderr()).toContain(`port ${port} is already in use`);
      expect(busy.stderr()).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  }, 120_000);
});
