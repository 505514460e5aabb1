import type { JsonSchema } from '../format/types.ts';
import { PROTO_ACCESSOR_OK } from '../expression/fast-path.ts';
import { MAX_DEPTH, objectSchemaOf, resolveLocalRef } from './form-plan.ts';

/**
 * Cleaning: in the fields a form declares, an empty string or null means "not filled in" and is
 * removed before anything else looks at the data, so that `required` and formats treat an emptied
 * field the same way as one never filled. Fields the form does not declare are kept as sent: no
 * expression, schema keyword, print or export reads them (Ajv's strict mode refuses a `required`
 * name the object does not declare, and `check` an expression reading one).
 *
 * Almost every save arrives clean, so cleaning is split in two: `compileNeedsCleaning` generates,
 * once per form, a function that only reads the declared fields and says whether anything would
 * change; `cleanDeclared` (the definition, and the path taken when the answer is yes) makes the
 * cleaned copy. A clean input is then used as it is, shared, never copied or walked again.
 */

/** The declared structure of one object level: its keys, and which of them hold objects or tables. */
export interface CleanShape {
  keys: string[];
  nested: Map<string, { array: boolean; shape: CleanShape }>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const OBJECT_PROTOTYPE = Object.prototype;
const isPlainRecord = (value: object): boolean => !Array.isArray(value) && Object.getPrototypeOf(value) === OBJECT_PROTOTYPE;
const isEmpty = (value: unknown): boolean => value === '' || value === null;

/** The shape of an object schema (a form, a nested object, a table's row). */
export function cleanShapeOf(schema: Record<string, unknown>, rootSchema: JsonSchema, depth = 0): CleanShape {
  const shape: CleanShape = { keys: [], nested: new Map() };
  const properties = isObject(schema.properties) ? schema.properties : {};
  for (const [key, raw] of Object.entries(properties)) {
    shape.keys.push(key);
    const property = resolveLocalRef(raw, rootSchema);
    const nested = property && depth < MAX_DEPTH ? objectSchemaOf(property, rootSchema) : undefined;
    if (nested) shape.nested.set(key, { array: nested.array, shape: cleanShapeOf(nested.schema, rootSchema, depth + 1) });
  }
  return shape;
}

/**
 * A cleaned copy of an object level: own keys in their order; declared keys holding "" or null
 * left out; declared objects and tables cleaned in turn (a row or object that is not a plain
 * object becomes one, so that expressions meet plain JSON); undeclared keys kept as sent.
 */
export function cleanDeclared(value: Record<string, unknown>, shape: CleanShape): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  const declared = new Set(shape.keys);
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (!declared.has(key)) {
      put(copy, key, v);
      continue;
    }
    if (isEmpty(v)) continue;
    const nested = shape.nested.get(key);
    put(copy, key, nested && typeof v === 'object' && v !== null ? cleanNested(v, nested) : v);
  }
  return copy;
}

/** Sets an own data property, also for `__proto__` (JSON.parse makes such keys; assigning one would set the prototype). */
function put(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

function cleanNested(value: object, nested: { array: boolean; shape: CleanShape }): unknown {
  if (!nested.array) return Array.isArray(value) ? value : cleanDeclared(value as Record<string, unknown>, nested.shape);
  if (!Array.isArray(value)) return value;
  // Items that are not objects (a scalar, a list) are kept for Ajv to report; holes stay holes.
  const rows = new Array<unknown>(value.length);
  for (let i = 0; i < value.length; i++) {
    if (!(i in value)) continue;
    const row: unknown = value[i];
    rows[i] = isObject(row) ? cleanDeclared(row, nested.shape) : row;
  }
  return rows;
}

/** Would cleanDeclared change anything (or copy a non-plain object)? The definition; see compileNeedsCleaning. */
export function needsCleaning(value: Record<string, unknown>, shape: CleanShape): boolean {
  if (!isPlainRecord(value)) return true;
  for (const key of shape.keys) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const v = value[key];
    if (isEmpty(v)) return true;
    const nested = shape.nested.get(key);
    if (!nested || typeof v !== 'object') continue;
    if (!nested.array) {
      if (!Array.isArray(v) && needsCleaning(v as Record<string, unknown>, nested.shape)) return true;
    } else if (Array.isArray(v)) {
      if (Object.getPrototypeOf(v) !== Array.prototype) return true;
      for (let i = 0; i < v.length; i++) {
        const row: unknown = v[i];
        if (isObject(row) && needsCleaning(row, nested.shape)) return true;
      }
    }
  }
  return false;
}

