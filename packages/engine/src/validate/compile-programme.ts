import type { ErrorObject, ValidateFunction } from 'ajv';
import { silentLogger, type Logger } from '../environment.ts';
import type { FormRef, LoadedForm, Programme } from '../format/types.ts';
import { problem, type Problem } from '../problem.ts';
import { compileRules, evaluateRules, hardRulesPass, type CompiledRule, type RuleResult } from '../rules/index.ts';
import type { Message } from '../text.ts';
import { createAjv } from './ajv.ts';
import { planObject, type ObjectPlan, type PlanProblem } from './form-plan.ts';
import { compileFormPass, type FormPass, type FormPassResult } from './form-pass.ts';
import { REQUIRED_MESSAGE, messageForAjvError, pointerForAjvError } from './messages.ts';

/** Errors by JSON pointer; a pointer may carry several messages. */
export type FormErrors = Record<string, Message[]>;

/** Facts about the application that expressions may read as `application.…`. */
export interface ApplicationMeta {
  number?: string;
  status?: string;
  submittedAt?: string;
  organisation?: string;
  [key: string]: unknown;
}

/** What a save or validation may know beyond the data being checked. */
export interface ValidationContext {
  /** Facts about the application (number, status, organisation …). */
  application?: ApplicationMeta;
  /** The application's other sections as last saved, for cross-section expressions. */
  sections?: Record<string, unknown>;
  /** The windows as expressions see them (the server passes resolved instants with overrides); defaults to programme.json's. */
  windows?: Record<string, unknown>;
  /**
   * Task forms only: the outcome (button) being submitted with the form, e.g. "approve"; task-form
   * expressions read it as `outcome` (null when not given).
   */
  outcome?: string;
}

/** The result of saving one section (or completing a task form). */
export interface FormResult {
  /**
   * The data to store: cleaned, with computed fields recomputed and unfillable fields cleared. A new
   * object, but rows and objects inside it that needed no change may be the input's own (the input
   * is never modified; do not modify either in place).
   */
  data: Record<string, unknown>;
  errors: FormErrors;
  valid: boolean;
}

/** The result of validating a whole application for submit. */
export interface ApplicationValidation {
  /** The sections as they should be stored (cleaned and recomputed; may share unchanged rows with the input, as FormResult.data). */
  data: Record<string, Record<string, unknown>>;
  /** Field errors by application-level pointer (`/basic/mobile`). */
  errors: FormErrors;
  /** Every eligibility rule's outcome. */
  rules: RuleResult[];
  /** No field errors and no failed hard rule: the application may be submitted. */
  valid: boolean;
}

/** A programme version with its schemas compiled and expressions parsed, ready for many saves. */
export interface CompiledProgramme {
  programme: Programme;
  /**
   * Draft save of one section: computed fields recomputed, unfillable fields cleared, only
   * type/format/limit errors (nothing about missing fields). Pointers are application-level
   * (`/basic/mobile`).
   */
  saveSection(sectionId: string, data: unknown, context?: ValidationContext): FormResult;
  /** Full check for submit: every section complete and valid, and every rule evaluated. */
  validateApplication(data: unknown, context?: ValidationContext): ApplicationValidation;
  /** Full check of a reviewer's task form. Pointers are relative to the form (`/opinion`). */
  validateTaskForm(formId: string, data: unknown, context?: ValidationContext): FormResult;
  /**
   * Draft save of a reviewer's task form (暂存 / autosave while the task is open): like saveSection, only
   * type/format/limit errors, nothing about missing fields. Pointers are relative to the form.
   */
  saveTaskFormDraft(formId: string, data: unknown, context?: ValidationContext): FormResult;
  /** Evaluates the eligibility rules alone (the applicant's "check my eligibility"). */
  checkRules(data: unknown, context?: ValidationContext): RuleResult[];
  /** The context application-level expressions see: sections by id, `application`, `windows`. */
  applicationContext(data: Record<string, unknown>, context?: ValidationContext): Record<string, unknown>;
}

