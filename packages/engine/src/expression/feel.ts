import { evaluate as feelinEvaluate } from 'feelin';
import type { Message } from '../text.ts';
import { DEOPT, compileColumnSums, compileFastPath, compileFormFastPath, type FastPath, type FormMemo, type FormFastPath, type FormFastPathOptions, type FormNames } from './fast-path.ts';
import { referencedPaths, type ReferencePath } from './references.ts';
import { findSyntaxProblem, parseFeel } from './syntax.ts';

/** A FEEL expression as programme folders write it: `"=site.totalArea >= 500"`. */
export type ExpressionText = string;

/** Why an expression could not be compiled or evaluated. Data, never thrown. */
export interface ExpressionError {
  code: 'SB_EXPR_NOT_AN_EXPRESSION' | 'SB_EXPR_SYNTAX' | 'SB_EXPR_EVALUATION';
  message: Message;
  /** Offsets in the source after the leading `=`. */
  position?: { from: number; to: number };
}

/** A parsed expression, ready to evaluate many times. */
export interface CompiledExpression {
  /** The text as written, with its leading `=`. */
  text: ExpressionText;
  /** The FEEL source without the leading `=`. */
  source: string;
  /** Context paths the expression reads (root names first), for static checks. */
  references: ReferencePath[];
  /** The root context names it reads (`basic`, `application`, `rows` …). */
  rootNames: string[];
  /** Internal: the generated fast path, when the expression is within the supported subset. */
  fast: FastPath | undefined;
}

export type { FormFastPath, FormFastPathOptions, FormMemo, FormNames } from './fast-path.ts';

// The form variant of each fast path is generated on first use (only form expressions need it).
const formFastPaths = new WeakMap<CompiledExpression, FormFastPath | null>();

/**
 * Internal: a form fast path generated for one use of the expression, with loop subexpressions
 * remembered per holder as `options.memoizable` allows; null when only feelin can evaluate it.
 */
export function compileFormFastPathOf(compiled: CompiledExpression, options: FormFastPathOptions): FormFastPath | null {
  return compiled.fast ? (compileFormFastPath(parseFeel(compiled.source), compiled.source, options) ?? null) : null;
}

/**
 * Internal: one function filling a form level's memo with the column totals its expressions take
 * (see compileColumnSums), or undefined when they take fewer than two of the same table.
 */
export function compileColumnSumsOf(expressions: readonly CompiledExpression[], memoizable: (names: readonly string[]) => boolean): ((holder: Record<string, unknown>, memo: FormMemo) => void) | undefined {
  const fast = expressions.filter((e) => e.fast);
  return fast.length === 0 ? undefined : compileColumnSums(fast.map((e) => ({ tree: parseFeel(e.source), source: e.source })), memoizable);
}

/** Internal: the form fast path of an expression (generated once), or null when only feelin can evaluate it. */
export function formFastPathOf(compiled: CompiledExpression): FormFastPath | null {
  let fast = formFastPaths.get(compiled);
  if (fast === undefined) {
    fast = compiled.fast ? (compileFormFastPath(parseFeel(compiled.source), compiled.source) ?? null) : null;
    formFastPaths.set(compiled, fast);
  }
  return fast;
}

/** The result of compiling: the expression or why it is broken. */
export type CompileResult = { ok: true; expression: CompiledExpression } | { ok: false; error: ExpressionError };

/** The result of evaluating: a value, plus FEEL warnings (unknown names, type mismatches…). */
export type EvaluationResult = { ok: true; value: unknown; warnings: string[] } | { ok: false; error: ExpressionError };

// Programme expressions are few and reused for every save: cache them by text, bounded so that
// a stream of ad-hoc expressions cannot grow memory without limit.
const CACHE_LIMIT = 5000;
const cache = new Map<string, CompileResult>();

/**
 * Parses an `=expr` text once (cached by text). Returns errors as data: a missing `=` or a FEEL
 * syntax error with its position.
 */
export function compileExpression(text: ExpressionText): CompileResult {
  const cached = cache.get(text);
  if (cached) return cached;
  const result = compileUncached(text);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(text, result);
  return result;
}

