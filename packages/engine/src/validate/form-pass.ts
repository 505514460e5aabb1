import { compileColumnSumsOf, compileFormFastPathOf, evaluate, evaluateInForm, type CompiledExpression, type FormFastPath, type FormMemo, type FormNames } from '../expression/index.ts';
import { PROTO_ACCESSOR_OK } from '../expression/fast-path.ts';
import type { Logger } from '../environment.ts';
import type { JsonSchema } from '../format/types.ts';
import { pointerSegment } from '../problem.ts';
import { MAX_DEPTH, objectSchemaOf, resolveLocalRef, type FieldExpression, type ObjectPlan } from './form-plan.ts';

/**
 * The engine's own pass over a form's data before Ajv sees it:
 *  - empty strings and nulls count as "not filled" and are removed (so `required` catches them);
 *  - values the client sent for computed fields are dropped and recomputed;
 *  - fields whose `x-fillable` is not true are cleared;
 *  - `x-required` is evaluated (reported only when the caller asks for completeness).
 * Nested tables are done first, so that a section's sums see the rows' own computed values.
 * The input is never mutated. runFormPass below is the reference: it works on a deep copy.
 * compileFormPass (further down) is what validation uses: the same results, but the data it
 * returns may share unchanged rows and objects with the input (treat both as read-only).
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

// ---------------------------------------------------------------------------------------------
// The compiled pass. Same results as runFormPass above (which stays as the reference the tests
// compare against, and as the fallback for the odd plan), at a fraction of the cost on long tables:
//  - cleaning shares what needs no cleaning: an object or array without "" / null / undefined
//    values anywhere below it is kept as it is instead of copied. The result may therefore share
//    unchanged rows with the input; neither is ever modified (a row that the pass must change —
//    a computed field, a cleared field — is copied first, with its table and parent objects);
//  - table rows are checked by a function generated once per table schema that reads the
//    declared fields by name (and counts the keys, so that an undeclared empty one is still found);
//  - expressions run on the generated form fast path, reading the holder and the shared names
//    directly: no scope object per row;
//  - pointers are built only when something is reported or asked for.
// ---------------------------------------------------------------------------------------------

const hasOwn = Object.prototype.hasOwnProperty;
const OBJECT_PROTOTYPE = Object.prototype;
const ARRAY_PROTOTYPE = Array.prototype;
const getProto = Object.getPrototypeOf;

/** Tables shorter than this are cleaned by the generic code (the generated check has a fixed cost per table). */
const GENERATED_ROWS_FROM = 16;

/** How one object level of a form is cleaned: its declared keys, nested objects and tables. */
interface CleanLevel {
  keys: string[];
  nested: Map<string, { array: boolean; level: CleanLevel }>;
  /** Table rows only: the generated cleaning of a table of such rows (see tableCleaner). */
  table?: (table: unknown[]) => unknown[];
}

const GENERIC_LEVEL: CleanLevel = { keys: [], nested: new Map() };

function cleanLevelOf(schema: Record<string, unknown>, rootSchema: JsonSchema, table: boolean, depth: number): CleanLevel {
  const level: CleanLevel = { keys: [], nested: new Map() };
  const properties = isPlainObject(schema.properties) ? schema.properties : {};
  for (const [key, raw] of Object.entries(properties)) {
    level.keys.push(key);
    const property = resolveLocalRef(raw, rootSchema);
    const nested = property && depth < MAX_DEPTH ? objectSchemaOf(property, rootSchema) : undefined;
    if (nested) level.nested.set(key, { array: nested.array, level: cleanLevelOf(nested.schema, rootSchema, nested.array, depth + 1) });
  }
  if (table) level.table = tableCleaner(level);
  return level;
}

/** Own enumerable keys as withoutEmpty copies them; an own `__proto__` key makes the copy differ. */
const isEmpty = (value: unknown): boolean => value === '' || value === null || value === undefined;

/** Is `value` (a non-null object) a plain object, prototype Object.prototype? */
const isPlainRecord = (value: object): boolean => getProto(value) === OBJECT_PROTOTYPE;

/** Copies an object as withoutEmpty does, cleaning (and sharing where unchanged) what it holds. */
function copyObject(value: Record<string, unknown>, level: CleanLevel): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    if (!hasOwn.call(value, key)) continue;
    const v = value[key];
    if (!isEmpty(v)) copy[key] = typeof v === 'object' ? cleanChild(v as object, level.nested.get(key)) : v;
  }
  return copy;
}

