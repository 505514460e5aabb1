import type { CompiledExpression, ReferencePath } from '../expression/index.ts';
import { followPath } from '../format/schema-paths.ts';
import type { JsonSchema, Programme } from '../format/types.ts';
import type { Message } from '../text.ts';

/**
 * What names an application-level expression (rule, export column, gateway, due date) may read,
 * and the check that every name it reads exists.
 */
export interface ApplicationScope {
  sections: Map<string, JsonSchema>;
  windows: Set<string>;
  /** Flow user-task ids, with their task form's schema when they have one. */
  tasks: Map<string, JsonSchema | undefined>;
  /** Further root names the place allows (`rank` in export columns). */
  extras: Set<string>;
}

/** The facts about an application expressions may read as `application.…` (see ApplicationMeta). */
const APPLICATION_FIELDS = new Set(['id', 'number', 'status', 'submittedAt', 'organisation', 'createdAt', 'updatedAt', 'applicant']);

/** Builds the scope of application-level expressions from a loaded programme. */
export function applicationScope(programme: Programme, tasks = new Map<string, JsonSchema | undefined>(), extras: string[] = []): ApplicationScope {
  return {
    sections: new Map(programme.sections.map((s) => [s.ref.id, s.schema])),
    windows: new Set(Object.keys(programme.manifest.windows)),
    tasks,
    extras: new Set(extras),
  };
}

const dotted = (path: ReferencePath): string => path.join('.');

function unknownName(path: ReferencePath, expression: CompiledExpression): Message {
  return {
    zh: `表达式 ${expression.text} 引用了不存在的名称“${dotted(path)}”`,
    en: `Expression ${expression.text} reads "${dotted(path)}", which does not exist`,
  };
}

/** Checks one path against a section schema: the fields must exist. */
function sectionPathProblem(schema: JsonSchema, path: ReferencePath, expression: CompiledExpression, skip: number): Message | undefined {
  const step = followPath(schema, path.slice(skip), schema);
  return step.kind === 'missing' ? unknownName(path.slice(0, skip + step.at + 1), expression) : undefined;
}

/** Messages for every name an application-level expression reads that does not exist. */
export function checkApplicationReferences(expression: CompiledExpression, scope: ApplicationScope): Message[] {
  const messages: Message[] = [];
  for (const path of expression.references) {
    const [root, second] = path;
    let found: Message | undefined;
    if (scope.sections.has(root!)) found = sectionPathProblem(scope.sections.get(root!)!, path, expression, 1);
    else if (root === 'application') {
      if (second !== undefined && !APPLICATION_FIELDS.has(second) && !scope.sections.has(second)) found = unknownName(path.slice(0, 2), expression);
    } else if (root === 'windows') {
      if (second !== undefined && !scope.windows.has(second)) found = unknownName(path.slice(0, 2), expression);
      else if (path[2] !== undefined && !['opens', 'closes', 'title'].includes(path[2])) found = unknownName(path.slice(0, 3), expression);
    } else if (scope.tasks.has(root!)) {
      const form = scope.tasks.get(root!);
      if (second === 'data' && form) found = sectionPathProblem(form, path, expression, 2);
    } else if (!scope.extras.has(root!)) {
      found = unknownName([root!], expression);
    }
    if (found) messages.push(found);
  }
  return messages;
}

/**
 * Messages for every name a form expression reads that does not exist. Form expressions see the
 * holder's fields (`siblings`), `root` (the whole form) and `application` (facts and sections).
 */
export function checkFormReferences(
  expression: CompiledExpression,
  siblings: readonly string[],
  formSchema: JsonSchema,
  scope: ApplicationScope,
): Message[] {
  const messages: Message[] = [];
  for (const path of expression.references) {
    const [root, second] = path;
    if (root === 'root') {
      const found = sectionPathProblem(formSchema, path, expression, 1);
      if (found) messages.push(found);
    } else if (root === 'application') {
      if (second === undefined || APPLICATION_FIELDS.has(second)) continue;
      const section = scope.sections.get(second);
      const found = section ? sectionPathProblem(section, path, expression, 2) : unknownName(path.slice(0, 2), expression);
      if (found) messages.push(found);
    } else if (!siblings.includes(root!)) {
      messages.push(unknownName([root!], expression));
    }
  }
  return messages;
}

/**
 * The section schema an application-level path starts in, and the steps left inside it:
 * `basic.kind` → basic's schema and ['kind']; `application.basic.kind` the same; a task's
 * `recommend.data.opinion` → the task form and ['opinion'].
 */
export function applicationPathTarget(scope: ApplicationScope, path: readonly string[]): { schema: JsonSchema; rest: string[] } | undefined {
  const [root, second] = path;
  if (root === undefined) return undefined;
  const section = scope.sections.get(root);
  if (section) return { schema: section, rest: path.slice(1) };
  if (root === 'application' && second !== undefined && scope.sections.has(second)) return { schema: scope.sections.get(second)!, rest: path.slice(2) };
  const form = scope.tasks.get(root);
  if (form && second === 'data') return { schema: form, rest: path.slice(2) };
  return undefined;
}

/** The JSON Schema type a path leads to (`string`, `number` …; `date` for a date string), when the schemas say. */
export function applicationPathType(scope: ApplicationScope, path: readonly string[]): string | undefined {
  const target = applicationPathTarget(scope, path);
  if (!target) return undefined;
  const step = followPath(target.schema, target.rest, target.schema);
  if (step.kind !== 'found') return undefined;
  const { type, format } = step.schema;
  if (type === 'string' && (format === 'date' || format === 'date-time')) return 'date';
  return typeof type === 'string' ? type : undefined;
}