interface CompiledForm {
  ref: FormRef;
  validate: ValidateFunction;
  plan: ObjectPlan;
  pass: FormPass;
}

/** Keywords about completeness, left out of draft saves. */
const COMPLETENESS_KEYWORDS = new Set(['required', 'dependentRequired', 'minItems', 'minProperties']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function addError(errors: FormErrors, pointer: string, message: Message): void {
  const list = (errors[pointer] ??= []);
  if (!list.some((m) => m.zh === message.zh)) list.push(message);
}

/** Thrown by compileProgramme when a programme does not compile (check reports these first). */
export class ProgrammeCompileError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`programme does not compile: ${problems.map((p) => `${p.file}${p.pointer ?? ''} ${p.message.en}`).join('; ')}`);
  }
}

const compiledCache = new WeakMap<Programme, CompiledProgramme>();

/**
 * Compiles a programme once (cached per Programme object). Throws ProgrammeCompileError when a
 * schema or expression is broken — `checkProgramme` reports those before a version is published.
 */
export function compileProgramme(programme: Programme, options: { logger?: Logger } = {}): CompiledProgramme {
  const cached = compiledCache.get(programme);
  if (cached) return cached;
  const { compiled, problems } = tryCompileProgramme(programme, options);
  if (!compiled) throw new ProgrammeCompileError(problems);
  compiledCache.set(programme, compiled);
  return compiled;
}