function compileUncached(text: ExpressionText): CompileResult {
  if (typeof text !== 'string' || !text.startsWith('=')) {
    return {
      ok: false,
      error: {
        code: 'SB_EXPR_NOT_AN_EXPRESSION',
        message: { zh: `表达式必须以“=”开头：${String(text)}`, en: `An expression must start with "=": ${String(text)}` },
      },
    };
  }
  const source = text.slice(1);
  const tree = parseFeel(source);
  const syntax = source.trim() === '' ? { from: 0, to: 0 } : findSyntaxProblem(tree);
  if (syntax) {
    return {
      ok: false,
      error: {
        code: 'SB_EXPR_SYNTAX',
        message: {
          zh: `表达式语法错误（第 ${syntax.from + 1} 个字符附近）：${text}`,
          en: `FEEL syntax error near character ${syntax.from + 1}: ${text}`,
        },
        position: syntax,
      },
    };
  }
  const references = referencedPaths(tree, source);
  return {
    ok: true,
    expression: {
      text,
      source,
      references,
      rootNames: [...new Set(references.map((path) => path[0]!))],
      fast: compileFastPath(tree, source),
    },
  };
}

/**
 * Evaluates an expression (text or compiled) against a context. The fast path answers the
 * common cases; anything else goes to feelin. Never throws.
 */
export function evaluate(expression: ExpressionText | CompiledExpression, context: Record<string, unknown>): EvaluationResult {
  let compiled: CompiledExpression;
  if (typeof expression === 'string') {
    const result = compileExpression(expression);
    if (!result.ok) return result;
    compiled = result.expression;
  } else {
    compiled = expression;
  }
  if (compiled.fast) {
    try {
      return { ok: true, value: compiled.fast(context), warnings: [] };
    } catch (error) {
      if (error !== DEOPT) return evaluationFailure(compiled, error);
    }
  }
  return evaluateWithFeelin(compiled, context);
}

/**
 * Evaluates a form expression as the form pass sees names: `root`, `application` and (when defined)
 * `outcome` from `names`, every other name from the holder's own fields. The same as evaluating
 * against `{ ...holder, root, application, outcome }`, without building that object unless the
 * expression has to go to feelin.
 */
export function evaluateInForm(compiled: CompiledExpression, holder: Record<string, unknown>, names: FormNames): EvaluationResult {
  const fast = formFastPathOf(compiled);
  if (fast) {
    try {
      return { ok: true, value: fast(holder, names), warnings: [] };
    } catch (error) {
      if (error !== DEOPT) return evaluationFailure(compiled, error);
    }
  }
  const scope: Record<string, unknown> = { ...holder, root: names.root, application: names.application };
  if (names.outcome !== undefined) scope.outcome = names.outcome;
  return evaluateWithFeelin(compiled, scope);
}

/** Evaluates with feelin only (no fast path): the reference semantics, used by tests. */
export function evaluateWithFeelin(compiled: CompiledExpression, context: Record<string, unknown>): EvaluationResult {
  try {
    // feelin deep-copies the context it is given; hand it only the names the expression reads.
    const narrowed: Record<string, unknown> = {};
    for (const name of compiled.rootNames) if (Object.prototype.hasOwnProperty.call(context, name)) narrowed[name] = context[name];
    const { value, warnings } = feelinEvaluate(compiled.source, narrowed);
    return { ok: true, value: value === undefined ? null : value, warnings: warnings.map((w) => w.message) };
  } catch (error) {
    return evaluationFailure(compiled, error);
  }
}

function evaluationFailure(compiled: CompiledExpression, error: unknown): EvaluationResult {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    error: {
      code: 'SB_EXPR_EVALUATION',
      message: { zh: `表达式求值失败：${compiled.text}（${detail}）`, en: `Could not evaluate ${compiled.text}: ${detail}` },
    },
  };
}

/** Evaluates and reads the result as a FEEL boolean: only `true` is true (null counts as false). */
export function evaluateCondition(expression: ExpressionText | CompiledExpression, context: Record<string, unknown>): { ok: true; value: boolean } | { ok: false; error: ExpressionError } {
  const result = evaluate(expression, context);
  return result.ok ? { ok: true, value: result.value === true } : result;
}

/** True when a value is written as an expression (`"=…"`) rather than a literal. */
export function isExpressionText(value: unknown): value is ExpressionText {
  return typeof value === 'string' && value.startsWith('=');
}
