import type { Text } from '../i18n/i18n.tsx';
import { graphqlRequest } from './graphql-client.ts';
import { taskFields, workspaceFields, type TaskSummary, type Workspace } from './workspace.ts';

/** Reviewers' side of the API: the inbox, one task with its application, completing it, ranking and reporting. */
export interface InboxItem {
  task: TaskSummary & { applicationId: string; openedAt: string; application: { programmeId: string } };
  applicationNumber: string;
  applicationStatus: string;
  applicantName: string;
  programmeTitle: string;
}

export interface InboxFilter {
  programmeId?: string;
  status?: 'open' | 'completed' | 'all';
  text?: string;
}

export async function loadInbox(filter: InboxFilter): Promise<InboxItem[]> {
  const result = await graphqlRequest<{ inbox: InboxItem[] }>(
    `query Inbox($filter: InboxFilter) { inbox(filter: $filter) {
      applicationNumber applicationStatus applicantName programmeTitle
      task { ${taskFields} applicationId openedAt application { programmeId } }
    } }`,
    { filter: { ...filter, text: filter.text || undefined, programmeId: filter.programmeId || undefined } },
  );
  return result.inbox;
}

export interface TaskWithApplication extends TaskSummary {
  applicationId: string;
  application: Workspace;
}

export async function loadTask(id: string): Promise<TaskWithApplication> {
  const result = await graphqlRequest<{ task: TaskWithApplication | null }>(
    `query Task($id: ID!) { task(id: $id) { ${taskFields} applicationId application { ${workspaceFields} } } }`,
    { id },
  );
  if (!result.task) throw new Error(`task ${id} not found`);
  return result.task;
}

export async function completeTask(taskId: string, outcome: string, data: Record<string, unknown> | undefined, reason: string | undefined): Promise<void> {
  await graphqlRequest(
    `mutation CompleteTask($taskId: ID!, $outcome: String!, $data: JSON, $reason: String) {
      completeTask(taskId: $taskId, outcome: $outcome, data: $data, reason: $reason) { id status }
    }`,
    { taskId, outcome, data: data ?? null, reason: reason ?? null },
  );
}

export interface RankingScope {
  programmeId: string;
  organisationId: string;
  taskDefinitionId: string;
}

export interface RankingCandidate {
  taskId: string;
  applicationId: string;
  applicationNumber: string;
  applicantName: string;
  rank: number | null;
}

export interface Ranking {
  quota: number | null;
  reported: { at: string; by: string; count: number } | null;
  candidates: RankingCandidate[];
}

const rankingFields = 'quota reported { at by count } candidates { taskId applicationId applicationNumber applicantName rank }';

export async function loadRanking(scope: RankingScope): Promise<Ranking> {
  return (await graphqlRequest<{ ranking: Ranking }>(`query Ranking($scope: RankingScope!) { ranking(scope: $scope) { ${rankingFields} } }`, { scope })).ranking;
}

/** Saves the order: `taskIds` are the ranked candidates, first = 推荐序号 1; the others stay unranked. */
export async function setRanking(scope: RankingScope, taskIds: string[]): Promise<Ranking> {
  return (await graphqlRequest<{ setRanking: Ranking }>(
    `mutation SetRanking($scope: RankingScope!, $taskIds: [ID!]!) { setRanking(scope: $scope, taskIds: $taskIds) { ${rankingFields} } }`,
    { scope, taskIds },
  )).setRanking;
}

/** Reports once; `data` is the report step's own form (e.g. a recommendation letter) when the flow has one. */
export async function reportRanking(scope: RankingScope, data?: Record<string, unknown>): Promise<{ reported: number; notReported: number }> {
  return (await graphqlRequest<{ reportRanking: { reported: number; notReported: number } }>(
    `mutation ReportRanking($scope: RankingScope!, $data: JSON) { reportRanking(scope: $scope, data: $data) { reported notReported } }`,
    { scope, data: data ?? null },
  )).reportRanking;
}

/** The form key of a report step, read from one of its tasks (all tasks of a step share it). */
export async function loadTaskFormKey(taskId: string): Promise<string | null> {
  const result = await graphqlRequest<{ task: { formKey: string | null } | null }>(`query TaskFormKey($id: ID!) { task(id: $id) { formKey } }`, { id: taskId });
  return result.task?.formKey ?? null;
}

export interface ProgrammeChoice {
  id: string;
  titleText: Text;
}

export const exportUrl = (programmeId: string, exportId: string) => `/api/exports/${encodeURIComponent(programmeId)}/${encodeURIComponent(exportId)}.xlsx`;
