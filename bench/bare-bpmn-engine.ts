/**
 * The benchmarks' baseline: bpmn-engine itself, configured only as far as a programme's flow needs to run at all
 * (FEEL conditions instead of its `${…}` syntax, service tasks that do nothing), one live engine per instance and
 * nothing serialised. The issues compare the platform's flow steps with this. Our runner no longer uses bpmn-engine
 * (docs/workflow.md says why); the bench keeps it as the yardstick the targets were set against.
 */
import { Engine } from 'bpmn-engine';
import { evaluate, isExpressionText } from '../packages/engine/src/index.ts';

/** A user task waiting in a live engine. */
export interface WaitingTask {
  id: string;
  executionId: string;
  environment: { variables: Record<string, unknown> };
  signal(message?: unknown): void;
}

export interface BareInstance {
  /** User tasks waiting now, by execution id, in the order they started waiting. */
  waiting: Map<string, WaitingTask>;
}

const feelExpressions = {
  resolveExpression(expression: unknown, from: { environment?: { variables?: Record<string, unknown> } } = {}): unknown {
    if (!isExpressionText(expression)) return expression;
    const result = evaluate(expression, from.environment?.variables ?? {});
    if (!result.ok) throw new Error(result.error.message.en);
    return result.value;
  },
  isExpression: isExpressionText,
  hasExpression: isExpressionText,
};

const silentLogger = () => ({ debug() {}, warn() {}, error() {} });

/** Service tasks complete at once, doing nothing. */
function noOpServices(activity: { type: string; behaviour: Record<string, unknown> }): undefined {
  if (activity.type !== 'bpmn:ServiceTask') return undefined;
  activity.behaviour.Service = function NoOp() {
    return { execute: (_message: unknown, callback: (err: Error | null, output?: unknown) => void) => callback(null, {}) };
  };
  return undefined;
}

/** Starts one live instance of the flow and runs it to its first wait. */
export async function startBareInstance(xml: string, variables: Record<string, unknown>): Promise<BareInstance> {
  const instance: BareInstance = { waiting: new Map() };
  const engine = new Engine({
    source: xml,
    expressions: feelExpressions,
    Logger: silentLogger,
    extensions: { noOpServices: noOpServices as never },
  });
  const listener = {
    emit(eventName: string, api: (WaitingTask & { type: string }) | undefined) {
      if (!api) return;
      if (eventName === 'wait' && api.type === 'bpmn:UserTask') instance.waiting.set(api.executionId, api);
      if ((eventName === 'activity.end' || eventName === 'activity.leave') && api.type === 'bpmn:UserTask') instance.waiting.delete(api.executionId);
    },
  };
  await engine.execute({ listener: listener as never, variables: { ...variables } });
  return instance;
}

/** Completes the task that started waiting last, the way the platform's gateways expect to see its result. */
export function signalLastWaiting(instance: BareInstance, outcome: string): string {
  const task = [...instance.waiting.values()].at(-1);
  if (!task) throw new Error('bench: nothing is waiting');
  task.environment.variables[task.id] = { outcome, data: {} };
  task.signal({ outcome });
  instance.waiting.delete(task.executionId);
  return task.id;
}
