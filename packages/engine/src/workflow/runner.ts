/**
 * The workflow's public verbs: state in, state out. Each call builds a fresh bpmn-engine,
 * recovers the saved state into it, does one thing (start / complete a task / fire a timer),
 * runs to the next wait and hands back the new state plus what the server must mirror:
 * open tasks, timers to persist, service actions to carry out, the outcome when it ended.
 */
import { createSession, listenerFor, captureEngineState, type ActivityApi, type EngineSession } from './engine-session.ts';
import { deadlineInstant } from './deadlines.ts';
import { evaluateFeel } from './feel-adapter.ts';
import { workflowFailure, type WorkflowFailure } from './errors.ts';
import { readState } from './state.ts';
import type { WarmEngineKeys } from './warm-cache.ts';
import type {
  CompleteTaskCommand,
  FlowDefinition,
  OpenTask,
  SerializedState,
  StartOptions,
  StepOutcome,
  StepResult,
  TaskResult,
  TimerRequest,
  WorkflowEnvironment,
} from './types.ts';

const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Starts a new instance (the applicant submitted) and runs it to its first wait. */
export async function startFlow(flow: FlowDefinition, options: StartOptions & { warm?: Omit<WarmEngineKeys, 'readKey'> }): Promise<StepOutcome> {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const empty: SerializedState = { format: 'shenbao-flow/1', status: 'waiting', timeZone, taskSeq: 0, openTasks: [], timers: [], taskExecutions: {}, engine: null };
  return runStep(flow, empty, options.env, async (session, listener) => {
    await session.engine.execute({ listener, variables: { ...options.variables } });
    return undefined;
  }, options.warm ? { ...options.warm, readKey: '' } : undefined);
}

/** Completes an open task with one of its outcomes; the result is visible to gateways as `<taskDefinitionId>`. */
export async function completeTask(
  flow: FlowDefinition,
  stateJson: unknown,
  command: CompleteTaskCommand,
  env: WorkflowEnvironment,
  warm?: WarmEngineKeys,
): Promise<StepOutcome> {
  const state = readState(stateJson);
  if (!state) return { error: workflowFailure('SB_ERR_STATE_INVALID') };
  const refused = refuseCompletion(state, command);
  if (refused) return { error: refused };
  const task = state.openTasks.find((t) => t.id === command.taskId) as OpenTask;
  const executionId = state.taskExecutions[task.id];
  const completedAt = env.clock.now().toISOString();
  return runStep(flow, state, env, async (session, listener, isWarm) => {
    if (!isWarm) await resume(session, state, listener);
    const api = executionId ? session.log.waiting.get(executionId) : undefined;
    if (!api) return workflowFailure('SB_ERR_TASK_NOT_OPEN', { taskId: command.taskId });
    const result: TaskResult = {
      outcome: command.outcome,
      data: command.data ?? {},
      reason: command.reason ?? null,
      actor: command.actor ?? null,
      taskId: task.id,
      completedAt,
    };
    // Gateways read process variables, not task output: put the result where FEEL sees it.
    Object.assign(api.environment.variables, command.variables ?? {}, { [task.definitionId]: result });
    api.signal(result);
    return undefined;
  }, warm);
}

/** Fires a due timer: a deadline with a boundary event moves the flow; one without marks the task overdue. */
export async function fireTimer(flow: FlowDefinition, stateJson: unknown, timerId: string, env: WorkflowEnvironment): Promise<StepOutcome> {
  const state = readState(stateJson);
  if (!state) return { error: workflowFailure('SB_ERR_STATE_INVALID') };
  const timer = state.timers.find((t) => t.id === timerId);
  if (!timer) return { error: workflowFailure('SB_ERR_TIMER_NOT_PENDING', { timerId }) };
  const boundaryEventId = timer.boundaryEventId;
  if (!boundaryEventId) {
    const openTasks = state.openTasks.map((t) => (t.id === timer.taskId ? { ...t, overdue: true } : t));
    const next: SerializedState = { ...state, openTasks, timers: state.timers.filter((t) => t.id !== timerId) };
    return resultOf(next, { actions: [], trail: [] });
  }
  return runStep(flow, state, env, async (session, listener) => {
    await resume(session, state, listener);
    const api = session.log.armedTimers.get(boundaryEventId);
    if (!api) return workflowFailure('SB_ERR_TIMER_NOT_PENDING', { timerId });
    api.signal();
    return undefined;
  });
}