/** The object itself when withoutEmpty would copy it unchanged, else a cleaned copy. */
function cleanObject(value: Record<string, unknown>, level: CleanLevel): Record<string, unknown> {
  if (!isPlainRecord(value)) return copyObject(value, level);
  for (const key in value) {
    if (!hasOwn.call(value, key)) continue;
    const v = value[key];
    if (isEmpty(v) || key === '__proto__') return copyObject(value, level);
    if (typeof v === 'object' && cleanChild(v as object, level.nested.get(key)) !== v) return copyObject(value, level);
  }
  return value;
}

/** The array itself when nothing in it changes, else a copy with the changed items replaced. */
function cleanArray(value: unknown[], level: CleanLevel | undefined): unknown[] {
  if (getProto(value) !== ARRAY_PROTOTYPE) return withoutEmpty(value) as unknown[];
  if (level?.table && value.length >= GENERATED_ROWS_FROM && prototypeHasNone(level.keys)) return level.table(value);
  const rowLevel = level ?? GENERIC_LEVEL;
  let copy: unknown[] | undefined;
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    if (typeof item !== 'object' || item === null) continue;
    const cleaned = Array.isArray(item) ? cleanArray(item, undefined) : cleanObject(item as Record<string, unknown>, rowLevel);
    if (cleaned !== item) (copy ??= value.slice())[i] = cleaned;
  }
  return copy ?? value;
}

/** Object.prototype has none of the keys (checked per table, before the generated row check is used). */
function prototypeHasNone(keys: string[]): boolean {
  for (const key of keys) if (hasOwn.call(OBJECT_PROTOTYPE, key)) return false;
  return true;
}

function cleanChild(value: object, nested: { array: boolean; level: CleanLevel } | undefined): unknown {
  if (Array.isArray(value)) return cleanArray(value, nested?.array ? nested.level : undefined);
  return cleanObject(value as Record<string, unknown>, nested && !nested.array ? nested.level : GENERIC_LEVEL);
}

/**
 * Generates the cleaning of a whole table of this row schema: each row's declared fields are read
 * by name and counted against the row's enumerable keys (an undeclared key, empty or not, sends the
 * row to the generic copy). A row withoutEmpty would copy unchanged is kept as it is; the table is
 * copied only when a row changes. Callers use it only while Object.prototype has none of the
 * declared keys (so that a read finds an own property); a key that Object.prototype has when
 * generating leaves the table to the generic code.
 */
function tableCleaner(level: CleanLevel): ((table: unknown[]) => unknown[]) | undefined {
  if (level.keys.length === 0 || level.keys.some((k) => k in OBJECT_PROTOTYPE)) return undefined;
  const children = level.keys.map((key) => {
    const nested = level.nested.get(key);
    return (value: object): unknown => cleanChild(value, nested);
  });
  const lines = [
    "'use strict';",
    'return function cleanTable(a) {',
    'let copy;',
    'for (let i = 0; i < a.length; i++) {',
    'const o = a[i];',
    "if (typeof o !== 'object' || o === null) continue;",
    'let x = o;',
    'if (Array.isArray(o)) x = cleanArray(o, undefined);',
    'else check: {',
    `if (${PROTO_ACCESSOR_OK ? 'o.__proto__' : 'getProto(o)'} !== OP) { x = copyObject(o, level); break check; }`,
    'let c = 0, v;',
    ...level.keys.map((key, i) => `v = o[${JSON.stringify(key)}]; if (v !== undefined) { c++; if (v === '' || v === null || (typeof v === 'object' && children[${i}](v) !== v)) { x = copyObject(o, level); break check; } }`),
    'for (const _ in o) c--;',
    'if (c !== 0) x = copyObject(o, level);',
    '}',
    'if (x !== o) { if (copy === undefined) copy = a.slice(); copy[i] = x; }',
    '}',
    'return copy === undefined ? a : copy;',
    '};',
  ];
  try {
    // Code generation, as Ajv does; the source is built from the schema's property names (quoted), never from data.
    const factory = new Function('OP', 'getProto', 'copyObject', 'cleanArray', 'level', 'children', lines.join('\n')) as (...args: unknown[]) => (table: unknown[]) => unknown[];
    return factory(OBJECT_PROTOTYPE, getProto, copyObject, cleanArray, level, children);
  } catch {
    return undefined;
  }
}

