import type { FieldState } from './form-logic.ts';

type Listener = () => void;

/**
 * Live field states (fillable / required / computed value) by pointer, with one subscription per pointer so that
 * a keystroke re-renders only the fields whose state actually changed — never the whole form. Widgets read it
 * through useSyncExternalStore (see stateful-schema-field.tsx).
 */
export class FieldStateStore {
  private states = new Map<string, FieldState>();
  private readonly listeners = new Map<string, Set<Listener>>();

  get(pointer: string): FieldState | undefined {
    return this.states.get(pointer);
  }

  subscribe(pointer: string, listener: Listener): () => void {
    let set = this.listeners.get(pointer);
    if (!set) {
      set = new Set();
      this.listeners.set(pointer, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(pointer);
    };
  }

  /** Replaces all states; keeps the old object for unchanged pointers and notifies only the changed ones. */
  replace(next: Map<string, FieldState>): void {
    const changed: string[] = [];
    const merged = new Map<string, FieldState>();
    for (const [pointer, state] of next) {
      const previous = this.states.get(pointer);
      if (previous && sameState(previous, state)) {
        merged.set(pointer, previous);
      } else {
        merged.set(pointer, state);
        changed.push(pointer);
      }
    }
    for (const pointer of this.states.keys()) if (!next.has(pointer)) changed.push(pointer);
    this.states = merged;
    for (const pointer of changed) this.listeners.get(pointer)?.forEach((listener) => listener());
  }
}

function sameState(a: FieldState, b: FieldState): boolean {
  if (a.fillable !== b.fillable || a.required !== b.required) return false;
  if (a.computed === undefined || b.computed === undefined) return a.computed === b.computed;
  return sameValue(a.computed.value, b.computed.value);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  // Computed values are numbers, strings or small lists; comparing their JSON is enough and cheap.
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return false;
}
