/**
 * What higher areas may do when an application moves through its flow (hooks.ts): the print area checks the stamped
 * scan before a submit and queues the prints a flow step asks for. Every hook runs inside the command's transaction.
 */
import type { Transaction } from '../db/client.ts';
import type { Hook } from '../hooks.ts';
import type { SessionUser } from '../access/session-user.ts';
import type { ApplicationRow } from '../applications/application.service.ts';
import type { ProgrammeRuntime } from '../programmes/programme-runtime.ts';
import type { StepEffects } from './flow-persistence.ts';

export interface WorkflowHooks {
  /** After validation, before the flow starts or resumes: throwing an AppError refuses the submit. */
  beforeSubmit: readonly Hook<[tx: Transaction, application: ApplicationRow, runtime: ProgrammeRuntime]>[];
  /** After every flow step (submit, task completed, report, timer fired), with what the step asked for. */
  afterStep: readonly Hook<[tx: Transaction, application: ApplicationRow, effects: StepEffects, actor: SessionUser | null]>[];
}

export const noWorkflowHooks: WorkflowHooks = { beforeSubmit: [], afterStep: [] };
