import type { PathSegment } from './json-pointer.ts';

/** One `x-` rule found in a section schema. `containerPath` uses '*' for "every row of this table". */
export interface FieldRule {
  /** Path of the object that holds the field ('*' = each array item). */
  containerPath: PathSegment[];
  property: string;
  expression: string;
}

/** Everything a section form must evaluate live, found once per schema. */
export interface FormPlan {
  computed: FieldRule[];
  fillable: FieldRule[];
  required: FieldRule[];
}

export const ANY_ROW = '*';

interface SchemaNode {
  type?: unknown;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode | SchemaNode[];
  [keyword: string]: unknown;
}

/**
 * Walks the schema's properties and array items (the shapes section forms use) and collects x-computed,
 * x-fillable and x-required expressions with where they live. Composition keywords (allOf/oneOf) are not
 * walked: the programme format does not use them for sections.
 */
export function planForm(schema: unknown): FormPlan {
  const plan: FormPlan = { computed: [], fillable: [], required: [] };
  visitObject(schema as SchemaNode, [], plan);
  return plan;
}

function visitObject(node: SchemaNode | undefined, containerPath: PathSegment[], plan: FormPlan): void {
  if (!node || typeof node !== 'object' || !node.properties) return;
  for (const [property, child] of Object.entries(node.properties)) {
    if (!child || typeof child !== 'object') continue;
    collect(child, 'x-computed', plan.computed, containerPath, property);
    collect(child, 'x-fillable', plan.fillable, containerPath, property);
    collect(child, 'x-required', plan.required, containerPath, property);
    const childPath = [...containerPath, property];
    if (child.properties) visitObject(child, childPath, plan);
    const items = child.items;
    if (items && !Array.isArray(items)) visitObject(items, [...childPath, ANY_ROW], plan);
  }
}

function collect(node: SchemaNode, keyword: string, into: FieldRule[], containerPath: PathSegment[], property: string): void {
  const expression = node[keyword];
  if (typeof expression === 'string') into.push({ containerPath, property, expression });
}

export function isEmptyPlan(plan: FormPlan): boolean {
  return plan.computed.length === 0 && plan.fillable.length === 0 && plan.required.length === 0;
}

/** True when some rule reads `outcome`: a task form whose required or fillable fields depend on the reviewer's outcome. */
export function readsOutcome(plan: FormPlan): boolean {
  return [...plan.computed, ...plan.fillable, ...plan.required].some((rule) => /(^|[^\w."])outcome\b/.test(rule.expression));
}
