/**
 * Lists the data a print template reads, so `check` can confirm that every path names a real
 * field before a programme is published (a misspelt field would otherwise print as a blank).
 */
import { PRINT_HELPER_NAMES } from './print-helpers.ts';
import { parsePrintTemplate } from './template-problems.ts';

/**
 * The data paths a template references, resolved against the template's root context
 * (`{ programme, application, data, computed, version, printedAt, task, lang }`), in order of
 * first use, without duplicates.
 *
 * Notation: dots between properties, `[]` for "each item of": inside
 * `{{#each data.site.rows}}{{area}}{{/each}}` the path is `data.site.rows[].area`; `{{#with}}`,
 * `../`, `this`, `@root` and block parameters (`as |row|`) are followed. `@index` and other data
 * variables, literals and helper names are not paths. `{{sum rows "area"}}` and
 * `{{lookup obj "key"}}` also report the column / key they read. A template that does not parse
 * yields no paths (checkPrintTemplate reports why).
 */
export function templateFieldPaths(source: string): string[] {
  return [...readsOf(source).paths];
}

/**
 * The `(eq <path> "word")` comparisons a template makes (either order), with the path resolved
 * as templateFieldPaths resolves it: `check` holds the words against the field's enum.
 */
export function templateEqComparisons(source: string): Array<{ path: string; word: string }> {
  return readsOf(source).comparisons;
}

function readsOf(source: string): Found {
  const found: Found = { paths: new Set(), comparisons: [] };
  const parsed = parsePrintTemplate(source);
  if ('problem' in parsed) return found;
  walkProgram(parsed.ast, { contexts: [[]], blockParams: [] }, found);
  return found;
}

interface Found {
  paths: Set<string>;
  comparisons: Array<{ path: string; word: string }>;
}

/** A resolved path as segments from the root; `'[]'` stands for "each item". null = unknown. */
type Segments = string[] | null;

interface Scope {
  /** Context stack: only blocks that change the context (`each`, `with`) push onto it. */
  contexts: Segments[];
  /** Block parameters visible here, innermost last. */
  blockParams: Array<Map<string, Segments>>;
}

const helperNames = new Set(PRINT_HELPER_NAMES);

function walkProgram(program: hbs.AST.Program | undefined, scope: Scope, found: Found): void {
  if (!program) return;
  for (const statement of program.body) {
    if (statement.type === 'MustacheStatement') walkCallOrLookup(statement as hbs.AST.MustacheStatement, scope, found);
    else if (statement.type === 'BlockStatement') walkBlock(statement as hbs.AST.BlockStatement, scope, found);
  }
}

function walkBlock(block: hbs.AST.BlockStatement, scope: Scope, found: Found): void {
  const name = headName(block.path);
  walkArguments(block.params, block.hash, scope, found);
  const first = block.params[0];
  const subject = first && first.type === 'PathExpression' ? resolve(first as hbs.AST.PathExpression, scope) : null;
  const blockParamNames = block.program?.blockParams ?? [];

  if (name === 'each' || name === 'with') {
    const inner: Segments = subject && name === 'each' ? [...subject, '[]'] : subject;
    const params = new Map<string, Segments>();
    if (blockParamNames[0] !== undefined) params.set(blockParamNames[0], inner);
    if (blockParamNames[1] !== undefined) params.set(blockParamNames[1], null); // the index or key
    walkProgram(block.program, { contexts: [...scope.contexts, inner], blockParams: [...scope.blockParams, params] }, found);
  } else {
    walkProgram(block.program, scope, found);
  }
  walkProgram(block.inverse, scope, found);
}

function walkCallOrLookup(node: hbs.AST.MustacheStatement | hbs.AST.SubExpression, scope: Scope, found: Found): void {
  const name = headName(node.path);
  const isHelper = name !== null && helperNames.has(name);
  if (!isHelper) {
    if (node.path.type === 'PathExpression') record(resolve(node.path as hbs.AST.PathExpression, scope), found);
    walkArguments(node.params, node.hash, scope, found);
    return;
  }
  walkArguments(node.params, node.hash, scope, found);
  const [subject, key] = node.params;
  if (name === 'eq' && subject && key) {
    const [path, word] = subject.type === 'StringLiteral' ? [key, subject] : [subject, key];
    const segments = path.type === 'PathExpression' ? resolve(path as hbs.AST.PathExpression, scope) : null;
    if (segments && word.type === 'StringLiteral') found.comparisons.push({ path: joined(segments), word: (word as hbs.AST.StringLiteral).value });
  }
  // Helpers that read a named column or key of their first argument.
  if ((name === 'sum' || name === 'lookup') && subject?.type === 'PathExpression' && key?.type === 'StringLiteral') {
    const base = resolve(subject as hbs.AST.PathExpression, scope);
    const keyParts = (key as hbs.AST.StringLiteral).value.split('.');
    if (base) record(name === 'sum' ? [...base, '[]', ...keyParts] : [...base, ...keyParts], found);
  }
}

function walkArguments(params: hbs.AST.Expression[], hash: hbs.AST.Hash | undefined, scope: Scope, found: Found): void {
  const values = [...params, ...(hash?.pairs.map((pair) => pair.value) ?? [])];
  for (const value of values) {
    if (value.type === 'PathExpression') record(resolve(value as hbs.AST.PathExpression, scope), found);
    else if (value.type === 'SubExpression') walkCallOrLookup(value as hbs.AST.SubExpression, scope, found);
  }
}

function resolve(path: hbs.AST.PathExpression, scope: Scope): Segments {
  if (path.data) return path.parts[0] === 'root' ? path.parts.slice(1) : null;
  const explicitThis = /^(this\b|\.\/|\.$)/.test(path.original);
  const head = path.parts[0];
  if (path.depth === 0 && !explicitThis && head !== undefined) {
    for (let i = scope.blockParams.length - 1; i >= 0; i -= 1) {
      const params = scope.blockParams[i];
      if (params?.has(head)) {
        const base = params.get(head) ?? null;
        return base ? [...base, ...path.parts.slice(1)] : null;
      }
    }
  }
  const index = Math.max(0, scope.contexts.length - 1 - path.depth);
  const base = scope.contexts[index] ?? null;
  return base ? [...base, ...path.parts] : null;
}

function record(segments: Segments, found: Found): void {
  if (!segments || segments.length === 0) return;
  found.paths.add(joined(segments));
}

function joined(segments: string[]): string {
  let text = '';
  for (const segment of segments) text += segment === '[]' ? '[]' : (text === '' ? '' : '.') + segment;
  return text;
}

function headName(path: hbs.AST.PathExpression | hbs.AST.Literal): string | null {
  if (path.type !== 'PathExpression') return null;
  const p = path as hbs.AST.PathExpression;
  if (p.data || p.depth > 0 || p.parts.length !== 1 || p.original.startsWith('this')) return null;
  return p.parts[0] ?? null;
}
