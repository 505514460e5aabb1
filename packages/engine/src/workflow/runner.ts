/**
 * The workflow's public verbs: state in, state out. Each call reads the saved state, does one thing (start / complete
 * a task / fire a timer), lets the interpreter run the flow to its next wait, and hands back the new state plus what
 * the server must mirror: open tasks, timers to persist, service actions to carry out, the outcome when it ended.
 * Nothing survives between calls but the JSON, so any server process can take any command.
 */
import { deadlineInstant } from './deadlines.ts';
import { evaluateFeel } from './feel-adapter.ts';
import { workflowFailure, type WorkflowFailure } from './errors.ts';
import { emptyRunLog, enterNode, FlowRunError, leaveNode, type RunLog } from './interpreter.ts';
import { readState } from './state.ts';
import type {
  CompleteTaskCommand,
  FlowDefinition,
  InterpreterState,
  OpenTask,
  SerializedState,
  StartOptions,
  StepOutcome,
  StepResult,
  TaskResult,
  TimerRequest,
  UserTaskDefinition,
  WorkflowEnvironment,
} from './types.ts';

const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Starts a new instance (the applicant submitted) and runs it to its first wait. */
export async function startFlow(flow: FlowDefinition, options: StartOptions): Promise<StepOutcome> {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const empty: SerializedState = { format: 'shenbao-flow/2', status: 'waiting', timeZone, taskSeq: 0, openTasks: [], timers: [], engine: { variables: {}, joins: {} } };
  return runStep(flow, empty, options.env, { closeTaskId: undefined }, (engine, log) => {
    Object.assign(engine.variables, options.variables);
    enterNode(flow, engine, log, flow.startEventId);
  });
}

/** Completes an open task with one of its outcomes; the result is visible to gateways as `<taskDefinitionId>`. */
export async function completeTask(flow: FlowDefinition, stateJson: unknown, command: CompleteTaskCommand, env: WorkflowEnvironment): Promise<StepOutcome> {
  const state = readState(stateJson);
  if (!state) return { error: workflowFailure('SB_ERR_STATE_INVALID') };
  const refused = refuseCompletion(state, command);
  if (refused) return { error: refused };
  const task = state.openTasks.find((t) => t.id === command.taskId) as OpenTask;
  const result: TaskResult = {
    outcome: command.outcome,
    data: command.data ?? {},
    reason: command.reason ?? null,
    actor: command.actor ?? null,
    taskId: task.id,
    completedAt: env.clock.now().toISOString(),
  };
  return runStep(flow, state, env, { closeTaskId: task.id }, (engine, log) => {
    // Gateways read process variables: the revised data first, then the task's result under its definition id.
    Object.assign(engine.variables, command.variables ?? {}, { [task.definitionId]: result });
    leaveNode(flow, engine, log, task.definitionId);
  });
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
    return resultOf(next, emptyRunLog());
  }
  const boundary = flow.boundaryTimers[boundaryEventId];
  if (!boundary || !state.openTasks.some((t) => t.id === timer.taskId)) return { error: workflowFailure('SB_ERR_TIMER_NOT_PENDING', { timerId }) };
  // An interrupting timer ends its task; a non-interrupting one leaves it open and only spends itself.
  const close = boundary.interrupting ? { closeTaskId: timer.taskId } : { closeTaskId: undefined, spentTimerId: timerId };
  return runStep(flow, state, env, close, (engine, log) => enterNode(flow, engine, log, boundaryEventId));
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
    outcome: { endEventId: null, outcome: 'withdrawn' },
    engine: null,
  };
  return resultOf(next, emptyRunLog());
}

/**
 * Works out the open tasks' deadlines again with fresh variables — an administrator moved a window the deadlines read
 * (`=windows.recommend.closes`). Timers still pending move with their deadline; a task already marked overdue whose
 * deadline now lies ahead is no longer overdue and waits for its deadline again. Nothing else changes.
 */
