import { compileExpression } from '../expression/index.ts';
import { FOLDER_LIMITS } from '../format/limits.ts';
import { loadProgrammeLeniently, type LoadResult } from '../format/load-programme.ts';
import type { JsonSchema, Programme, ProgrammeFiles } from '../format/types.ts';
import { problem, type Problem } from '../problem.ts';
import { tryCompileProgramme } from '../validate/index.ts';
import { checkBpmn, flowTaskOutcomes, flowUserTaskForms, taskSchemas } from './bpmn-checks.ts';
import { applicationExpressionMeaning } from './expression-meaning.ts';
import { applicationPathTarget, applicationPathType, applicationScope, checkApplicationReferences } from './expression-scope.ts';
import { checkFixtures } from './fixture-checks.ts';
import { checkFixtureTasks } from './fixture-task-checks.ts';
import { checkForm } from './form-checks.ts';
import { checkFormMeaning } from './form-meaning.ts';
import { checkManifestMeaning } from './manifest-meaning.ts';
import { checkManifestReferences } from './manifest-references.ts';
import { checkTemplate } from './template-checks.ts';

/** A further check plugged into `checkProgramme` (the workflow's fixture walk, for one). */
export type ExtraCheck = (programme: Programme, files: ProgrammeFiles) => Problem[] | Promise<Problem[]>;

/** Options of checkProgramme. */
export interface CheckOptions {
  /**
   * Checks that need a sound programme: they run only when every built-in check passed, so they
   * may trust the programme (e.g. walk the flow with each fixture's data).
   */
  extraChecks?: ExtraCheck[];
  /**
   * Checks the host adds beside the built-in ones, run on every programme that loads (the
   * server's resolution of `ui:widget` with rjsf, which needs React and so is not in the engine).
   */
  hostChecks?: ExtraCheck[];
}

/**
 * Everything `shenbao check` says about a programme folder: each mistake its own problem with
 * file and pointer or BPMN element. An empty list means the folder may be published. Never
 * throws, whatever the files contain.
 */
export async function checkProgramme(files: ProgrammeFiles, options: CheckOptions = {}): Promise<Problem[]> {
  const { programme, problems } = safely<LoadResult>('programme.json', () => loadProgrammeLeniently(files), (p) => ({ problems: [p] }));
  if (!programme) return problems;

  const run = (file: string, check: () => Problem[]) => problems.push(...safely(file, check, (p) => [p]));
  run('programme.json', () => checkManifestReferences(programme));
  run('programme.json', () => checkManifestMeaning(programme));

  const compiled = safely('programme.json', () => tryCompileProgramme(programme), (p) => ({ compiled: undefined, problems: [p] }));
  problems.push(...compiled.problems);

  const scope = applicationScope(programme);
  for (const form of programme.sections) run(form.ref.schema, () => checkForm(form, programme, scope));
  for (const form of programme.taskForms) run(form.ref.schema, () => checkForm(form, programme, scope, { taskForm: true }));
  for (const form of [...programme.sections, ...programme.taskForms]) run(form.ref.schema, () => checkFormMeaning(form, programme));
  const taskForms = await flowUserTaskForms(programme);
  const tasks = taskSchemas(programme, taskForms);
  const outcomes = await flowTaskOutcomes(programme);
  run('programme.json', () => checkManifestExpressions(programme, tasks, outcomes));
  problems.push(...(await safelyAsync(programme.manifest.flow, () => checkBpmn(programme))));
  for (const print of programme.prints) run(print.def.template, () => checkTemplate(print, programme));
  for (const host of options.hostChecks ?? []) problems.push(...(await safelyAsync('programme.json', async () => host(programme, files))));
  // Fixtures can only be judged by a programme that compiles and whose other parts are sound.
  if (compiled.compiled && problems.length === 0) {
    run('programme.json', () => checkFixtures(programme, compiled.compiled!));
    run('programme.json', () => checkFixtureTasks(programme, compiled.compiled!, taskForms));
  }

  if (problems.length === 0) {
    for (const extra of options.extraChecks ?? []) problems.push(...(await safelyAsync('programme.json', async () => extra(programme, files))));
  }
  return firstThingsFirst(dedupe(problems));
}

/** Codes that make everything else said about the same element moot: listed first, always. */
const FIRST_CODES = new Set(['SB_CHECK_BPMN_UNSUPPORTED', 'SB_CHECK_BPMN_VENDOR']);

function firstThingsFirst(problems: Problem[]): Problem[] {
  return [...problems.filter((p) => FIRST_CODES.has(p.code)), ...problems.filter((p) => !FIRST_CODES.has(p.code))];
}

/** Rules and export columns: application-level expressions. */
function checkManifestExpressions(programme: Programme, tasks: Map<string, JsonSchema | undefined>, outcomes: Map<string, string[]>): Problem[] {
  const found: Problem[] = [];
  // Rules run at submit, before any task; export columns run on reviewed applications.
  const scope = applicationScope(programme);
  const exportScope = applicationScope(programme, tasks, ['rank', 'organisations', 'outcomes']);
  const check = (text: string, pointer: string, withRank: boolean) => {
    // Said before parsing: FEEL's parser gives up on very long texts with a bare syntax error.
    if (text.length > FOLDER_LIMITS.maxExpressionChars) {
      found.push(problem('programme.json', 'SB_CHECK_EXPRESSION_BUDGET', {
        zh: `表达式有 ${text.length} 个字符，最多 ${FOLDER_LIMITS.maxExpressionChars} 个`,
        en: `The expression has ${text.length} characters; at most ${FOLDER_LIMITS.maxExpressionChars} are allowed`,
      }, { pointer }));
      return;
    }
    const compiled = compileExpression(text);
    // Syntax errors of rules are reported by compiling the programme.
    if (!compiled.ok) {
      if (withRank) found.push(problem('programme.json', 'SB_CHECK_EXPRESSION_SYNTAX', compiled.error.message, { pointer }));
      return;
    }
    const place = withRank ? exportScope : scope;
    const unknown = checkApplicationReferences(compiled.expression, place);
    for (const message of unknown) found.push(problem('programme.json', 'SB_CHECK_UNKNOWN_NAME', message, { pointer }));
    if (unknown.length > 0) return;
    const meaning = applicationExpressionMeaning(compiled.expression, (p) => applicationPathTarget(place, p), (p) => applicationPathType(place, p), (t) => (withRank ? outcomes.get(t) : undefined));
    for (const { code, message } of meaning) found.push(problem('programme.json', code, message, { pointer }));
  };
  (programme.manifest.rules ?? []).forEach((rule, i) => check(rule.expr, `/rules/${i}/expr`, false));
  (programme.manifest.exports ?? []).forEach((e, i) => e.columns.forEach((c, j) => check(c.expr, `/exports/${i}/columns/${j}/expr`, true)));
  return found;
}

function internal(file: string, error: unknown): Problem {
  const detail = error instanceof Error ? error.message : String(error);
  return problem(file, 'SB_CHECK_INTERNAL', { zh: `检查时出错：${detail}`, en: `The check failed: ${detail}` });
}

function safely<T>(file: string, work: () => T, onError: (p: Problem) => T): T {
  try {
    return work();
  } catch (error) {
    return onError(internal(file, error));
  }
}

async function safelyAsync(file: string, work: () => Promise<Problem[]>): Promise<Problem[]> {
  try {
    return await work();
  } catch (error) {
    return [internal(file, error)];
  }
}

/** The same mistake found by two routes is reported once. */
function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}|${p.pointer ?? ''}|${p.element ?? ''}|${p.code}|${p.message.en}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
