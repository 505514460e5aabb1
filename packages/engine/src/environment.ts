/**
 * Every side effect the engine needs — the time, fresh ids, logging — comes in through one
 * Environment object, so that tests run on a fake clock and the engine stays free of I/O.
 */

/** Where the engine reads the current time from. */
export interface Clock {
  now(): Date;
}

/** Where the engine gets fresh identifiers from. */
export interface IdSource {
  next(prefix?: string): string;
}

/** A structured logger; the server plugs in its own (pino), tests a silent or recording one. */
export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** The side-effect bundle handed to everything in the engine that needs time, ids or logs. */
export interface Environment {
  clock: Clock;
  ids: IdSource;
  logger: Logger;
}

/** A clock the test moves by hand. */
export interface FakeClock extends Clock {
  set(at: Date | string): void;
  advance(milliseconds: number): void;
}

/** Creates a fake clock standing at `start` until it is moved. */
export function createFakeClock(start: Date | string = '2020-01-01T00:00:00Z'): FakeClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (at) => {
      current = new Date(at).getTime();
    },
    advance: (milliseconds) => {
      current += milliseconds;
    },
  };
}

/** Ids `prefix-1`, `prefix-2`, … — predictable, for tests. */
export function createSequentialIds(): IdSource {
  const counters = new Map<string, number>();
  return {
    next(prefix = 'id') {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      return `${prefix}-${n}`;
    },
  };
}

/** A logger that drops everything. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** A logger that remembers every entry, for tests that assert on logging. */
export interface RecordingLogger extends Logger {
  entries: Array<{ level: 'debug' | 'info' | 'warn' | 'error'; message: string; data?: Record<string, unknown> }>;
}

/** Creates a logger that records its entries in memory. */
export function createRecordingLogger(): RecordingLogger {
  const entries: RecordingLogger['entries'] = [];
  const at = (level: RecordingLogger['entries'][number]['level']) => (message: string, data?: Record<string, unknown>) => {
    entries.push(data === undefined ? { level, message } : { level, message, data });
  };
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/**
 * An environment for tests and tools: a fake clock (unless one is given), sequential ids and a
 * silent logger. The server builds its own with the real clock and random ids.
 */
export function createTestEnvironment(overrides: Partial<Environment> = {}): Environment & { clock: Clock } {
  return {
    clock: overrides.clock ?? createFakeClock(),
    ids: overrides.ids ?? createSequentialIds(),
    logger: overrides.logger ?? silentLogger,
  };
}
