/**
 * Every GraphQL operation of the administration area, with the shapes they answer. The names are the server's
 * (programmes.module.ts, organisations.module.ts, accounts.module.ts, audit.module.ts); if one changes, only this
 * file changes.
 */
import type { UnitContact } from '../api/organisations.ts';
import type { Message, Text } from '../i18n/i18n.tsx';

export type WindowPhase = 'not_open' | 'open' | 'closed';

export interface AdminWindow {
  id: string;
  title: Text;
  phase: WindowPhase;
  opens: string;
  closes: string;
  secondsLeft: number;
  overridden: boolean;
}

export interface ProgrammeVersion {
  id: string;
  label: string;
  hash: string;
  publishedAt: string;
  publishedBy: string | null;
}

export interface AdminProgramme {
  id: string;
  title: string;
  titleText: Text;
  versionId: string;
  versionLabel: string;
  timeZone: string;
  windows: AdminWindow[];
  versions: ProgrammeVersion[];
}

const windowFields = 'id title phase opens closes secondsLeft overridden';
const programmeFields = `id title titleText versionId versionLabel timeZone
  windows { ${windowFields} }
  versions { id label hash publishedAt publishedBy }`;

export const adminProgrammesQuery = `query AdminProgrammes { programmes { ${programmeFields} } }`;

/** Just ids and titles, for programme pickers. */
export interface ProgrammeChoice {
  id: string;
  title: string;
  titleText: Text;
}
export const programmeChoicesQuery = `query ProgrammeChoices { programmes { id title titleText } }`;

export const setProgrammeWindowMutation = `mutation SetProgrammeWindow($programmeId: ID!, $windowId: String!, $opens: String!, $closes: String!) {
  setProgrammeWindow(programmeId: $programmeId, windowId: $windowId, opens: $opens, closes: $closes) { ${programmeFields} }
}`;

/** One problem `checkProgramme` found: the file, where in it (JSON pointer or BPMN element) and why. */
export interface ProgrammeProblem {
  file: string;
  pointer: string | null;
  element: string | null;
  code: string;
  message: Message;
}

const problemFields = 'file pointer element code message { zh en }';

export interface ProgrammeCheckResult {
  /** The id read from programme.json, when it could be read. */
  programmeId: string | null;
  /** No problems: the folder may be published. */
  ok: boolean;
  problems: ProgrammeProblem[];
  /** Remarks that do not block publishing. */
  warnings: ProgrammeProblem[];
}

/** Checks an uploaded programme zip without storing anything (a query: it changes nothing). */
export const checkProgrammeUploadQuery = `query CheckProgrammeUpload($fileId: ID!) {
  checkProgrammeUpload(fileId: $fileId) { programmeId ok problems { ${problemFields} } warnings { ${problemFields} } }
}`;

export type PublishStatus = 'published' | 'unchanged' | 'refused';

export interface PublishResult {
  status: PublishStatus;
  programmeId: string | null;
  versionId: string | null;
  label: string | null;
  problems: ProgrammeProblem[];
  warnings: ProgrammeProblem[];
}

export const publishProgrammeMutation = `mutation PublishProgramme($fileId: ID!) {
  publishProgramme(fileId: $fileId) { status programmeId versionId label problems { ${problemFields} } warnings { ${problemFields} } }
}`;

/** The upload purposes the files endpoint knows for administration. */
export const uploadPurposes = { programmeZip: 'programme-zip', reviewerImport: 'reviewer-import' } as const;

// Flow ---------------------------------------------------------------------------------------------------------

export const programmeFlowQuery = `query ProgrammeFlow($id: ID!) { programme(id: $id) { id title titleText versionLabel flowXml } }`;

export interface FlowProgramme {
  id: string;
  title: string;
  titleText: Text;
  versionLabel: string;
  flowXml: string;
}

export interface FlowTask {
  definitionId: string;
  name: string;
  status: string;
}

export interface FlowApplication {
  id: string;
  number: string;
  status: string;
  tasks: FlowTask[];
  history: { taskDefinitionId: string | null }[];
  // The version the application is pinned to: its flow may differ from the programme's current one.
  programme: FlowProgramme;
}

export const applicationFlowQuery = `query ApplicationFlow($id: ID!) {
  application(id: $id) {
    id number status
    tasks { definitionId name status }
    history { taskDefinitionId }
    programme { id title titleText versionLabel flowXml }
  }
}`;