/** The applicant takes the application back while a withdrawable task is untouched; the instance ends. */
export function withdrawFlow(stateJson: unknown): StepOutcome {
  const state = readState(stateJson);
  if (!state) return { error: workflowFailure('SB_ERR_STATE_INVALID') };
  if (state.status === 'completed') return { error: workflowFailure('SB_ERR_FLOW_FINISHED') };
  if (!state.openTasks.some((t) => t.withdrawable)) return { error: workflowFailure('SB_ERR_NOT_WITHDRAWABLE') };
  const next: SerializedState = {
    ...state,
    status: 'completed',
    openTasks: [],
    timers: [],
    taskExecutions: {},
    outcome: { endEventId: null, outcome: 'withdrawn' },
    engine: null,
  };
  return resultOf(next, { actions: [], trail: [] });
}

function refuseCompletion(state: SerializedState, command: CompleteTaskCommand): WorkflowFailure | undefined {
  const task = state.openTasks.find((t) => t.id === command.taskId);
  if (!task) return workflowFailure('SB_ERR_TASK_NOT_OPEN', { taskId: command.taskId });
  if (!task.outcomes.includes(command.outcome)) {
    return workflowFailure('SB_ERR_OUTCOME_NOT_ALLOWED', { taskId: task.id, outcome: command.outcome, allowed: task.outcomes.join(', ') });
  }
  if (command.outcome === 'return' && !(command.reason ?? '').trim()) return workflowFailure('SB_ERR_REASON_REQUIRED');
  return undefined;
}

type Listener = ReturnType<typeof listenerFor>;
type Drive = (session: EngineSession, listener: Listener, isWarm: boolean) => Promise<WorkflowFailure | undefined>;

async function resume(session: EngineSession, state: SerializedState, listener: Listener): Promise<void> {
  session.engine.recover(structuredClone(state.engine) as never);
  await session.engine.resume({ listener });
}

/** Runs one drive on a fresh engine and reconciles what it reported with the saved state. */
async function runStep(flow: FlowDefinition, state: SerializedState, env: WorkflowEnvironment, drive: Drive, warm?: WarmEngineKeys): Promise<StepOutcome> {
  const now = env.clock.now();
  const cached = warm?.readKey ? warm.cache.take(warm.readKey) : undefined;
  const isWarm = cached !== undefined && state.stepId !== undefined && cached.stepId === state.stepId;
  const session = isWarm ? cached.session : createSession(flow);
  if (isWarm) startNextStep(session);
  const opened: OpenedTask[] = [];
  const executions: Record<string, string> = { ...state.taskExecutions };
  const known = new Set(Object.values(state.taskExecutions));
  let taskSeq = state.taskSeq;
  let expressionFailure: WorkflowFailure | undefined;
  session.onTaskWaiting = (api: ActivityApi) => {
    if (known.has(api.executionId)) return;
    known.add(api.executionId);
    taskSeq += 1;
    try {
      const fresh = openTask(flow, api, `${api.id}-${taskSeq}`, now, state.timeZone);
      opened.push(fresh);
      executions[fresh.task.id] = api.executionId;
    } catch (err) {
      expressionFailure ??= workflowFailure('SB_ERR_EXPRESSION', { expr: api.id, detail: err instanceof Error ? err.message : String(err) });
    }
  };
  const listener = listenerFor(flow, session);
  let refused: WorkflowFailure | undefined;
  try {
    refused = await drive(session, listener, isWarm);
  } catch (err) {
    session.log.error ??= err;
  }
  if (refused) return { error: refused };
  if (session.log.error) return { error: workflowFailure('SB_ERR_ENGINE', { detail: errorText(session.log.error) }) };
  if (expressionFailure) return { error: expressionFailure };

  const { log } = session;
  const stillOpen = state.openTasks.filter((t) => !log.closed.has(state.taskExecutions[t.id] ?? ''));
  const stillOpenFresh = opened.filter((o) => !log.closed.has(executions[o.task.id] ?? ''));
  const openTasks = [...stillOpen, ...stillOpenFresh.map((o) => o.task)];
  const openIds = new Set(openTasks.map((t) => t.id));
  for (const id of Object.keys(executions)) if (!openIds.has(id)) delete executions[id];
  const timers = [...state.timers.filter((t) => openIds.has(t.taskId)), ...stillOpenFresh.flatMap((o) => o.timers)];

  const completed = log.endEventId !== undefined && openTasks.length === 0;
  const next: SerializedState = {
    ...state,
    status: completed ? 'completed' : 'waiting',
    taskSeq,
    openTasks,
    timers,
    taskExecutions: executions,
    engine: completed ? null : await captureEngineState(session.engine),
  };
  if (!completed) {
    next.stepId = env.ids?.next('step') ?? randomStepId();
    if (warm) {
      for (const executionId of log.closed) log.waiting.delete(executionId);
      warm.cache.put(warm.writeKey, { session, stepId: next.stepId });
    }
  } else {
    delete next.stepId;
  }
  if (completed) {
    const end = flow.endEvents[log.endEventId as string];
    next.outcome = { endEventId: log.endEventId as string, outcome: end?.outcome ?? log.endEventId ?? 'completed' };
    if (end?.validFor) next.outcome.validFor = end.validFor;
  }
  return resultOf(next, { actions: log.actions, trail: log.trail, takenFlows: log.takenFlows });
}

