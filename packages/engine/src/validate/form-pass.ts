import { evaluate, type CompiledExpression } from '../expression/index.ts';
import type { Logger } from '../environment.ts';
import { pointerSegment } from '../problem.ts';
import type { ObjectPlan } from './form-plan.ts';

/**
 * The engine's own pass over a form's data before Ajv sees it:
 *  - empty strings and nulls count as "not filled" and are removed (so `required` catches them);
 *  - values the client sent for computed fields are dropped and recomputed;
 *  - fields whose `x-fillable` is not true are cleared;
 *  - `x-required` is evaluated (reported only when the caller asks for completeness).
 * Nested tables are done first, so that a section's sums see the rows' own computed values.
 * The input is never mutated: the pass works on a deep copy.
 */

/** What the pass found besides the cleaned data. */
export interface FormPassResult {
  data: Record<string, unknown>;
  /** Pointers (relative to the form) of fields cleared because they are not fillable. */
  notFillable: Set<string>;
  /** Pointers of computed fields. */
  computed: Set<string>;
  /** Pointers of fields that `x-required` makes required and that are empty. */
  requiredMissing: string[];
}

/** What expressions see besides the object holding the field. */
export interface FormPassContext {
  application: Record<string, unknown>;
  logger: Logger;
  /**
   * Task forms only: the button the reviewer pressed (null before one is chosen), so that
   * `x-required`/`x-fillable` may depend on it. Absent for sections, whose expressions do not see it.
   */
  outcome?: string | null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Deep-copies form data, leaving out properties whose value is "" or null: both mean "not filled
 * in", and removing them lets `required` and formats treat an emptied field the same way.
 */
export function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmpty);
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const v = value[key];
    if (v !== '' && v !== null && v !== undefined) copy[key] = typeof v === 'object' ? withoutEmpty(v) : v;
  }
  return copy;
}

/** Runs the pass over one form's data. */
export function runFormPass(plan: ObjectPlan, input: unknown, context: FormPassContext): FormPassResult {
  const result: FormPassResult = { data: {}, notFillable: new Set(), computed: new Set(), requiredMissing: [] };
  if (!isPlainObject(input)) return { ...result, data: input as Record<string, unknown> };
  const root = withoutEmpty(input) as Record<string, unknown>;
  result.data = root;
  processObject(plan, root, '', root, context, result);
  return result;
}

function processObject(
  plan: ObjectPlan,
  holder: Record<string, unknown>,
  pointer: string,
  root: Record<string, unknown>,
  context: FormPassContext,
  result: FormPassResult,
): void {
  for (const field of plan.computed) delete holder[field.key];

  for (const child of plan.children) {
    const value = holder[child.key];
    const childPointer = `${pointer}/${pointerSegment(child.key)}`;
    // The data is already a private copy (see withoutEmpty), so rows are updated in place.
    if (child.array && Array.isArray(value)) {
      value.forEach((row, index) => {
        if (isPlainObject(row)) processObject(child.plan, row, `${childPointer}/${index}`, root, context, result);
      });
    } else if (!child.array && isPlainObject(value)) {
      processObject(child.plan, value, childPointer, root, context, result);
    }
  }

  if (plan.fillable.length + plan.computed.length + plan.required.length === 0) return;
  // Expressions see the holder's fields plus `root` and `application` (and in task forms
  // `outcome`). The scope object is built once per holder and kept in step as values are
  // cleared and computed.
  const scope: Record<string, unknown> = { ...holder, root, application: context.application };
  if (context.outcome !== undefined) scope.outcome = context.outcome;

  for (const field of plan.fillable) {
    if (conditionHolds(field.expression, scope, context.logger, true)) continue;
    const fieldPointer = `${pointer}/${pointerSegment(field.key)}`;
    result.notFillable.add(fieldPointer);
    delete holder[field.key];
    delete scope[field.key];
  }

  for (const field of plan.computed) {
    const fieldPointer = `${pointer}/${pointerSegment(field.key)}`;
    result.computed.add(fieldPointer);
    const evaluated = evaluate(field.expression, scope);
    if (!evaluated.ok) context.logger.warn('computed field failed', { field: fieldPointer, error: evaluated.error.message.en });
    const value = evaluated.ok ? evaluated.value : null;
    if (value === null || value === undefined) {
      // Nothing to compute from yet (e.g. a ratio over an empty table): leave the field empty.
      delete holder[field.key];
      delete scope[field.key];
    } else {
      holder[field.key] = value;
      scope[field.key] = value;
    }
  }

  for (const field of plan.required) {
    const fieldPointer = `${pointer}/${pointerSegment(field.key)}`;
    if (holder[field.key] !== undefined || result.notFillable.has(fieldPointer)) continue;
    if (conditionHolds(field.expression, scope, context.logger, false)) result.requiredMissing.push(fieldPointer);
  }
}

/** Evaluates a condition; on an evaluation failure answers `fallback` and logs why. */
function conditionHolds(expression: CompiledExpression, scope: Record<string, unknown>, logger: Logger, fallback: boolean): boolean {
  const evaluated = evaluate(expression, scope);
  if (!evaluated.ok) {
    logger.warn('form condition failed', { expression: expression.text, error: evaluated.error.message.en });
    return fallback;
  }
  return evaluated.value === true;
}
