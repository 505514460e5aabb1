import Handlebars from 'handlebars';
import { followPath } from '../format/schema-paths.ts';
import type { LoadedPrint, Programme } from '../format/types.ts';
import { problem, type Problem } from '../problem.ts';
import { checkPrintTemplate, templateFieldPaths } from '../print/index.ts';

/** What a print template's root context holds (see print/print-data.ts). */
const PRINT_ROOT_NAMES = new Set(['programme', 'print', 'application', 'data', 'computed', 'version', 'printedAt', 'task', 'lang']);

/**
 * A print template must compile (syntax, known helpers — the print module's own check) and may
 * only read fields that exist: `data.<section>.<field>…` is followed through the section's schema.
 */
export function checkTemplate(print: LoadedPrint, programme: Programme): Problem[] {
  const file = print.def.template;
  const found: Problem[] = [];
  for (const p of checkPrintTemplate(print.template)) {
    const where = p.line !== undefined ? { pointer: `/line/${p.line}` } : {};
    found.push(problem(file, p.code === 'SB_ERR_PRINT_TEMPLATE_SYNTAX' ? 'SB_CHECK_TEMPLATE_SYNTAX' : 'SB_CHECK_TEMPLATE', p.message, where));
  }
  if (found.some((p) => p.code === 'SB_CHECK_TEMPLATE_SYNTAX')) return found;

  const sections = new Map(programme.sections.map((s) => [s.ref.id, s.schema]));
  // `{{name arg}}` is always a helper call in Handlebars, never a lookup; an unknown helper is
  // already reported above, so it is not also an unknown field.
  const helperCalls = helperCallNames(print.template);
  for (const path of templateFieldPaths(print.template)) {
    if (helperCalls.has(path)) continue;
    // `a.b[].c` → ['a','b','c']: tables are transparent when following a schema.
    const segments = path.replace(/\[\]/g, '').split('.').filter(Boolean);
    const [root, section] = segments;
    let unknown: string | undefined;
    if (!PRINT_ROOT_NAMES.has(root!)) unknown = root;
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
  return found;
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
