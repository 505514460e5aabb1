import { compileExpression, evaluate, type CompiledExpression } from '../expression/index.ts';
import type { Rule } from '../format/types.ts';
import { toMessage, type Message } from '../text.ts';

/** The outcome of one eligibility rule for one application. */
export interface RuleResult {
  id: string;
  severity: 'hard' | 'soft';
  passed: boolean;
  /** What the rule demands, in plain words (shown when it fails). */
  message: Message;
  /** JSON pointers of the fields to fix. */
  fields: string[];
  /** Set when the rule could not be evaluated (it then counts as failed). */
  error?: Message;
}

/** A rule with its expression parsed. */
export interface CompiledRule {
  rule: Rule;
  expression: CompiledExpression | undefined;
  compileError: Message | undefined;
  /** The message and fields every result of the rule carries (made once, frozen: results share them). */
  message: Message;
  fields: string[];
}

/** Parses each rule's expression once. A broken expression is kept and fails when evaluated. */
export function compileRules(rules: readonly Rule[]): CompiledRule[] {
  return rules.map((rule) => {
    const compiled = compileExpression(rule.expr);
    const shared = { message: Object.freeze(toMessage(rule.message)), fields: Object.freeze([...(rule.fields ?? [])]) as string[] };
    return compiled.ok
      ? { rule, expression: compiled.expression, compileError: undefined, ...shared }
      : { rule, expression: undefined, compileError: compiled.error.message, ...shared };
  });
}

/**
 * Evaluates eligibility rules against the application context (sections by id, `application`,
 * `windows`). A rule passes only when its expression is exactly `true`: missing data fails it.
 */
export function evaluateRules(rules: readonly CompiledRule[], context: Record<string, unknown>): RuleResult[] {
  const results: RuleResult[] = [];
  for (const { rule, expression, compileError, message, fields } of rules) {
    const result: RuleResult = { id: rule.id, severity: rule.severity, message, fields, passed: false };
    if (!expression) result.error = compileError!;
    else {
      const evaluated = evaluateRule(expression, context);
      if (evaluated.ok) result.passed = evaluated.value === true;
      else result.error = evaluated.error.message;
    }
    results.push(result);
  }
  return results;
}

/** The rule's value: the fast path straight away when it answers, else evaluate() (feelin, or the error). */
function evaluateRule(expression: CompiledExpression, context: Record<string, unknown>): { ok: true; value: unknown } | { ok: false; error: { message: Message } } {
  if (expression.fast) {
    try {
      return { ok: true, value: expression.fast(context) };
    } catch {
      // Deferred to feelin, or failed: evaluate() answers both.
    }
  }
  return evaluate(expression, context);
}

/** True when no hard rule failed. */
export function hardRulesPass(results: readonly RuleResult[]): boolean {
  return results.every((r) => r.passed || r.severity === 'soft');
}
