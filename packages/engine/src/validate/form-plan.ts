import { compileExpression, type CompiledExpression } from '../expression/index.ts';
import type { JsonSchema } from '../format/types.ts';
import { pointerSegment } from '../problem.ts';

/**
 * A form's expression keywords, laid out once per schema so that every save walks only the
 * places that need work. Each object level of the form (the section, one row of a table) is an
 * ObjectPlan; its expressions see that object's fields, `root` and `application`.
 */

/** One field with an expression keyword. */
export interface FieldExpression {
  key: string;
  expression: CompiledExpression;
  /** JSON pointer into the schema, for problems. */
  schemaPointer: string;
}

/** The work one object level needs. */
export interface ObjectPlan {
  /** Property names declared at this level (for reference checks). */
  properties: string[];
  /** Computed fields, ordered so that one computed from another comes after it. */
  computed: FieldExpression[];
  fillable: FieldExpression[];
  required: FieldExpression[];
  /** Nested objects and tables that have work of their own. */
  children: Array<{ key: string; array: boolean; plan: ObjectPlan }>;
}

/** A problem found while planning (a broken expression, a cycle of computed fields). */
export interface PlanProblem {
  schemaPointer: string;
  code: string;
  zh: string;
  en: string;
}

const KEYWORDS = ['x-computed', 'x-fillable', 'x-required'] as const;
/** How deep nested objects and tables are followed (also by the form pass's cleaner). */
export const MAX_DEPTH = 32;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows a local `$ref` (`#/$defs/row`) inside the same schema document. */
export function resolveLocalRef(schema: unknown, rootSchema: JsonSchema): Record<string, unknown> | undefined {
  let current = schema;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string' && hops < 16; hops++) {
    const ref = current.$ref;
    if (!ref.startsWith('#')) return undefined;
    let target: unknown = rootSchema;
    for (const raw of ref.slice(1).split('/').filter(Boolean)) {
      const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      target = isObject(target) ? target[segment] : undefined;
    }
    current = target;
  }
  return isObject(current) ? current : undefined;
}

/** The schema of the object held by `schema`, for an object or a table (array of objects). */
export function objectSchemaOf(schema: Record<string, unknown>, rootSchema: JsonSchema): { array: boolean; schema: Record<string, unknown> } | undefined {
  if (isObject(schema.properties)) return { array: false, schema };
  const items = resolveLocalRef(schema.items, rootSchema);
  if (items && isObject(items.properties)) return { array: true, schema: items };
  return undefined;
}

/** Builds the plan for an object schema; problems are collected, never thrown. */
export function planObject(
  schema: Record<string, unknown>,
  rootSchema: JsonSchema,
  schemaPointer: string,
  problems: PlanProblem[],
  depth = 0,
): ObjectPlan {
  const plan: ObjectPlan = { properties: [], computed: [], fillable: [], required: [], children: [] };
  const properties = isObject(schema.properties) ? schema.properties : {};
  for (const [key, raw] of Object.entries(properties)) {
    plan.properties.push(key);
    const pointer = `${schemaPointer}/properties/${pointerSegment(key)}`;
    const property = resolveLocalRef(raw, rootSchema);
    if (!property) continue;
    for (const keyword of KEYWORDS) {
      const text = property[keyword];
      if (text === undefined) continue;
      const compiled = compileExpression(String(text));
      if (!compiled.ok) {
        problems.push({ schemaPointer: `${pointer}/${keyword}`, code: 'SB_CHECK_EXPRESSION_SYNTAX', ...compiled.error.message });
        continue;
      }
      const entry = { key, expression: compiled.expression, schemaPointer: `${pointer}/${keyword}` };
      if (keyword === 'x-computed') plan.computed.push(entry);
      else if (keyword === 'x-fillable') plan.fillable.push(entry);
      else plan.required.push(entry);
    }
    const nested = objectSchemaOf(property, rootSchema);
    if (nested && depth < MAX_DEPTH) {
      const childPointer = nested.array ? `${pointer}/items` : pointer;
      const child = planObject(nested.schema, rootSchema, childPointer, problems, depth + 1);
      if (hasWork(child)) plan.children.push({ key, array: nested.array, plan: child });
    }
  }
  plan.computed = orderComputed(plan.computed, problems);
  return plan;
}

function hasWork(plan: ObjectPlan): boolean {
  return plan.computed.length + plan.fillable.length + plan.required.length + plan.children.length > 0;
}

/**
 * Orders computed fields so that a field computed from a sibling computed field comes after it
 * (the schema's own order need not respect this). A cycle is a programme mistake.
 */
function orderComputed(fields: FieldExpression[], problems: PlanProblem[]): FieldExpression[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const ordered: FieldExpression[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (field: FieldExpression): void => {
    const seen = state.get(field.key);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      // Reached again while its own dependencies are being ordered: a cycle (or self-reference).
      problems.push({
        schemaPointer: field.schemaPointer,
        code: 'SB_CHECK_COMPUTED_CYCLE',
        zh: `计算字段“${field.key}”循环引用了自身`,
        en: `Computed field "${field.key}" depends on itself`,
      });
      return;
    }
    state.set(field.key, 'visiting');
    for (const name of field.expression.rootNames) {
      const dependency = byKey.get(name);
      if (dependency) visit(dependency);
    }
    state.set(field.key, 'done');
    ordered.push(field);
  };
  for (const field of fields) visit(field);
  return ordered;
}
