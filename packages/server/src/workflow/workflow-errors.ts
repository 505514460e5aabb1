import type { WorkflowFailure } from '@shenbao/engine';
import { AppError } from '../errors.ts';

/** Turns a workflow refusal into the API's error: a task someone else just completed is a lost race. */
export function workflowToAppError(failure: WorkflowFailure): AppError {
  switch (failure.code) {
    case 'SB_ERR_TASK_NOT_OPEN':
      return new AppError('SB_ERR_CONFLICT');
    case 'SB_ERR_OUTCOME_NOT_ALLOWED':
      return new AppError('SB_ERR_OUTCOME_NOT_ALLOWED', { outcome: String(failure.params?.outcome ?? '') });
    case 'SB_ERR_REASON_REQUIRED':
      return new AppError('SB_ERR_REASON_REQUIRED');
    case 'SB_ERR_NOT_WITHDRAWABLE':
    case 'SB_ERR_FLOW_FINISHED':
      return new AppError('SB_ERR_NOT_WITHDRAWABLE');
    default:
      // The flow itself is broken (bad state, an expression that fails at run time): not the user's doing.
      return new AppError('SB_ERR_INTERNAL', {}, { workflow: failure.code, message: failure.message });
  }
}
