import { resolveLocalRef } from '../validate/form-plan.ts';
import type { JsonSchema } from './types.ts';

/**
 * Following a data path through a form schema, for static checks ("does `site.rows.area`
 * exist?"). Tables are transparent: a path step on an array schema continues in its items,
 * as FEEL's path on a list and Handlebars' `#each` both do.
 */

/** The answer to "where does this path lead in the schema". */
export type SchemaStep =
  | { kind: 'found'; schema: Record<string, unknown> }
  /** The schema does not say (free object, `additionalProperties`, combinators): do not judge. */
  | { kind: 'open' }
  | { kind: 'missing'; at: number };

/** The object schema a node holds (itself, or its items' for a table), if it lists properties. */
export function propertiesOf(schema: Record<string, unknown>, root: JsonSchema): Record<string, unknown> | undefined {
  const node = resolveLocalRef(schema, root) ?? schema;
  if (typeof node.properties === 'object' && node.properties !== null) return node.properties as Record<string, unknown>;
  const items = resolveLocalRef(node.items, root);
  if (items && typeof items.properties === 'object' && items.properties !== null) return items.properties as Record<string, unknown>;
  return undefined;
}

/** True when an object schema (or table rows) may hold properties beyond those it lists. */
function isOpen(schema: Record<string, unknown>, root: JsonSchema): boolean {
  const node = resolveLocalRef(schema, root) ?? schema;
  const target = resolveLocalRef(node.items, root) ?? node;
  return ['allOf', 'anyOf', 'oneOf', 'if', 'patternProperties', '$ref'].some((k) => k in target) ||
    (target.additionalProperties !== undefined && target.additionalProperties !== false);
}

/** Follows `path` from `schema`; see SchemaStep. */
export function followPath(schema: Record<string, unknown>, path: readonly string[], root: JsonSchema): SchemaStep {
  let current = resolveLocalRef(schema, root) ?? schema;
  for (let i = 0; i < path.length; i++) {
    const properties = propertiesOf(current, root);
    // A step into a text, a number or a yes/no reads nothing, ever: that is a mistake, not an open shape.
    if (!properties) return isScalar(current, root) ? { kind: 'missing', at: i } : { kind: 'open' };
    const next = resolveLocalRef(properties[path[i]!], root);
    if (!next) return isOpen(current, root) ? { kind: 'open' } : { kind: 'missing', at: i };
    current = next;
  }
  return { kind: 'found', schema: current };
}

const SCALAR_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null']);

/** True when a schema (or a table's items) only admits scalars: no path step can go inside its values. */
function isScalar(schema: Record<string, unknown>, root: JsonSchema): boolean {
  const node = resolveLocalRef(schema, root) ?? schema;
  const target = node.type === 'array' || node.items !== undefined ? resolveLocalRef(node.items, root) : node;
  if (!target || ['allOf', 'anyOf', 'oneOf', 'if', '$ref'].some((k) => k in target)) return false;
  const types = Array.isArray(target.type) ? target.type : [target.type];
  return types.length > 0 && types.every((t) => typeof t === 'string' && SCALAR_TYPES.has(t));
}

/** Whether a schema node is a table (array). */
export function isArraySchema(schema: Record<string, unknown>): boolean {
  return schema.type === 'array' || schema.items !== undefined;
}
