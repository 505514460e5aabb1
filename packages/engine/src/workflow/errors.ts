import { errorMessage, errorRegistry, type ErrorCode } from '../errors.ts';
import type { Message } from '../text.ts';

/**
 * Every way a workflow command can be refused or a flow can be wrong, with its message in both
 * languages. Commands return these as data (`{ error }`); only `loadFlow` throws (a flow that
 * does not load is a programme bug, caught by `check` long before users meet it).
 */
const WORKFLOW_ERROR_CODES = [
  'SB_ERR_FLOW_XML', 'SB_ERR_FLOW_NO_PROCESS', 'SB_ERR_FLOW_INVALID', 'SB_ERR_TASK_NOT_OPEN', 'SB_ERR_OUTCOME_NOT_ALLOWED',
  'SB_ERR_REASON_REQUIRED', 'SB_ERR_TIMER_NOT_PENDING', 'SB_ERR_NOT_WITHDRAWABLE', 'SB_ERR_FLOW_FINISHED',
  'SB_ERR_STATE_INVALID', 'SB_ERR_EXPRESSION', 'SB_ERR_ENGINE',
] as const satisfies readonly ErrorCode[];

/** The registry entries a workflow command or flow can fail with (their words live in ../errors.ts). */
export const WORKFLOW_ERRORS = Object.fromEntries(WORKFLOW_ERROR_CODES.map((code) => [code, errorRegistry[code]])) as {
  [K in (typeof WORKFLOW_ERROR_CODES)[number]]: (typeof errorRegistry)[K];
};

export type WorkflowErrorCode = (typeof WORKFLOW_ERROR_CODES)[number];

/** A refused command or failed step, as data. */
export interface WorkflowFailure {
  code: WorkflowErrorCode;
  message: Message;
  params?: Record<string, string>;
}

/** Fills `{name}` placeholders of the code's message. */
export function workflowFailure(code: WorkflowErrorCode, params: Record<string, string> = {}): WorkflowFailure {
  return { code, message: errorMessage(code, params), params };
}

/** Thrown only where a caller cannot go on (a flow that does not load). */
export class WorkflowError extends Error {
  readonly failure: WorkflowFailure;
  constructor(failure: WorkflowFailure) {
    super(failure.message.en);
    this.name = 'WorkflowError';
    this.failure = failure;
  }
  get code(): WorkflowErrorCode {
    return this.failure.code;
  }
}