/** One object being worked on: where it sits, and whether it is the pass's own copy yet. */
interface Frame {
  holder: Record<string, unknown> | unknown[];
  parent: Frame | null;
  key: string | number;
  owned: boolean;
}

/**
 * Makes the frame's object the pass's own before it is changed: a shared object (or table) is
 * copied and put in place of the original in its parent, which is made the pass's own first.
 * An object that is not plain was made by the cleaner (shared objects are always plain): it is
 * the pass's already.
 */
function own(frame: Frame, without?: ReadonlySet<string>): void {
  if (frame.owned) return;
  frame.owned = true;
  const holder = frame.holder;
  if (Array.isArray(holder) ? getProto(holder) !== ARRAY_PROTOTYPE : !isPlainRecord(holder)) return;
  own(frame.parent!);
  const copy = Array.isArray(holder) ? holder.slice() : copyWithout(holder, without);
  (frame.parent!.holder as Record<string | number, unknown>)[frame.key] = copy;
  frame.holder = copy;
}

/**
 * A copy of a shared (plain) object, leaving out `without` — the keys the reference pass deletes
 * right after copying (computed fields): the same keys in the same order, but the copy stays a
 * fast-mode object instead of the dictionary that deleting from it would make it.
 */
function copyWithout(holder: Record<string, unknown>, without: ReadonlySet<string> | undefined): Record<string, unknown> {
  if (!without) return { ...holder };
  const copy: Record<string, unknown> = {};
  for (const key in holder) if (hasOwn.call(holder, key) && !without.has(key)) copy[key] = holder[key];
  return copy;
}

function pointerOf(frame: Frame, key: string): string {
  let pointer = `/${pointerSegment(key)}`;
  for (let f: Frame | null = frame; f && f.parent; f = f.parent) pointer = `/${typeof f.key === 'number' ? f.key : pointerSegment(f.key)}${pointer}`;
  return pointer;
}

interface PassState {
  names: FormNames;
  logger: Logger;
  /** Frames and keys of the fields found not fillable, and of the computed fields (pointers on demand). */
  notFillable: Array<Frame | string>;
  computed: Array<Frame | string>;
  requiredMissing: string[];
}

function pointerSet(entries: Array<Frame | string>): Set<string> {
  const set = new Set<string>();
  for (let i = 0; i < entries.length; i += 2) set.add(pointerOf(entries[i] as Frame, entries[i + 1] as string));
  return set;
}

/** An expression that could not be evaluated (the error's English message, for the log). */
class Failure {
  constructor(readonly message: string) {}
}

/** A field with its expression's form fast path looked up once. */
interface PassField {
  key: string;
  expression: CompiledExpression;
  fast: FormFastPath | null;
}

/** A plan level ready for the compiled pass. */
interface PassLevel {
  computed: PassField[];
  fillable: PassField[];
  required: PassField[];
  children: Array<{ key: string; array: boolean; level: PassLevel }>;
  expressions: boolean;
  /** Whether the level's expressions share a memo (see passLevelOf). */
  memo: boolean;
  /** The computed fields' keys, when there are any. */
  computedKeys: ReadonlySet<string> | undefined;
  /** The level's fillable, computed and required work (see phaseOf). */
  phase: (frame: Frame, state: PassState, memo: FormMemo | undefined) => void;
  /** Puts the column totals the level's expressions take into the memo in one pass over each table. */
  columnSums: ((holder: Record<string, unknown>, memo: FormMemo) => void) | undefined;
}

function passLevelOf(plan: ObjectPlan): PassLevel {
  // Loop subexpressions are remembered for the holder when they read only fields that the level
  // neither clears nor computes (nor `root`, `application`, `outcome`): their values cannot change
  // while the level's expressions run (rows below were done before; writes touch only those fields).
  const written = new Set([...plan.computed, ...plan.fillable].map((f) => f.key));
  const memoizable = (names: readonly string[]): boolean => names.every((n) => !SHARED_NAMES.has(n) && !written.has(n));
  const field = (f: FieldExpression): PassField => ({ key: f.key, expression: f.expression, fast: compileFormFastPathOf(f.expression, { memoizable }) });
  const computed = plan.computed.map(field);
  const fillable = plan.fillable.map(field);
  const required = plan.required.map(field);
  const columnSums = compileColumnSumsOf([...plan.computed, ...plan.fillable, ...plan.required].map((f) => f.expression), memoizable);
  return {
    computed,
    fillable,
    required,
    children: plan.children.map((c) => ({ key: c.key, array: c.array, level: passLevelOf(c.plan) })),
    expressions: computed.length + fillable.length + required.length > 0,
    // A memo is worth its Map only when some subexpression is shared by two evaluations.
    memo: columnSums !== undefined || [...computed, ...fillable, ...required].filter((f) => f.fast && /\bfor\b|\bevery\b|\bsome\b/.test(f.expression.source)).length > 1,
    columnSums,
    phase: phaseOf(computed, fillable, required, memoizable),
    computedKeys: computed.length > 0 ? new Set(computed.map((f) => f.key)) : undefined,
  };
}

