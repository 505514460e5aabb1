import type { FormErrors } from '../forms/engine-adapter.ts';
import type { SectionSnapshot } from '../forms/use-section-save.ts';
import { graphqlRequest } from './graphql-client.ts';

/**
 * The reviewer's task-form draft (暂存 / autosave while the task is open). Each save names the draft revision it
 * edited; a stale one answers SB_ERR_CONFLICT (a colleague of the unit saved meanwhile). Errors are relative to the
 * task form and only about wrong entries, never about fields not filled yet.
 */
export const saveTaskDraftMutation = `mutation SaveTaskDraft($taskId: ID!, $data: JSON!, $dataRevision: Int!, $outcome: String) {
  saveTaskDraft(taskId: $taskId, data: $data, dataRevision: $dataRevision, outcome: $outcome) { errors task { id data dataRevision } }
}`;

export async function loadTaskDraft(taskId: string): Promise<SectionSnapshot> {
  const result = await graphqlRequest<{ task: { data: Record<string, unknown> | null; dataRevision: number } | null }>(
    'query TaskDraft($id: ID!) { task(id: $id) { data dataRevision } }', { id: taskId });
  if (!result.task) throw new Error(`task ${taskId} not found`);
  return { data: result.task.data ?? {}, version: result.task.dataRevision };
}

export async function saveTaskDraft(taskId: string, data: Record<string, unknown>, dataRevision: number, outcome: string | null): Promise<SectionSnapshot> {
  const result = await graphqlRequest<{ saveTaskDraft: { errors: FormErrors; task: { data: Record<string, unknown> | null; dataRevision: number } } }>(
    saveTaskDraftMutation, { taskId, data, dataRevision, outcome });
  const saved = result.saveTaskDraft;
  return { data: saved.task.data ?? {}, version: saved.task.dataRevision, errors: saved.errors };
}
