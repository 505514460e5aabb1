import type { Message, Text } from '../i18n/i18n.tsx';
import type { FormErrors } from '../forms/engine-adapter.ts';
import { graphqlRequest } from './graphql-client.ts';
import type { SectionDefinition } from './sections.ts';
import type { WindowState } from './programmes.ts';

/**
 * The application workspace: everything the applicant's overview, review-and-submit page and the reviewer's read-only
 * view need in one query (the application, its programme version's forms, tasks and history).
 */
export interface HistoryEvent {
  id: string;
  at: string;
  actorName: string | null;
  action: string;
  taskName: string | null;
  outcome: string | null;
  opinion: string | null;
  details: Record<string, unknown>;
}

export interface TaskSummary {
  id: string;
  definitionId: string;
  name: string;
  role: string;
  organisationId: string;
  formKey: string | null;
  kind: 'review' | 'revise' | 'report';
  outcomes: string[];
  withdrawable: boolean;
  status: 'open' | 'completed' | 'cancelled';
  dueAt: string | null;
  outcome: string | null;
  reason: string | null;
  data: Record<string, unknown> | null;
}

export interface PrintDefinition {
  id: string;
  title: Text;
  roles?: string[];
  stampedScan?: boolean;
}

export interface ExportDefinition {
  id: string;
  title: Text;
  roles?: string[];
}

export interface WorkspaceProgramme {
  id: string;
  title: string;
  titleText: Text;
  sections: SectionDefinition[];
  taskForms: SectionDefinition[];
  prints: PrintDefinition[];
  exports: ExportDefinition[];
  outcomes: Record<string, { title?: Text } | Text>;
  submit: { requireStampedScan?: string; instructions?: Text } | null;
  /** Some step of the flow lets the applicant withdraw (shenbao:withdrawable); the submit dialog may promise it only then. */
  withdrawable: boolean;
  roles: Record<string, { title: Text; kind: 'applicant' | 'reviewer' | string }>;
  applyWindow: WindowState | null;
}

export interface Workspace {
  id: string;
  number: string;
  programmeId: string;
  status: 'draft' | 'in_review' | 'returned' | 'completed';
  outcome: string | null;
  data: Record<string, Record<string, unknown>>;
  sectionRevisions: Record<string, number>;
  revision: number;
  frozen: boolean;
  submittedAt: string | null;
  returnReason: string | null;
  applicant: { id: string; name: string };
  tasks: TaskSummary[];
  history: HistoryEvent[];
  programme: WorkspaceProgramme;
}

export const taskFields = 'id definitionId name role organisationId formKey kind outcomes withdrawable status dueAt outcome reason data';

export const workspaceFields = `id number programmeId status outcome data sectionRevisions revision frozen submittedAt returnReason
  applicant { id name }
  tasks { ${taskFields} }
  history { id at actorName action taskName outcome opinion details }
  programme {
    id title titleText prints exports outcomes submit roles withdrawable
    applyWindow { id title phase opens closes secondsLeft }
    sections { id title titleText schema ui }
    taskForms { id title titleText schema ui }
  }`;

export async function loadWorkspace(id: string): Promise<Workspace> {
  const result = await graphqlRequest<{ application: Workspace | null }>(`query Workspace($id: ID!) { application(id: $id) { ${workspaceFields} } }`, { id });
  if (!result.application) throw new Error(`application ${id} not found`);
  return result.application;
}

export interface RuleResult {
  id: string;
  severity: 'error' | 'warning' | string;
  passed: boolean;
  message: Message;
  fields: string[];
}

/** A rule that blocks submitting. The engine says `hard` / `soft`; anything but `soft` is taken as blocking. */
export function isHardRule(rule: Pick<RuleResult, 'severity'>): boolean {
  return rule.severity !== 'soft' && rule.severity !== 'warning';
}

/**
 * What blocks submitting, at the fields: the field errors plus each failed hard rule's message at every field it
 * names, so a section whose values break a hard rule is not marked complete (no green ✓ for what submit refuses).
 */
export function precheckBlockers(precheck: Precheck): FormErrors {
  const blockers: FormErrors = { ...precheck.errors };
  for (const rule of precheck.rules) {
    if (rule.passed || !isHardRule(rule)) continue;
    for (const pointer of rule.fields) blockers[pointer] = [...(blockers[pointer] ?? []), rule.message];
  }
  return blockers;
}

export interface Precheck {
  errors: FormErrors;
  rules: RuleResult[];
}

export async function loadPrecheck(applicationId: string): Promise<Precheck> {
  const result = await graphqlRequest<{ precheck: Precheck }>(
    `query Precheck($id: ID!) { precheck(applicationId: $id) { errors rules { id severity passed message { zh en } fields } } }`,
    { id: applicationId },
  );
  return result.precheck;
}

/** Submits the whole application; `revision` makes a second click (or a second tab) harmless. */
export async function submitApplication(applicationId: string, revision: number): Promise<void> {
  await graphqlRequest(`mutation Submit($id: ID!, $revision: Int) { submitApplication(applicationId: $id, revision: $revision) { id status } }`, { id: applicationId, revision });
}

export async function withdrawApplication(applicationId: string): Promise<void> {
  await graphqlRequest(`mutation Withdraw($id: ID!) { withdrawApplication(applicationId: $id) { id status } }`, { id: applicationId });
}

/**
 * Which sections are complete: saved at least once and without an error under their pointer prefix. The server's
 * precheck is the judge, so the marks agree with what submit will say.
 */
export function sectionCompletion(workspace: Pick<Workspace, 'sectionRevisions'>, sectionIds: string[], errors: FormErrors | undefined): Record<string, 'done' | 'errors' | 'empty'> {
  const marks: Record<string, 'done' | 'errors' | 'empty'> = {};
  const pointers = Object.keys(errors ?? {});
  for (const id of sectionIds) {
    const hasErrors = pointers.some((pointer) => pointer === `/${id}` || pointer.startsWith(`/${id}/`));
    const saved = (workspace.sectionRevisions[id] ?? 0) > 0;
    // A section nobody has touched is "not started", not "wrong", even though its required fields are empty.
    marks[id] = !saved ? 'empty' : hasErrors ? 'errors' : 'done';
  }
  return marks;
}

/** The programme's role ids of one kind (programme roles are named by each notice; their kind is what the UI knows). */
export function rolesOfKind(programme: Pick<WorkspaceProgramme, 'roles'>, kind: string): string[] {
  return Object.entries(programme.roles ?? {}).filter(([, role]) => role.kind === kind).map(([id]) => id);
}

/** Field errors grouped by form id (the first pointer segment), for "what is wrong where" lists. */
export function errorsBySection(errors: FormErrors): Map<string, Array<{ pointer: string; messages: Message[] }>> {
  const grouped = new Map<string, Array<{ pointer: string; messages: Message[] }>>();
  for (const [pointer, messages] of Object.entries(errors)) {
    const sectionId = pointer.split('/')[1] ?? '';
    const list = grouped.get(sectionId) ?? [];
    list.push({ pointer, messages });
    grouped.set(sectionId, list);
  }
  return grouped;
}