const SHARED_NAMES = new Set(['root', 'application', 'outcome']);

function usesSharedName(plan: ObjectPlan): boolean {
  return [...plan.computed, ...plan.fillable, ...plan.required].some((f) => SHARED_NAMES.has(f.key)) || plan.children.some((c) => usesSharedName(c.plan));
}

function processLevel(level: PassLevel, frame: Frame, state: PassState): void {
  if (level.computedKeys) {
    own(frame, level.computedKeys);
    for (const field of level.computed) delete (frame.holder as Record<string, unknown>)[field.key];
  }

  for (const child of level.children) {
    const value = (frame.holder as Record<string, unknown>)[child.key];
    if (child.array && Array.isArray(value)) {
      const table: Frame = { holder: value, parent: frame, key: child.key, owned: false };
      const length = value.length;
      for (let index = 0; index < length; index++) {
        const rows = table.holder as unknown[];
        // As forEach: holes are skipped.
        if (!(index in rows)) continue;
        const row = rows[index];
        if (isPlainObject(row)) processLevel(child.level, { holder: row, parent: table, key: index, owned: false }, state);
      }
    } else if (!child.array && isPlainObject(value)) {
      processLevel(child.level, { holder: value, parent: frame, key: child.key, owned: false }, state);
    }
  }

  if (!level.expressions) return;
  const memo: FormMemo | undefined = level.memo ? new Map() : undefined;
  // The tables read here are final (rows were done above; this level writes only its own fields).
  if (memo && level.columnSums) level.columnSums(frame.holder as Record<string, unknown>, memo);
  level.phase(frame, state, memo);
}

/** "Not evaluated yet", for conditions shared by several fields (see phaseOf). */
const NONE = Symbol('none');

/** The failure path of an expression: feelin (or the fast path's error), as evaluate() answers it. */
function slowValueOf(field: PassField, holder: Record<string, unknown>, names: FormNames): unknown {
  const evaluated = evaluateInForm(field.expression, holder, names);
  return evaluated.ok ? evaluated.value : new Failure(evaluated.error.message.en);
}

/**
 * Generates a level's expression work as one function with the field names written in: fillable
 * conditions (clearing what may not be filled), computed fields, then x-required of empty fields —
 * the reference pass's steps and order, with its warnings, without a keyed read per field.
 */