// Organisations ------------------------------------------------------------------------------------------------

export interface AdminOrganisation {
  id: string;
  name: string;
  kind: string;
  category: string | null;
  parentId: string | null;
  programmeId: string | null;
  role: string | null;
  quota: number | null;
  /** A unit's contacts: an administrator's when `contactsEdited`, else its notice's. */
  contacts: UnitContact[];
  contactsEdited: boolean;
}

const organisationFields = 'id name kind category parentId programmeId role quota contacts { name phone note } contactsEdited';

export const programmeUnitsQuery = `query ProgrammeUnits($programmeId: String!) {
  categories: organisations(kind: "category", programmeId: $programmeId) { ${organisationFields} }
  units: organisations(kind: "reviewer", programmeId: $programmeId) { ${organisationFields} }
}`;

export interface UnitInput {
  id?: string;
  name: string;
  programmeId?: string;
  category?: string;
}

/** updateUnit's input: what the unit form changed (contacts only when they changed, so a rename does not pin them). */
export interface UnitPatch {
  name?: string;
  programmeId?: string;
  category?: string;
  contacts?: { name: string; phone: string; note?: string }[];
  contactsFromNotice?: boolean;
}

export const createUnitMutation = `mutation CreateUnit($input: UnitInput!) { createUnit(input: $input) { ${organisationFields} } }`;
export const updateUnitMutation = `mutation UpdateUnit($id: ID!, $input: UnitPatch!) { updateUnit(id: $id, input: $input) { ${organisationFields} } }`;

// Reviewer accounts --------------------------------------------------------------------------------------------

export interface CreateReviewerInput {
  mobile: string;
  name: string;
  title?: string;
  organisationId: string;
  programmeId?: string;
  initialPassword?: string;
}

export interface ReviewerAccount {
  id: string;
  mobile: string;
  name: string;
  title: string | null;
  organisation: { id: string; name: string };
  initialPassword: string;
}

export const createReviewerMutation = `mutation CreateReviewer($input: CreateReviewerInput!) {
  createReviewer(input: $input) { id mobile name title organisation { id name } initialPassword }
}`;

export type ImportRowStatus = 'created' | 'exists' | 'error' | 'not_imported';

export interface ImportRow {
  rowNumber: number;
  name: string;
  mobile: string;
  unit: string;
  status: ImportRowStatus;
  organisationId: string | null;
  userId: string | null;
  grantAdded: boolean | null;
  reasons: Message[];
}

export interface ImportReport {
  committed: boolean;
  created: number;
  existing: number;
  errors: number;
  rows: ImportRow[];
}

export const importReviewersMutation = `mutation ImportReviewers($fileId: ID!, $initialPassword: String!, $allOrNothing: Boolean!, $programmeId: String) {
  importReviewers(fileId: $fileId, initialPassword: $initialPassword, allOrNothing: $allOrNothing, programmeId: $programmeId) {
    committed created existing errors
    rows { rowNumber name mobile unit status organisationId userId grantAdded reasons { zh en } }
  }
}`;

// Audit --------------------------------------------------------------------------------------------------------

export interface AuditEvent {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  result: string;
  subjectType: string | null;
  subjectId: string | null;
  subjectName: string | null;
  ip: string | null;
  /** JSON text. */
  details: string;
}

export interface AuditFilter {
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
}

export const auditPageSize = 50;

export const auditEventsQuery = `query AuditEvents($actorId: String, $action: String, $from: String, $to: String, $beforeId: ID, $limit: Int) {
  auditEvents(actorId: $actorId, action: $action, from: $from, to: $to, beforeId: $beforeId, limit: $limit) {
    id at actorId actorName action result subjectType subjectId subjectName ip details
  }
}`;

/**
 * The programme's own id of a category row. The server stores categories as `<programmeId>:<categoryId>` with no
 * `category` of their own, while units carry the bare `<categoryId>` (and createUnit expects it).
 */
export function categoryIdOf(row: Pick<AdminOrganisation, 'id' | 'category' | 'programmeId'>): string {
  if (row.category) return row.category;
  const prefix = row.programmeId ? `${row.programmeId}:` : '';
  return prefix && row.id.startsWith(prefix) ? row.id.slice(prefix.length) : row.id;
}
