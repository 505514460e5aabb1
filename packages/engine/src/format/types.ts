import type { Text } from '../text.ts';

/**
 * TypeScript shapes of a programme folder. The JSON Schema in packages/engine/schema/
 * programme.schema.json is the authority on what a valid programme.json is; these types mirror it.
 */

/**
 * A stage window in the notice's local time (`YYYY-MM-DDTHH:mm[:ss]`, in the programme's
 * timeZone). A date the notice does not give is absent; administrators may set or override both.
 */
export interface Window {
  title: Text;
  opens?: string;
  closes?: string;
}

/** A role: the applicant, or a reviewing role named by user tasks. */
export interface Role {
  title: Text;
  kind: 'applicant' | 'reviewer';
}

/** A kind of reviewing organisation (市科协, 省级学会 …), with its report quota. */
export interface OrganisationCategory {
  id: string;
  title: Text;
  role: string;
  quota?: number;
}

/** A contact person of a unit, as the notice lists them (联系人及电话). */
export interface UnitContact {
  name: string;
  phone: string;
  /** What to ask them about, an e-mail or an address (业务咨询, 技术支持 …). */
  note?: Text;
}

/** One organisation the notice lists (a city-level unit …). */
export interface OrganisationUnit {
  id: string;
  title: Text;
  category: string;
  contacts?: UnitContact[];
}

/** A form reference in programme.json: a section of the application or a task form. */
export interface FormRef {
  id: string;
  title: Text;
  schema: string;
  ui?: string;
  description?: Text;
}

/** A section of the applicant's form; its id is a root name in application expressions. */
export type Section = FormRef;

/** A form a reviewer fills in a user task (camunda:formKey). */
export type TaskForm = FormRef;

/** An eligibility rule: holds when `expr` is true. */
export interface Rule {
  id: string;
  severity: 'hard' | 'soft';
  expr: string;
  message: Text;
  fields?: string[];
}

/** A printable document. */
export interface PrintDef {
  id: string;
  title: Text;
  template: string;
  css?: string;
  roles: string[];
  stampedScan?: boolean;
  /**
   * A print made from inside a task that has this task form (现场核查意见表, 推荐表 …): its
   * template reads that task as `task` (`task.data.<field>`, `task.outcome` …).
   */
  taskForm?: string;
}

/** One column of a summary export. */
export interface ExportColumn {
  title: Text;
  expr: string;
}

/** A summary table (Excel export). */
export interface ExportDef {
  id: string;
  title: Text;
  roles: string[];
  columns: ExportColumn[];
}

/** The notice a programme implements. */
export interface NoticeRef {
  ref?: string;
  title: Text;
  date?: string;
  url?: string;
}

/** programme.json as written. */
export interface ProgrammeManifest {
  id: string;
  version: string;
  title: Text;
  issuer: Text;
  notice?: NoticeRef;
  timeZone: string;
  windows: Record<string, Window>;
  applyWindow: string;
  roles: Record<string, Role>;
  organisations?: { categories?: OrganisationCategory[]; units?: OrganisationUnit[] };
  sections: Section[];
  taskForms?: TaskForm[];
  rules?: Rule[];
  submit?: { requireStampedScan?: string; instructions?: Text; commitment?: string };
  flow: string;
  prints?: PrintDef[];
  exports?: ExportDef[];
  outcomes?: Record<string, Text>;
  fixtures?: string[];
}

/** A JSON Schema object as the engine handles it (JSON data, walked by the engine). */
export type JsonSchema = Record<string, unknown>;

/** A form with its schema and UI schema loaded. */
export interface LoadedForm<Ref extends FormRef = FormRef> {
  ref: Ref;
  schema: JsonSchema;
  ui: Record<string, unknown> | undefined;
}

/** A print with its template text loaded. */
export interface LoadedPrint {
  def: PrintDef;
  template: string;
  css: string | undefined;
}

/** What a fixture expects when validated. */
export interface FixtureExpectation {
  valid: boolean;
  /** Rule ids that must fail. */
  rules?: string[];
  /** JSON pointers that must carry errors. */
  errors?: string[];
}

/** A completed task in a fixture: the button pressed and the task form's data. */
export interface FixtureTask {
  outcome: string;
  data: Record<string, unknown>;
}

/** A sample application from fixtures/. */
export interface Fixture {
  path: string;
  title: Text;
  data: Record<string, Record<string, unknown>>;
  expect: FixtureExpectation;
  /**
   * Completed tasks by BPMN user-task id: `check` validates each against its task form (with its
   * outcome) and evaluates export columns and task prints with them; scenario tests replay them.
   */
  tasks?: Record<string, FixtureTask>;
}

/** A programme folder, parsed: the manifest plus everything it references. */
export interface Programme {
  manifest: ProgrammeManifest;
  /** SHA-256 of the folder (see contentHash); identifies this exact version. */
  hash: string;
  sections: LoadedForm<Section>[];
  taskForms: LoadedForm<TaskForm>[];
  flowXml: string;
  prints: LoadedPrint[];
  fixtures: Fixture[];
  /** The folder's files as given to the loader (relative path → text). */
  files: Readonly<Record<string, string>>;
}

/** A programme folder as the engine receives it: relative path (with /) → file text. */
export type ProgrammeFiles = Readonly<Record<string, string>>;