/**
 * Generates needsCleaning for one shape: the declared fields are read by name, tables walked in a
 * plain loop, so that a clean 200-row table costs about one read per field. Reads go through the
 * prototype, so a declared key Object.prototype also has (`constructor`) is tested as an own
 * property (a key Object.prototype acquires later can only make it answer true, which is safe);
 * an object or table that is not plain answers true (cleanDeclared then makes plain copies).
 * Undefined when code cannot be generated here (then use needsCleaning).
 */
export function compileNeedsCleaning(shape: CleanShape): ((value: Record<string, unknown>) => boolean) | undefined {
  // A prototype read that V8 inlines, where the accessor is the standard one (see PROTO_ACCESSOR_OK).
  const proto = (v: string): string => (PROTO_ACCESSOR_OK ? `${v}.__proto__` : `getProto(${v})`);
  const levels: string[] = [];
  const levelOf = (level: CleanShape): string => {
    const name = `level${levels.length}`;
    levels.push('');
    const index = levels.length - 1;
    const lines = [`function ${name}(o) {`, 'let v;'];
    for (const key of level.keys) {
      const k = JSON.stringify(key);
      const read = key in OBJECT_PROTOTYPE || key === '__proto__' ? `v = hasOwn.call(o, ${k}) ? o[${k}] : undefined;` : `v = o[${k}];`;
      lines.push(read, "if (v === '' || v === null) return true;");
      const nested = level.nested.get(key);
      if (!nested) continue;
      const inner = levelOf(nested.shape);
      if (!nested.array) {
        lines.push(`if (typeof v === 'object' && !Array.isArray(v) && (${proto('v')} !== OP || ${inner}(v))) return true;`);
      } else {
        lines.push(`if (Array.isArray(v)) {`,
          `if (${proto('v')} !== AP) return true;`,
          'for (let i = 0; i < v.length; i++) {',
          'const r = v[i];',
          `if (typeof r === 'object' && r !== null && !Array.isArray(r) && (${proto('r')} !== OP || ${inner}(r))) return true;`,
          '}',
          '}');
      }
    }
    lines.push('return false;', '}');
    levels[index] = lines.join('\n');
    return name;
  };
  const top = levelOf(shape);
  const code = ["'use strict';", ...levels, `return function needsCleaning(o) { return ${proto('o')} !== OP || ${top}(o); };`].join('\n');
  try {
    // Code generation, as Ajv does; the source is built from the schema's property names (quoted), never from data.
    const factory = new Function('hasOwn', 'getProto', 'OP', 'AP', code) as (...args: unknown[]) => (value: Record<string, unknown>) => boolean;
    return factory(Object.prototype.hasOwnProperty, Object.getPrototypeOf, OBJECT_PROTOTYPE, Array.prototype);
  } catch {
    return undefined;
  }
}

/**
 * Deep-copies data leaving out every "" and null property, declared or not: for the browser's live
 * form logic, which evaluates the same expressions (they read declared fields only, so the answer
 * is the same as after cleanDeclared) without a schema walk per keystroke.
 */
export function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmpty);
  if (!isObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const v = value[key];
    if (v === '' || v === null || v === undefined) continue;
    put(copy, key, typeof v === 'object' ? withoutEmpty(v) : v);
  }
  return copy;
}