export function rescheduleDeadlines(flow: FlowDefinition, stateJson: unknown, variables: Record<string, unknown>, env: WorkflowEnvironment): StepOutcome {
  const state = readState(stateJson);
  if (!state) return { error: workflowFailure('SB_ERR_STATE_INVALID') };
  if (state.status === 'completed' || !state.engine) return { error: workflowFailure('SB_ERR_FLOW_FINISHED') };
  const now = env.clock.now();
  const merged = { ...state.engine.variables, ...variables };
  const pending = new Set(state.timers.map((t) => t.id));
  const openTasks: OpenTask[] = [];
  const timers: TimerRequest[] = [];
  for (const task of state.openTasks) {
    const definition = flow.userTasks[task.definitionId];
    if (!definition) return { error: workflowFailure('SB_ERR_ENGINE', { detail: `unknown user task ${task.definitionId}` }) };
    let deadlines: ReturnType<typeof taskDeadlines>;
    try {
      deadlines = taskDeadlines(flow, definition, task.id, merged, new Date(task.openedAt), state.timeZone);
    } catch (err) {
      return { error: workflowFailure('SB_ERR_EXPRESSION', { expr: task.definitionId, detail: err instanceof Error ? err.message : String(err) }) };
    }
    const { overdue: _overdue, dueAt: _dueAt, ...rest } = task;
    const extendedPastNow = task.overdue === true && deadlines.dueAt !== undefined && Date.parse(deadlines.dueAt) > now.getTime();
    const next: OpenTask = { ...rest, ...(deadlines.dueAt ? { dueAt: deadlines.dueAt } : {}), ...(task.overdue && !extendedPastNow ? { overdue: true } : {}) };
    openTasks.push(next);
    // A fired boundary timer has done its work; only timers still pending, or the overdue mark that was lifted, wait again.
    timers.push(...deadlines.timers.filter((t) => pending.has(t.id) || (extendedPastNow && !t.boundaryEventId)));
  }
  return resultOf({ ...state, openTasks, timers, engine: { ...state.engine, variables: merged } }, emptyRunLog());
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

/**
 * Runs one drive of the interpreter on a private copy of the saved state, opens a task for every user task it
 * reached, and puts the next state together. The saved state is never mutated: a refused step leaves it as it was.
 */
function runStep(
  flow: FlowDefinition,
  state: SerializedState,
  env: WorkflowEnvironment,
  ending: { closeTaskId: string | undefined; spentTimerId?: string },
  drive: (engine: InterpreterState, log: RunLog) => void,
): StepOutcome {
  if (state.status === 'completed' || !state.engine) return { error: workflowFailure('SB_ERR_FLOW_FINISHED') };
  const now = env.clock.now();
  const engine: InterpreterState = { variables: { ...state.engine.variables }, joins: { ...state.engine.joins } };
  const log = emptyRunLog();
  try {
    drive(engine, log);
  } catch (err) {
    if (err instanceof FlowRunError) return { error: workflowFailure('SB_ERR_ENGINE', { detail: err.message }) };
    throw err;
  }

  let taskSeq = state.taskSeq;
  const opened: OpenedTask[] = [];
  for (const definitionId of log.reachedTasks) {
    taskSeq += 1;
    try {
      opened.push(openTask(flow, definitionId, `${definitionId}-${taskSeq}`, engine.variables, now, state.timeZone));
    } catch (err) {
      return { error: workflowFailure('SB_ERR_EXPRESSION', { expr: definitionId, detail: err instanceof Error ? err.message : String(err) }) };
    }
  }
  const stillOpen = state.openTasks.filter((t) => t.id !== ending.closeTaskId);
  const openTasks = [...stillOpen, ...opened.map((o) => o.task)];
  const openIds = new Set(openTasks.map((t) => t.id));
  const timers = [...state.timers.filter((t) => openIds.has(t.taskId) && t.id !== ending.spentTimerId), ...opened.flatMap((o) => o.timers)];

  if (openTasks.length > 0) {
    return resultOf({ ...state, status: 'waiting', taskSeq, openTasks, timers, engine }, log);
  }
  // Nothing waits at a task any more, so nothing can move the flow again: it has ended, at the end event reached last.
  if (!log.endEventId) {
    return { error: workflowFailure('SB_ERR_ENGINE', { detail: 'no task is open and no end event was reached (a parallel join that cannot complete?)' }) };
  }
  const end = flow.endEvents[log.endEventId];
  const outcome: SerializedState['outcome'] = { endEventId: log.endEventId, outcome: end?.outcome ?? log.endEventId };
  if (end?.validFor) outcome.validFor = end.validFor;
  return resultOf({ ...state, status: 'completed', taskSeq, openTasks: [], timers: [], outcome, engine: null }, log);
}

interface OpenedTask {
  task: OpenTask;
  timers: TimerRequest[];
}

/** A task that just started waiting: its organisation and deadlines resolved against the variables of that moment. */
function openTask(flow: FlowDefinition, definitionId: string, id: string, variables: Record<string, unknown>, now: Date, timeZone: string): OpenedTask {
  const definition = flow.userTasks[definitionId];
  if (!definition) throw new Error(`unknown user task ${definitionId}`);
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
  const { dueAt, timers } = taskDeadlines(flow, definition, id, variables, now, timeZone);
  if (dueAt) task.dueAt = dueAt;
  return { task, timers };
}

/**
 * A task's deadline and its timers, from its definition and the variables. Durations (`P10D`) count from `openedAt`,
 * so computing them again later (after a window moved) gives the same instant for them.
 */
function taskDeadlines(flow: FlowDefinition, definition: UserTaskDefinition, taskId: string, variables: Record<string, unknown>, openedAt: Date, timeZone: string): { dueAt: string | undefined; timers: TimerRequest[] } {
  const instant = (expr: string, what: string): string => {
    const due = deadlineInstant(evaluateFeel(expr, variables), openedAt, timeZone);
    if (!due) throw new Error(`${what} ${expr} gave no date`);
    return due.toISOString();
  };
  const dueAt = definition.dueDateExpr ? instant(definition.dueDateExpr, 'shenbao:dueDate') : undefined;
  // Without a boundary timer the deadline only marks the task overdue; with one it moves the flow.
  const timers: TimerRequest[] = [];
  if (definition.deadlineEvents.length === 0 && dueAt) {
    timers.push({ id: `${taskId}/deadline`, kind: 'task-deadline', taskId, dueAt });
  }
  for (const boundaryId of definition.deadlineEvents) {
    const boundary = flow.boundaryTimers[boundaryId];
    const own = boundary?.timeDate ?? boundary?.timeDuration;
    const due = own ? instant(own, `timer ${boundaryId}`) : dueAt;
    if (!due) throw new Error(`timer ${boundaryId} has no time and its task no dueDate`);
    timers.push({ id: `${taskId}/${boundaryId}`, kind: 'task-deadline', taskId, dueAt: due, boundaryEventId: boundaryId });
  }
  return { dueAt, timers };
}

function resultOf(state: SerializedState, log: RunLog): StepResult {
  const result: StepResult = {
    state,
    status: state.status,
    openTasks: state.openTasks,
    timers: state.timers,
    actions: log.actions,
    trail: log.trail,
    takenFlows: log.takenFlows,
  };
  if (state.outcome) result.outcome = state.outcome;
  return result;
}
