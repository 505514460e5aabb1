export { loadFlow, inspectFlow, type FlowInspection } from './load-flow.ts';
export { startFlow, completeTask, fireTimer, withdrawFlow, rescheduleDeadlines } from './runner.ts';
export { localToInstant, addDuration } from './deadlines.ts';
export { walkFlowPaths, type FlowWalk, type WalkOptions } from './walk-paths.ts';
export { flowCheck, checkProgrammeFlow, type FlowCheckInput } from './flow-check.ts';
export { WORKFLOW_ERRORS, WorkflowError, workflowFailure, type WorkflowErrorCode, type WorkflowFailure } from './errors.ts';
export { SHENBAO_NAMESPACE, CAMUNDA_NAMESPACE, moddleExtensions } from './moddle-descriptors.ts';
export { isStepFailure } from './types.ts';
export type {
  FlowDefinition,
  UserTaskDefinition,
  ServiceTaskDefinition,
  EndEventDefinition,
  BoundaryTimerDefinition,
  GatewayDefinition,
  OpenTask,
  TimerRequest,
  ServiceAction,
  ServiceActionKind,
  FlowOutcome,
  TaskResult,
  SerializedState,
  StepResult,
  StepFailure,
  StepOutcome,
  StartOptions,
  CompleteTaskCommand,
  WorkflowEnvironment,
} from './types.ts';
