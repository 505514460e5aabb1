import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { IntervalPoller } from '../src/interval-poller.ts';

function recordingLogger() {
  const errors: unknown[][] = [];
  return { errors, logger: { error: (...args: unknown[]) => errors.push(args) } as unknown as FastifyBaseLogger };
}

describe('IntervalPoller', () => {
  afterEach(() => vi.useRealTimers());

  it('runs at once and then every interval, logs a failed run and goes on', async () => {
    vi.useFakeTimers();
    const { errors, logger } = recordingLogger();
    let runs = 0;
    const poller = new IntervalPoller(async () => {
      runs += 1;
      if (runs === 2) throw new Error('database unavailable');
    }, logger, 'work failed');
    poller.start(1000);
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(2);
    expect(errors).toHaveLength(1);
    expect(errors[0]![1]).toBe('work failed');
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(3);
    await poller.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs).toBe(3);
  });

  it('never starts a run while the previous one is still going, and stop() waits for it', async () => {
    vi.useFakeTimers();
    const { logger } = recordingLogger();
    let started = 0;
    let finish: () => void = () => undefined;
    const poller = new IntervalPoller(() => {
      started += 1;
      return new Promise<void>((resolve) => { finish = resolve; });
    }, logger, 'work failed');
    poller.start(1000);
    await vi.advanceTimersByTimeAsync(3500);
    expect(started).toBe(1);
    let stopped = false;
    const stopping = poller.stop().then(() => { stopped = true; });
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
  });
});
