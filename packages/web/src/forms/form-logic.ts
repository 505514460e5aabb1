import { withoutEmpty } from '@shenbao/engine/browser';
import { evaluateExpression } from './engine-adapter.ts';
import type { FieldRule, FormPlan } from './form-plan.ts';
import { ANY_ROW } from './form-plan.ts';
import { pointerFromPath, type PathSegment } from './json-pointer.ts';

/** What the live form knows about one field beyond its schema. Only fields with x- rules get one. */
export interface FieldState {
  /** False when x-fillable says the field does not apply (shown disabled; the server clears it on save). */
  fillable: boolean;
  /** True when x-required currently makes the field required. */
  required: boolean;
  /** Present for x-computed fields: the value to show (null while there is nothing to compute from). */
  computed?: { value: unknown };
}

export interface FormLogicResult {
  /** Field states by JSON pointer (section-relative). */
  states: Map<string, FieldState>;
  /** Computed values by pointer, for merging into the data that is saved. */
  computedValues: Map<string, unknown>;
}

interface Holder {
  path: PathSegment[];
  scope: Record<string, unknown>;
}

/**
 * Evaluates every x-fillable, x-computed and x-required rule of a section against its current data, with the
 * engine's semantics (packages/engine/src/validate/form-pass.ts): a rule sees the object holding the field plus
 * `root` and `application` (and, in a task form, `outcome`: pass it in `extra`, null while none is chosen, as the
 * server does when a form is saved without one); empty strings and nulls count as "not filled"; rows are done before the section
 * (so section totals see row values); within one object fillable comes first, then computed in schema order,
 * then required; a fillable rule that cannot be evaluated leaves the field fillable.
 */
export function evaluateFormLogic(plan: FormPlan, data: Record<string, unknown>, application: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): FormLogicResult {
  const states = new Map<string, FieldState>();
  const computedValues = new Map<string, unknown>();
  const root = withoutEmpty(data) as Record<string, unknown>;

  // Group rules by container pattern, deepest first, so rows are finished before their section.
  const patterns = new Map<string, { containerPath: PathSegment[]; fillable: FieldRule[]; computed: FieldRule[]; required: FieldRule[] }>();
  const group = (rules: FieldRule[], kind: 'fillable' | 'computed' | 'required') => {
    for (const rule of rules) {
      const key = rule.containerPath.join('\u0000');
      let entry = patterns.get(key);
      if (!entry) {
        entry = { containerPath: rule.containerPath, fillable: [], computed: [], required: [] };
        patterns.set(key, entry);
      }
      entry[kind].push(rule);
    }
  };
  group(plan.fillable, 'fillable');
  group(plan.computed, 'computed');
  group(plan.required, 'required');
  const ordered = [...patterns.values()].sort((a, b) => b.containerPath.length - a.containerPath.length);

  for (const entry of ordered) {
    for (const holder of holdersAt(root, entry.containerPath)) {
      const scope: Record<string, unknown> = { ...holder.scope, root, application, ...extra };
      const stateOf = (property: string): FieldState => {
        const pointer = pointerFromPath([...holder.path, property]);
        let state = states.get(pointer);
        if (!state) {
          state = { fillable: true, required: false };
          states.set(pointer, state);
        }
        return state;
      };

      for (const rule of entry.fillable) {
        const outcome = evaluateExpression(rule.expression, scope);
        const fillable = outcome.ok ? outcome.value === true : true;
        stateOf(rule.property).fillable = fillable;
        if (!fillable) {
          delete holder.scope[rule.property];
          delete scope[rule.property];
        }
      }

      for (const rule of entry.computed) {
        const outcome = evaluateExpression(rule.expression, scope);
        const value = outcome.ok && outcome.value !== undefined ? outcome.value : null;
        stateOf(rule.property).computed = { value };
        computedValues.set(pointerFromPath([...holder.path, rule.property]), value);
        // Later rules (and the section above a row) see the computed value, as on the server.
        if (value === null) {
          delete holder.scope[rule.property];
          delete scope[rule.property];
        } else {
          holder.scope[rule.property] = value;
          scope[rule.property] = value;
        }
      }

      for (const rule of entry.required) {
        const state = stateOf(rule.property);
        if (!state.fillable) continue;
        const outcome = evaluateExpression(rule.expression, scope);
        state.required = outcome.ok && outcome.value === true;
      }
    }
  }
  return { states, computedValues };
}

/** Every object matching a container pattern ('*' = each row), with its concrete path. */
function holdersAt(root: Record<string, unknown>, pattern: PathSegment[]): Holder[] {
  let current: Holder[] = [{ path: [], scope: root }];
  for (const segment of pattern) {
    const next: Holder[] = [];
    for (const holder of current) {
      if (segment === ANY_ROW) {
        const rows = holder.scope as unknown;
        if (!Array.isArray(rows)) continue;
        rows.forEach((row, index) => {
          if (isPlainObject(row)) next.push({ path: [...holder.path, index], scope: row });
        });
      } else {
        const child = holder.scope[segment as string];
        if (isPlainObject(child) || Array.isArray(child)) next.push({ path: [...holder.path, segment], scope: child as Record<string, unknown> });
      }
    }
    current = next;
  }
  return current.filter((holder) => isPlainObject(holder.scope));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}


export { withoutEmpty };
