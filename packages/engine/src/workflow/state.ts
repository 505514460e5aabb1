import type { InterpreterState } from './types.ts';
import type { SerializedState } from './types.ts';

/**
 * Reads a state the server stored (JSON, possibly from an older process) and checks its
 * outline; the runner refuses anything else with SB_ERR_STATE_INVALID instead of crashing
 * somewhere inside a step.
 */
export function readState(value: unknown): SerializedState | undefined {
  const raw = (typeof value === 'string' ? safeParse(value) : value) as Record<string, unknown> | undefined;
  if (!raw || typeof raw !== 'object') return undefined;
  const state = (raw.format === 'shenbao-flow/1' ? fromBpmnEngineState(raw) : raw) as Partial<SerializedState> | undefined;
  if (!state || state.format !== 'shenbao-flow/2') return undefined;
  if (!Array.isArray(state.openTasks) || !Array.isArray(state.timers) || typeof state.taskSeq !== 'number') return undefined;
  if (state.status === 'completed') return state as SerializedState;
  const engine = state.engine as Partial<InterpreterState> | null | undefined;
  if (!engine || typeof engine.variables !== 'object' || engine.variables === null || typeof engine.joins !== 'object' || engine.joins === null) return undefined;
  return state as SerializedState;
}

/**
 * Format 1 kept bpmn-engine's getState() (until the interpreter replaced it). Applications in flight then carry on:
 * the open tasks and timers were already ours, and the process variables are read out of bpmn-engine's process
 * environment. (No programme had a parallel join, the only other thing the interpreter keeps.)
 */
function fromBpmnEngineState(old: Record<string, unknown>): Record<string, unknown> | undefined {
  const { taskExecutions: _executions, stepId: _stepId, engine, ...rest } = old;
  if (old.status === 'completed') return { ...rest, format: 'shenbao-flow/2', engine: null };
  const process = (engine as { definitions?: Array<{ execution?: { processes?: Array<{ environment?: { variables?: unknown } }> } }> } | null)
    ?.definitions?.[0]?.execution?.processes?.[0];
  const variables = process?.environment?.variables;
  if (!variables || typeof variables !== 'object') return undefined;
  // bpmn-elements adds these to every process environment; they are not the application's.
  const { fields: _fields, content: _content, properties: _properties, ...own } = variables as Record<string, unknown>;
  return { ...rest, format: 'shenbao-flow/2', engine: { variables: own, joins: {} } };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
