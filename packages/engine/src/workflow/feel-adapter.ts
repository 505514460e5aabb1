/**
 * The workflow's door to the shared FEEL evaluator (../expression): compiled once per text,
 * a fast path for the common shapes, feelin for the rest.
 */
import { evaluate, isExpressionText } from '../expression/index.ts';

/** True for Camunda-8 style expressions: a string starting with `=`. */
export const isFeelExpression = isExpressionText;

/**
 * Evaluates `=expr` against `context`; anything else is a literal and comes back unchanged.
 * Throws on a broken expression; the runner turns that into SB_ERR_EXPRESSION / SB_ERR_ENGINE data.
 */
export function evaluateFeel(text: string, context: Record<string, unknown>): unknown {
  if (!isFeelExpression(text)) return text;
  const result = evaluate(text, context);
  if (!result.ok) throw new Error(result.error.message.en);
  return result.value;
}