function phaseOf(computed: PassField[], fillable: PassField[], required: PassField[], memoizable: (names: readonly string[]) => boolean): (frame: Frame, state: PassState, memo: FormMemo | undefined) => void {
  const fields: PassField[] = [];
  const q = (key: string): string => JSON.stringify(key);
  // The same condition text on several fields (`=financed = "是"` on three) is evaluated once per
  // holder when it reads only fields the level does not write: its value cannot change meanwhile.
  const texts = new Map<string, number>();
  for (const field of [...fillable, ...computed, ...required]) texts.set(field.expression.text, (texts.get(field.expression.text) ?? 0) + 1);
  const shared = new Map<string, string>();
  /** Statements setting `r` to the field's value (or a Failure). */
  const value = (field: PassField): string => {
    fields.push(field);
    const i = fields.length - 1;
    const evaluate = field.fast
      ? `try { r = fields[${i}].fast(h, S.names, M); } catch { r = slow(fields[${i}], h, S.names); }`
      : `r = slow(fields[${i}], h, S.names);`;
    const text = field.expression.text;
    if (texts.get(text)! < 2 || !memoizable(field.expression.rootNames)) return evaluate;
    const known = shared.get(text);
    if (known) return `if (${known} === NONE) { ${evaluate} ${known} = r; } else r = ${known};`;
    const name = `e${shared.size}`;
    shared.set(text, name);
    return `${evaluate} ${name} = r;`;
  };
  const conditionFailed = (): string => `S.logger.warn('form condition failed', { expression: fields[${fields.length - 1}].expression.text, error: r.message });`;
  const lines: string[] = [];
  const cleared = new Map<string, string>();
  fillable.forEach((field, i) => {
    const flag = `x${i}`;
    cleared.set(field.key, flag);
    lines.push(`let ${flag} = false;`, value(field),
      `if (r instanceof Failure) ${conditionFailed()}`,
      `else if (r !== true) { S.notFillable.push(F, ${q(field.key)}); ${flag} = true; if (hasOwn.call(h, ${q(field.key)})) { own(F); h = F.holder; delete h[${q(field.key)}]; } }`);
  });
  for (const field of computed) {
    lines.push(`S.computed.push(F, ${q(field.key)});`, value(field),
      `if (r instanceof Failure) { S.logger.warn('computed field failed', { field: pointerOf(F, ${q(field.key)}), error: r.message }); r = null; }`,
      // Nothing to compute from yet (e.g. a ratio over an empty table): leave the field empty.
      `if (r === null || r === undefined) delete h[${q(field.key)}]; else h[${q(field.key)}] = r;`);
  }
  for (const field of required) {
    lines.push(`if (h[${q(field.key)}] === undefined && !${cleared.get(field.key) ?? 'false'}) {`, value(field),
      `if (r instanceof Failure) ${conditionFailed()}`,
      `else if (r === true) S.requiredMissing.push(pointerOf(F, ${q(field.key)})); }`);
  }
  const head = ["'use strict';", 'return function phase(F, S, M) {', 'let h = F.holder; let r;', ...[...shared.values()].map((name) => `let ${name} = NONE;`)];
  const code = [...head, ...lines, '};'].join('\n');
  // Code generation, as Ajv does; the source is built from the plan's property names (quoted), never from data.
  const factory = new Function('fields', 'slow', 'Failure', 'hasOwn', 'own', 'pointerOf', 'NONE', code) as (...args: unknown[]) => (frame: Frame, state: PassState, memo: FormMemo | undefined) => void;
  return factory(fields, slowValueOf, Failure, hasOwn, own, pointerOf, NONE);
}

/** A compiled form pass: the same result as runFormPass(plan, input, context). */
export type FormPass = (input: unknown, context: FormPassContext) => FormPassResult;

/** Compiles the pass over one form (plan and schema of the same form). */
export function compileFormPass(plan: ObjectPlan, schema: JsonSchema): FormPass {
  // A field named like a shared name (root, application, outcome) would, when cleared or computed,
  // change what that name means in the reference pass's scope object; leave such forms to it.
  if (usesSharedName(plan)) return (input, context) => runFormPass(plan, input, context);
  // Generated on first use: a programme compiles many forms (and the browser compiles one on
  // page load), most of which are not validated right away.
  let cleanLevel: CleanLevel | undefined;
  let passLevel: PassLevel | undefined;
  return (input, context) => {
    if (!isPlainObject(input)) return { data: input as Record<string, unknown>, notFillable: new Set(), computed: new Set(), requiredMissing: [] };
    cleanLevel ??= cleanLevelOf(schema, schema, false, 0);
    passLevel ??= passLevelOf(plan);
    const cleaned = cleanObject(input, cleanLevel);
    // The section object itself is always the pass's own copy.
    const root = cleaned === input ? copyWithout(input, passLevel.computedKeys) : cleaned;
    const names: FormNames = { root, application: context.application };
    if (context.outcome !== undefined) names.outcome = context.outcome;
    const state: PassState = { names, logger: context.logger, notFillable: [], computed: [], requiredMissing: [] };
    processLevel(passLevel, { holder: root, parent: null, key: '', owned: true }, state);
    return new CompiledPassResult(root, state);
  };
}

/** The compiled pass's result: the pointer sets are built when first read (only when Ajv reported something). */
class CompiledPassResult implements FormPassResult {
  readonly requiredMissing: string[];
  #notFillable: Set<string> | undefined;
  #computed: Set<string> | undefined;

  constructor(readonly data: Record<string, unknown>, private readonly state: PassState) {
    this.requiredMissing = state.requiredMissing;
  }

  get notFillable(): Set<string> {
    return (this.#notFillable ??= pointerSet(this.state.notFillable));
  }

  get computed(): Set<string> {
    return (this.#computed ??= pointerSet(this.state.computed));
  }
}
