import type { SerializedState } from './types.ts';

/**
 * Reads a state the server stored (JSON, possibly from an older process) and checks its
 * outline; the runner refuses anything else with SB_ERR_STATE_INVALID instead of crashing
 * somewhere inside bpmn-engine.
 */
export function readState(value: unknown): SerializedState | undefined {
  const state = (typeof value === 'string' ? safeParse(value) : value) as Partial<SerializedState> | undefined;
  if (!state || typeof state !== 'object' || state.format !== 'shenbao-flow/1') return undefined;
  if (!Array.isArray(state.openTasks) || !Array.isArray(state.timers) || typeof state.taskSeq !== 'number') return undefined;
  if (!state.taskExecutions || typeof state.taskExecutions !== 'object') return undefined;
  if (state.status !== 'completed' && (!state.engine || typeof state.engine !== 'object')) return undefined;
  return state as SerializedState;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
