/**
 * One bpmn-engine instance for one step: built fresh, fed the saved state, driven to the next
 * wait, then thrown away. Everything it did is collected in a StepLog the runner turns into a
 * StepResult. bpmn-engine gets no clock and no timers (see waiting-timer.ts), FEEL conditions
 * (bpmn-expressions.ts), and service tasks that only record what the server must do.
 */
import { Engine } from 'bpmn-engine';
import { feelExpressions } from './bpmn-expressions.ts';
import { WaitingTimerEventDefinition } from './waiting-timer.ts';
import type { FlowDefinition, ServiceAction } from './types.ts';

/** The slice of bpmn-elements' activity API the runner uses. */
export interface ActivityApi {
  id: string;
  type: string;
  executionId: string;
  content: Record<string, unknown>;
  environment: { variables: Record<string, unknown> };
  signal(message?: unknown): void;
}

/** What happened during one step, in the order bpmn-engine reported it. */
export interface StepLog {
  trail: string[];
  takenFlows: string[];
  actions: ServiceAction[];
  /** User tasks now waiting, by bpmn execution id (re-reported for old tasks on resume). */
  waiting: Map<string, ActivityApi>;
  /** User task executions that ended or were interrupted in this step. */
  closed: Set<string>;
  /** Boundary timer events now armed, by element id. */
  armedTimers: Map<string, ActivityApi>;
  endEventId: string | undefined;
  error: unknown;
}

export interface EngineSession {
  engine: Engine;
  log: StepLog;
  /** Called when a user task starts waiting, while the variables are those it opens with. */
  onTaskWaiting?: (api: ActivityApi) => void;
}

const silentBpmnLogger = () => ({ debug() {}, warn() {}, error() {} });

/** No element may arm a real timer: the waiting timer replaces the only one that would. */
const refusingTimers = {
  executing: [] as unknown[],
  register() {
    return this;
  },
  setTimeout(): never {
    throw new Error('shenbao workflow: bpmn-engine tried to arm a wall-clock timer');
  },
  clearTimeout() {},
};

export function createSession(flow: FlowDefinition): EngineSession {
  const log: StepLog = {
    trail: [],
    takenFlows: [],
    actions: [],
    waiting: new Map(),
    closed: new Set(),
    armedTimers: new Map(),
    endEventId: undefined,
    error: undefined,
  };
  const engine = new Engine({
    name: flow.processId,
    moddleContext: flow.moddleContext as never,
    expressions: feelExpressions,
    timers: refusingTimers,
    Logger: silentBpmnLogger,
    elements: { TimerEventDefinition: WaitingTimerEventDefinition },
    // bpmn-elements' Extension type insists on a returned extension; returning none is allowed at run time.
    extensions: { shenbaoActions: ((activity: { id: string; behaviour: Record<string, unknown> }) => recordActions(flow, activity, log)) as never },
  });
  const session: EngineSession = { engine, log };
  engine.on('error', (err: unknown) => {
    log.error = err;
  });
  return session;
}

/** The listener bpmn-engine emits every element event to. */
export function listenerFor(flow: FlowDefinition, session: EngineSession) {
  const { log } = session;
  return {
    emit(eventName: string, api: ActivityApi | undefined): void {
      if (!api) return;
      switch (eventName) {
        case 'activity.start':
          // A boundary event starts with its task; it counts as passed only when it fires (end).
          if (!api.content.isRecovered && !flow.boundaryTimers[api.id]) log.trail.push(api.id);
          break;
        case 'wait':
          if (flow.userTasks[api.id]) {
            log.waiting.set(api.executionId, api);
            session.onTaskWaiting?.(api);
          }
          break;
        case 'activity.timer':
          if (flow.boundaryTimers[api.id]) log.armedTimers.set(api.id, api);
          break;
        case 'activity.end':
          if (flow.boundaryTimers[api.id]) log.trail.push(api.id);
          if (flow.endEvents[api.id]) log.endEventId = api.id;
          if (flow.userTasks[api.id]) closeTask(log, api);
          break;
        case 'activity.leave':
        case 'activity.discard':
          if (flow.userTasks[api.id]) closeTask(log, api);
          break;
        case 'flow.take':
          log.takenFlows.push(api.id);
          break;
      }
    },
  };
}

function closeTask(log: StepLog, api: ActivityApi): void {
  log.closed.add(api.executionId);
  log.waiting.delete(api.executionId);
}

/** Service tasks do nothing in the engine but say, in order, what the server must do. */
function recordActions(flow: FlowDefinition, activity: { id: string; behaviour: Record<string, unknown> }, log: StepLog): undefined {
  const definition = flow.serviceTasks[activity.id];
  if (!definition) return undefined;
  activity.behaviour.Service = function RecordedAction() {
    return {
      execute(_message: unknown, callback: (err: Error | null, output?: unknown) => void) {
        const action: ServiceAction = { elementId: definition.id, action: definition.action };
        if (definition.print) action.print = definition.print;
        if (definition.message) action.message = definition.message;
        log.actions.push(action);
        callback(null, {});
      },
    };
  };
  return undefined;
}

/** bpmn-engine's state minus the serialized flow source: the FlowDefinition brings it back. */
export async function captureEngineState(engine: Engine): Promise<unknown> {
  const state = (await engine.getState()) as unknown as { definitions?: Array<Record<string, unknown>> };
  for (const definition of state.definitions ?? []) delete definition.source;
  return state;
}
