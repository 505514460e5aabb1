/**
 * Warm engines between steps. Recovering bpmn-engine from JSON and resuming it costs more than the step itself, so a
 * server may keep the live engine of the step it just ran and hand it back for the next step of the same instance.
 *
 * Correctness never depends on the cache: the saved state stays the truth. An entry is taken out when used (so a
 * step that later fails or is rolled back cannot leave a mutated engine behind), and it is only used when the state
 * the caller brings carries the same `stepId` the entry was made for — an engine from a rolled-back transaction or
 * from a step another process ran can never match.
 */
import type { EngineSession } from './engine-session.ts';

export interface WarmEngine {
  session: EngineSession;
  /** The stepId of the state this engine is in. */
  stepId: string;
}

export interface WarmEngineCache {
  take(key: string): WarmEngine | undefined;
  put(key: string, engine: WarmEngine): void;
  readonly size: number;
}

/** Where to find the engine for this step and where to leave it for the next (e.g. `<application>@<revision>`). */
export interface WarmEngineKeys {
  cache: WarmEngineCache;
  readKey: string;
  writeKey: string;
}

/** A small LRU of warm engines (each holds ~100 KB of live objects). */
export function createWarmEngineCache(capacity = 200): WarmEngineCache {
  const entries = new Map<string, WarmEngine>();
  return {
    take(key) {
      const entry = entries.get(key);
      entries.delete(key);
      return entry;
    },
    put(key, engine) {
      entries.delete(key);
      entries.set(key, engine);
      while (entries.size > capacity) entries.delete(entries.keys().next().value as string);
    },
    get size() {
      return entries.size;
    },
  };
}
