import type { Environment } from '../environment.ts';
import type { WorkflowFailure } from './errors.ts';

/** What the runner needs from the engine Environment: only the clock. */
export type WorkflowEnvironment = Pick<Environment, 'clock'> & Partial<Environment>;

/** A user task as declared in flow.bpmn. */
export interface UserTaskDefinition {
  id: string;
  name: string;
  /** camunda:candidateGroups — the role that works the task (first group if several). */
  role: string | undefined;
  roles: string[];
  formKey: string | undefined;
  /** shenbao:organisation — a FEEL expression giving the organisation id of the unit that sees the task. */
  organisationExpr: string | undefined;
  outcomes: string[];
  withdrawable: boolean;
  kind: 'review' | 'revise' | 'report';
  /** shenbao:dueDate — a FEEL expression (or literal) giving the deadline: a date-time or a duration. */
  dueDateExpr: string | undefined;
  /** Boundary timer events attached to this task: where the flow goes when its deadline passes. */
  deadlineEvents: string[];
}

export type ServiceActionKind = 'freeze' | 'print' | 'notify';

export interface ServiceTaskDefinition {
  id: string;
  name: string;
  action: ServiceActionKind;
  print: string | undefined;
  message: string | undefined;
}

export interface EndEventDefinition {
  id: string;
  name: string;
  outcome: string | undefined;
  validFor: string | undefined;
}

export interface BoundaryTimerDefinition {
  id: string;
  attachedTo: string;
  interrupting: boolean;
  /** Own timeDate / timeDuration, if any; otherwise the task's shenbao:dueDate applies. */
  timeDate: string | undefined;
  timeDuration: string | undefined;
}

/** A sequence flow as the element it leaves sees it. */
export interface OutgoingFlow {
  flowId: string;
  target: string;
  /** FEEL (`=…`) that must be true for the flow to be taken; none = always. */
  condition: string | undefined;
}

export interface GatewayDefinition {
  id: string;
  type: string;
  defaultFlow: string | undefined;
  outgoing: OutgoingFlow[];
}

/** How the interpreter treats a flow node (interpreter.ts); `pass` elements do nothing but pass the token on. */
export type FlowNodeKind = 'start' | 'end' | 'userTask' | 'serviceTask' | 'exclusive' | 'parallel' | 'inclusive' | 'boundary' | 'pass';

/** A flow node with its sequence flows, as the interpreter walks it. */
export interface FlowNode {
  id: string;
  kind: FlowNodeKind;
  /** Outgoing sequence flows in document order. */
  outgoing: OutgoingFlow[];
  /** Incoming sequence flow ids (a parallel join waits for a token on each). */
  incoming: string[];
  defaultFlow: string | undefined;
}

/** A flow, parsed once per programme version; the runner and walkFlowPaths take it. */
export interface FlowDefinition {
  processId: string;
  userTasks: Record<string, UserTaskDefinition>;
  serviceTasks: Record<string, ServiceTaskDefinition>;
  endEvents: Record<string, EndEventDefinition>;
  gateways: Record<string, GatewayDefinition>;
  boundaryTimers: Record<string, BoundaryTimerDefinition>;
  /** Every flow node and sequence flow id (for reachability reports). */
  elementIds: string[];
  /** Every flow node the interpreter can enter, by id. */
  nodes: Record<string, FlowNode>;
  /** The process's one none start event. */
  startEventId: string;
}

/** A user task waiting for someone, as the server mirrors it into its tasks table. */
export interface OpenTask {
  /** Unique within the instance: `<definitionId>-<n>`, n counting every task opened so far. */
  id: string;
  definitionId: string;
  name: string;
  role: string | undefined;
  formKey: string | undefined;
  organisationExpr: string | undefined;
  /** The organisation id the expression gave when the task opened (null when it gave nothing). */
  organisation: string | null;
  outcomes: string[];
  withdrawable: boolean;
  kind: 'review' | 'revise' | 'report';
  openedAt: string;
  dueAt?: string;
  /** True once its deadline timer fired while the task stayed open. */
  overdue?: boolean;
}

/** A timer the server persists and fires (fireTimer) once `dueAt` has passed. */
export interface TimerRequest {
  id: string;
  kind: 'task-deadline';
  taskId: string;
  dueAt: string;
  /** The boundary timer event this fires; absent when a deadline only marks the task overdue. */
  boundaryEventId?: string;
}

/** A service task's side effect, for the server to carry out in the same transaction. */
export interface ServiceAction {
  elementId: string;
  action: ServiceActionKind;
  print?: string;
  message?: string;
}

export interface FlowOutcome {
  /** The end event reached; null when the applicant withdrew. */
  endEventId: string | null;
  outcome: string;
  validFor?: string;
}

/** What a completed task leaves in the variables under its definition id, for gateways and prints. */
export interface TaskResult {
  outcome: string;
  data: Record<string, unknown>;
  reason: string | null;
  actor: string | null;
  taskId: string;
  completedAt: string;
}

/** Opaque to callers except for being plain JSON: store it as is, hand it back on the next command. */
/** What the interpreter keeps between steps besides the open tasks: variables and half-joined gateways. */
export interface InterpreterState {
  /** Process variables: the application's data as FEEL sees it, plus each completed task's result under its id. */
  variables: Record<string, unknown>;
  /** Parallel joins that tokens have reached on some of their incoming flows: gateway id → flow ids arrived. */
  joins: Record<string, string[]>;
}

export interface SerializedState {
  format: 'shenbao-flow/2';
  status: 'waiting' | 'completed';
  timeZone: string;
  taskSeq: number;
  openTasks: OpenTask[];
  timers: TimerRequest[];
  outcome?: FlowOutcome;
  /** The interpreter's variables and half-joined gateways; null once the flow has ended. */
  engine: InterpreterState | null;
}

export interface StepResult {
  state: SerializedState;
  status: 'waiting' | 'completed';
  openTasks: OpenTask[];
  timers: TimerRequest[];
  /** Service actions executed in this step, in order. */
  actions: ServiceAction[];
  /** Flow node ids entered in this step, in order (for history and path walking). */
  trail: string[];
  /** Sequence flow ids taken in this step. */
  takenFlows: string[];
  outcome?: FlowOutcome;
}

export interface StepFailure {
  error: WorkflowFailure;
}

export type StepOutcome = StepResult | StepFailure;

export function isStepFailure(result: StepOutcome): result is StepFailure {
  return 'error' in result;
}

export interface StartOptions {
  /** The application's data as FEEL sees it: sections by id, `application`, `windows` … */
  variables: Record<string, unknown>;
  env: WorkflowEnvironment;
  /** Zone for deadlines written without an offset (the programme's timeZone). */
  timeZone?: string;
}

export interface CompleteTaskCommand {
  taskId: string;
  outcome: string;
  data?: Record<string, unknown>;
  reason?: string | null;
  actor?: string | null;
  /** Fresh application data (e.g. the applicant's revised sections), merged into the variables first. */
  variables?: Record<string, unknown>;
}