/** Compiles a programme, returning problems as data instead of throwing. */
export function tryCompileProgramme(
  programme: Programme,
  options: { logger?: Logger } = {},
): { compiled?: CompiledProgramme; problems: Problem[] } {
  const logger = options.logger ?? silentLogger;
  const ajv = createAjv();
  const problems: Problem[] = [];

  const compileForm = (form: LoadedForm): CompiledForm | undefined => {
    const planProblems: PlanProblem[] = [];
    const plan = planObject(form.schema, form.schema, '', planProblems);
    for (const p of planProblems) problems.push(problem(form.ref.schema, p.code, { zh: p.zh, en: p.en }, { pointer: p.schemaPointer }));
    try {
      return { ref: form.ref, validate: ajv.compile(form.schema), plan, pass: compileFormPass(plan, form.schema) };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      problems.push(problem(form.ref.schema, 'SB_CHECK_SCHEMA_COMPILE', { zh: `表单结构无法编译：${detail}`, en: `The schema does not compile: ${detail}` }));
      return undefined;
    }
  };

  const sections = new Map<string, CompiledForm>();
  for (const form of programme.sections) {
    const compiled = compileForm(form);
    if (compiled) sections.set(form.ref.id, compiled);
  }
  const sectionList = [...sections.values()];
  const taskForms = new Map<string, CompiledForm>();
  for (const form of programme.taskForms) {
    const compiled = compileForm(form);
    if (compiled) taskForms.set(form.ref.id, compiled);
  }
  const rules: CompiledRule[] = compileRules(programme.manifest.rules ?? []);
  rules.forEach((r, index) => {
    if (r.compileError) problems.push(problem('programme.json', 'SB_CHECK_EXPRESSION_SYNTAX', r.compileError, { pointer: `/rules/${index}/expr` }));
  });
  if (problems.length > 0) return { problems };

  const applicationContext = (data: Record<string, unknown>, context: ValidationContext = {}): Record<string, unknown> => {
    const result: Record<string, unknown> = { windows: context.windows ?? programme.manifest.windows, application: context.application ?? {} };
    for (const id of sections.keys()) result[id] = isPlainObject(data[id]) ? data[id] : {};
    return result;
  };

  // Inside a form, `application` gives the application's facts and its other sections.
  const formApplication = (context: ValidationContext = {}): Record<string, unknown> => ({
    ...(context.application ?? {}),
    ...(context.sections ?? {}),
  });

  const runForm = (
    form: CompiledForm,
    data: unknown,
    complete: boolean,
    application: Record<string, unknown>,
    prefix: string,
    outcome?: string | null,
  ): FormResult => {
    const pass = form.pass(data, outcome === undefined ? { application, logger } : { application, logger, outcome });
    const errors = formErrors(form, pass, complete, prefix);
    return { data: isPlainObject(pass.data) ? pass.data : {}, errors: errors ?? {}, valid: errors === undefined };
  };

  const unknownForm = (kind: 'section' | 'task form', id: string, pointer: string): FormResult => ({
    data: {},
    errors: {
      [pointer]: [kind === 'section'
        ? { zh: `申报书中没有“${id}”这一部分`, en: `The application has no section "${id}"` }
        : { zh: `没有“${id}”这张审核表单`, en: `There is no task form "${id}"` }],
    },
    valid: false,
  });

  const compiled: CompiledProgramme = {
    programme,
    applicationContext,
    saveSection(sectionId, data, context = {}) {
      const form = sections.get(sectionId);
      if (!form) return unknownForm('section', sectionId, `/${sectionId}`);
      return runForm(form, data, false, formApplication(context), `/${sectionId}`);
    },
    validateTaskForm(formId, data, context = {}) {
      const form = taskForms.get(formId);
      if (!form) return unknownForm('task form', formId, '');
      return runForm(form, data, true, formApplication(context), '', context.outcome ?? null);
    },
    saveTaskFormDraft(formId, data, context = {}) {
      const form = taskForms.get(formId);
      if (!form) return unknownForm('task form', formId, '');
      return runForm(form, data, false, formApplication(context), '', context.outcome ?? null);
    },
    validateApplication(data, context = {}) {
      const input = isPlainObject(data) ? data : {};
      const application = formApplication({ application: context.application, sections: input });
      const cleaned: Record<string, Record<string, unknown>> = {};
      let errors: FormErrors | undefined;
      for (const form of sectionList) {
        const id = form.ref.id;
        const pass = form.pass(input[id] ?? {}, { application, logger });
        cleaned[id] = isPlainObject(pass.data) ? pass.data : {};
        const found = formErrors(form, pass, true, `/${id}`);
        if (found) errors = errors ? Object.assign(errors, found) : found;
      }
      const ruleResults = evaluateRules(rules, applicationContext(cleaned, context));
      return { data: cleaned, errors: errors ?? {}, rules: ruleResults, valid: errors === undefined && hardRulesPass(ruleResults) };
    },
    checkRules(data, context = {}) {
      // Rules read computed totals, so the sections are recomputed first (without Ajv).
      const input = isPlainObject(data) ? data : {};
      const application = formApplication({ application: context.application, sections: input });
      const recomputed: Record<string, unknown> = {};
      for (const [id, form] of sections) recomputed[id] = form.pass(input[id] ?? {}, { application, logger }).data;
      return evaluateRules(rules, applicationContext(recomputed, context));
    },
  };
  return { compiled, problems };
}

/**
 * Ajv's verdict on the pass's data plus what x-required found missing, by application-level
 * pointer; undefined when there is nothing to report (no object is made for a valid form).
 */
function formErrors(form: CompiledForm, pass: FormPassResult, complete: boolean, prefix: string): FormErrors | undefined {
  let errors: FormErrors | undefined;
  if (!form.validate(pass.data)) {
    for (const error of form.validate.errors ?? []) {
      if (!keepError(error, complete)) continue;
      const pointer = pointerForAjvError(error);
      // Cleared and computed fields are the engine's business, not the user's.
      if (pass.notFillable.has(pointer) || pass.computed.has(pointer)) continue;
      addError((errors ??= {}), prefix + pointer, messageForAjvError(error));
    }
  }
  if (complete) for (const pointer of pass.requiredMissing) addError((errors ??= {}), prefix + pointer, REQUIRED_MESSAGE);
  return errors;
}

function keepError(error: ErrorObject, complete: boolean): boolean {
  // An `if` error only repeats what the `then`/`else` errors already say.
  if (error.keyword === 'if') return false;
  return complete || !COMPLETENESS_KEYWORDS.has(error.keyword);
}