/** Clears what the previous step recorded, keeping the tasks that still wait. */
function startNextStep(session: EngineSession): void {
  const { log } = session;
  log.trail = [];
  log.takenFlows = [];
  log.actions = [];
  log.closed = new Set();
  log.endEventId = undefined;
  log.error = undefined;
}

/** Identifies one saved state, so a warm engine is only ever used for the state it is in. */
function randomStepId(): string {
  return globalThis.crypto.randomUUID();
}

interface OpenedTask {
  task: OpenTask;
  timers: TimerRequest[];
}

/** A task that just started waiting: its organisation and deadlines resolved against the variables of that moment. */
function openTask(flow: FlowDefinition, api: ActivityApi, id: string, now: Date, timeZone: string): OpenedTask {
  const definition = flow.userTasks[api.id];
  if (!definition) throw new Error(`unknown user task ${api.id}`);
  const variables = api.environment.variables;
  const dueAt = (expr: string, what: string): string => {
    const due = deadlineInstant(evaluateFeel(expr, variables), now, timeZone);
    if (!due) throw new Error(`${what} ${expr} gave no date`);
    return due.toISOString();
  };
  const organisation = definition.organisationExpr ? evaluateFeel(definition.organisationExpr, variables) : null;
  const task: OpenTask = {
    id,
    definitionId: definition.id,
    name: definition.name,
    role: definition.role,
    formKey: definition.formKey,
    organisationExpr: definition.organisationExpr,
    organisation: organisation === null || organisation === undefined ? null : String(organisation),
    outcomes: definition.outcomes,
    withdrawable: definition.withdrawable,
    kind: definition.kind,
    openedAt: now.toISOString(),
  };
  if (definition.dueDateExpr) task.dueAt = dueAt(definition.dueDateExpr, 'shenbao:dueDate');

  // Without a boundary timer the deadline only marks the task overdue; with one it moves the flow.
  const timers: TimerRequest[] = [];
  if (definition.deadlineEvents.length === 0 && task.dueAt) {
    timers.push({ id: `${id}/deadline`, kind: 'task-deadline', taskId: id, dueAt: task.dueAt });
  }
  for (const boundaryId of definition.deadlineEvents) {
    const boundary = flow.boundaryTimers[boundaryId];
    const own = boundary?.timeDate ?? boundary?.timeDuration;
    const due = own ? dueAt(own, `timer ${boundaryId}`) : task.dueAt;
    if (!due) throw new Error(`timer ${boundaryId} has no time and its task no dueDate`);
    timers.push({ id: `${id}/${boundaryId}`, kind: 'task-deadline', taskId: id, dueAt: due, boundaryEventId: boundaryId });
  }
  return { task, timers };
}

function resultOf(state: SerializedState, log: { actions: StepResult['actions']; trail: string[]; takenFlows?: string[] }): StepResult {
  const result: StepResult = {
    state,
    status: state.status,
    openTasks: state.openTasks,
    timers: state.timers,
    actions: log.actions,
    trail: log.trail,
    takenFlows: log.takenFlows ?? [],
  };
  if (state.outcome) result.outcome = state.outcome;
  return result;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
