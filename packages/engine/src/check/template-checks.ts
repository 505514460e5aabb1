import Handlebars from 'handlebars';
import { followPath } from '../format/schema-paths.ts';
import type { JsonSchema, LoadedPrint, Programme } from '../format/types.ts';
import { problem, type Problem } from '../problem.ts';
import { FOLDER_LIMITS } from '../format/limits.ts';
import { checkPrintTemplate, templateEqComparisons, templateFieldPaths } from '../print/index.ts';

/** What a print template's root context holds (see print/print-data.ts); `task` only in task prints. */
const PRINT_ROOT_NAMES = new Set(['programme', 'print', 'application', 'data', 'computed', 'version', 'printedAt', 'lang']);

/** What a task print reads of its task (`task.outcome` …; `task.data` is followed through the task form). */
export const PRINT_TASK_FIELDS = new Set(['id', 'definitionId', 'name', 'organisation', 'organisationName', 'outcome', 'reason', 'data', 'completedAt']);

/**
 * A print template must compile (syntax, known helpers — the print module's own check) and may
 * only read fields that exist: `data.<section>.<field>…` is followed through the section's schema.
 */
export function checkTemplate(print: LoadedPrint, programme: Programme): Problem[] {
  const file = print.def.template;
  const found: Problem[] = [];
  // Handlebars parses blocks recursively: refuse deep nesting before it does.
  const depth = blockDepth(print.template);
  if (depth > FOLDER_LIMITS.maxTemplateBlockDepth) {
    return [problem(file, 'SB_CHECK_LIMIT_NESTING', {
      zh: `打印模板的块（{{#…}}）嵌套 ${depth} 层，最多 ${FOLDER_LIMITS.maxTemplateBlockDepth} 层`,
      en: `The template nests blocks ({{#…}}) ${depth} deep; at most ${FOLDER_LIMITS.maxTemplateBlockDepth} are allowed`,
    })];
  }
  for (const p of checkPrintTemplate(print.template)) {
    const where = p.line !== undefined ? { pointer: `/line/${p.line}` } : {};
    found.push(problem(file, p.code === 'SB_CHECK_PRINT_TEMPLATE_SYNTAX' ? 'SB_CHECK_TEMPLATE_SYNTAX' : 'SB_CHECK_TEMPLATE', p.message, where));
  }
  if (found.some((p) => p.code === 'SB_CHECK_TEMPLATE_SYNTAX')) return found;

  const sections = new Map(programme.sections.map((s) => [s.ref.id, s.schema]));
  // A task print reads its task form's fields; an unknown task form is reported by the manifest check.
  const taskFormId = print.def.taskForm;
  const taskSchema = taskFormId === undefined ? undefined : programme.taskForms.find((f) => f.ref.id === taskFormId)?.schema;
  // `{{name arg}}` is always a helper call in Handlebars, never a lookup; an unknown helper is
  // already reported above, so it is not also an unknown field.
  const helperCalls = helperCallNames(print.template);
  for (const path of templateFieldPaths(print.template)) {
    if (helperCalls.has(path)) continue;
    // `a.b[].c` → ['a','b','c']: tables are transparent when following a schema.
    const segments = path.replace(/\[\]/g, '').split('.').filter(Boolean);
    const [root, section] = segments;
    let unknown: string | undefined;
    if (root === 'task') unknown = taskPathProblem(segments, taskFormId, taskSchema);
    else if (!PRINT_ROOT_NAMES.has(root!)) unknown = root;
    else if (root === 'data' && section !== undefined) {
      const schema = sections.get(section);
      if (!schema) unknown = `data.${section}`;
      else {
        const step = followPath(schema, segments.slice(2), schema);
        if (step.kind === 'missing') unknown = segments.slice(0, step.at + 3).join('.');
      }
    }
    if (unknown !== undefined) {
      found.push(problem(file, 'SB_CHECK_TEMPLATE_UNKNOWN_FIELD', {
        zh: `打印模板引用了不存在的字段“${unknown}”（${path}）`,
        en: `The print template reads "${unknown}", which does not exist (${path})`,
      }));
    }
  }
  found.push(...enumComparisons(print.template, file, sections, taskSchema));
  return found;
}

/** `{{#if (eq data.basic.kind "企业")}}` where kind's enum has no 企业 is false for every application. */
function enumComparisons(template: string, file: string, sections: Map<string, JsonSchema>, taskSchema: JsonSchema | undefined): Problem[] {
  const found: Problem[] = [];
  for (const { path, word } of templateEqComparisons(template)) {
    const segments = path.replace(/\[\]/g, '').split('.').filter(Boolean);
    const [root, second] = segments;
    const schema = root === 'data' ? sections.get(second ?? '') : root === 'task' && second === 'data' ? taskSchema : undefined;
    if (!schema) continue;
    const step = followPath(schema, segments.slice(2), schema);
    if (step.kind !== 'found' || !Array.isArray(step.schema.enum)) continue;
    const values = step.schema.enum as unknown[];
    if (values.includes(word)) continue;
    found.push(problem(file, 'SB_CHECK_TEMPLATE_ENUM', {
      zh: `打印模板把 ${path} 与“${word}”比较，但该字段只能取 ${values.map((v) => `“${String(v)}”`).join('、')}：这一处永远不会显示`,
      en: `The template compares ${path} with "${word}", but the field only takes ${values.map((v) => `"${String(v)}"`).join(', ')}: that part never prints`,
    }));
  }
  return found;
}

/** The deepest nesting of `{{#…}}`/`{{^…}}` blocks, in one pass over the text. */
function blockDepth(template: string): number {
  let depth = 0;
  let deepest = 0;
  for (const match of template.matchAll(/\{\{~?\s*([#^/])/g)) {
    if (match[1] === '/') depth--;
    else if (!/^\{\{~?\s*\^\s*\}\}/.test(template.slice(match.index, match.index + 8))) {
      depth++;
      if (depth > deepest) deepest = depth;
    }
  }
  return deepest;
}

/**
 * What is unknown in a `task.…` path, if anything: only task prints have a task, it has the
 * fields of PRINT_TASK_FIELDS, and `task.data.…` must exist in the task form.
 */
function taskPathProblem(segments: string[], taskFormId: string | undefined, taskSchema: JsonSchema | undefined): string | undefined {
  if (taskFormId === undefined) return 'task';
  const [, field] = segments;
  if (field === undefined) return undefined;
  if (!PRINT_TASK_FIELDS.has(field)) return `task.${field}`;
  if (field !== 'data' || !taskSchema) return undefined;
  const step = followPath(taskSchema, segments.slice(2), taskSchema);
  return step.kind === 'missing' ? segments.slice(0, step.at + 3).join('.') : undefined;
}

/** Names used as helpers (a mustache, block or sub-expression with arguments). */
function helperCallNames(source: string): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    const path = record.path as { type?: string; original?: string } | undefined;
    const hasArguments = (Array.isArray(record.params) && record.params.length > 0) || record.hash !== undefined;
    if (path?.type === 'PathExpression' && typeof path.original === 'string' && hasArguments) names.add(path.original);
    for (const [key, value] of Object.entries(record)) if (key !== 'loc' && key !== 'path') visit(value);
  };
  try {
    visit(Handlebars.parse(source));
  } catch {
    // A syntax error is reported by checkPrintTemplate.
  }
  return names;
}
