import { compileColumnSumsOf, compileFormFastPathOf, evaluate, evaluateInForm, type CompiledExpression, type FormFastPath, type FormMemo, type FormNames } from '../expression/index.ts';
import { cleanDeclared, cleanShapeOf, compileNeedsCleaning, needsCleaning, type CleanShape } from './clean.ts';
import type { Logger } from '../environment.ts';
import type { JsonSchema } from '../format/types.ts';
import { pointerSegment } from '../problem.ts';
import type { FieldExpression, ObjectPlan } from './form-plan.ts';

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

/** Runs the pass over one form's data (plan and schema of the same form). */
export function runFormPass(plan: ObjectPlan, schema: JsonSchema, input: unknown, context: FormPassContext): FormPassResult {
  const result: FormPassResult = { data: {}, notFillable: new Set(), computed: new Set(), requiredMissing: [] };
  if (!isPlainObject(input)) return { ...result, data: input as Record<string, unknown> };
  const root = cleanDeclared(input, cleanShapeOf(schema, schema));
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
    // Declared objects and rows are already private copies (see cleanDeclared): updated in place.
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
//  - a clean input (see clean.ts: almost every save) is not copied: the result shares its rows
//    and objects. Neither is ever modified: a row that the pass must change — a computed field, a
//    cleared field — is copied first, with its table and parent objects;
//  - expressions run on the generated form fast path, reading the holder and the shared names
//    directly: no scope object per row;
//  - pointers are built only when something is reported or asked for.
// ---------------------------------------------------------------------------------------------

const hasOwn = Object.prototype.hasOwnProperty;

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
 * (Shared objects are plain: anything else sends the input to the cleaner, which copies it.)
 */
function own(frame: Frame): void {
  if (frame.owned) return;
  frame.owned = true;
  const holder = frame.holder;
  own(frame.parent!);
  // Spread copies an own `__proto__` key (JSON.parse makes one) as a data property, as it should.
  const copy = Array.isArray(holder) ? holder.slice() : { ...holder };
  (frame.parent!.holder as Record<string | number, unknown>)[frame.key] = copy;
  frame.holder = copy;
}

function pointerOf(frame: Frame, key: string): string {
  let pointer = `/${pointerSegment(key)}`;
  for (let f: Frame | null = frame; f && f.parent; f = f.parent) pointer = `/${typeof f.key === 'number' ? f.key : pointerSegment(f.key)}${pointer}`;
  return pointer;
}

interface PassState {
  /** Whether the data is the cleaner's private copy (then every object in it is the pass's own). */
  fresh: boolean;
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
  /** The level's fillable, computed and required work (see phaseOf). */
  phase: (frame: Frame, state: PassState, memo: FormMemo | undefined) => void;
  /** Puts the column totals the level's expressions take into the memo in one pass over each table. */
  columnSums: ((holder: Record<string, unknown>, memo: FormMemo) => void) | undefined;
  /** The level's whole work on one object (see processOf). */
  process: (frame: Frame, state: PassState) => void;
}

function passLevelOf(plan: ObjectPlan, guards: Set<string>): PassLevel {
  // Loop subexpressions are remembered for the holder when they read only fields that the level
  // neither clears nor computes (nor `root`, `application`, `outcome`): their values cannot change
  // while the level's expressions run (rows below were done before; writes touch only those fields).
  const written = new Set([...plan.computed, ...plan.fillable].map((f) => f.key));
  const memoizable = (names: readonly string[]): boolean => names.every((n) => !SHARED_NAMES.has(n) && !written.has(n));
  const field = (f: FieldExpression): PassField => ({ key: f.key, expression: f.expression, fast: compileFormFastPathOf(f.expression, { memoizable, plainHolder: true, guards }) });
  const computed = plan.computed.map(field);
  const fillable = plan.fillable.map(field);
  const required = plan.required.map(field);
  const columnSums = compileColumnSumsOf([...plan.computed, ...plan.fillable, ...plan.required].map((f) => f.expression), memoizable);
  const level = {
    computed,
    fillable,
    required,
    children: plan.children.map((c) => ({ key: c.key, array: c.array, level: passLevelOf(c.plan, guards) })),
    expressions: computed.length + fillable.length + required.length > 0,
    // A memo is worth its Map only when some subexpression is shared by two evaluations.
    memo: columnSums !== undefined || [...computed, ...fillable, ...required].filter((f) => f.fast && /\bfor\b|\bevery\b|\bsome\b/.test(f.expression.source)).length > 1,
    columnSums,
    phase: phaseOf(computed, fillable, required, memoizable),
  };
  return { ...level, process: processOf(level) };
}

const SHARED_NAMES = new Set(['root', 'application', 'outcome']);

function usesSharedName(plan: ObjectPlan): boolean {
  return [...plan.computed, ...plan.fillable, ...plan.required].some((f) => SHARED_NAMES.has(f.key)) || plan.children.some((c) => usesSharedName(c.plan));
}

/**
 * Generates a level's whole work as one function with its keys written in (each level gets its own
 * monomorphic code instead of one shared walker): computed fields made empty, then nested objects
 * and table rows (each by its level's function), then the level's expressions (see phaseOf).
 */
function processOf(level: Omit<PassLevel, 'process'>): PassLevel['process'] {
  const q = (key: string): string => JSON.stringify(key);
  const lines = ["'use strict';", 'return function process(F, S) {'];
  if (level.computed.length > 0) {
    // What the client sent for computed fields is never seen: they read as empty until computed.
    // Set to undefined rather than deleted, which would turn the object into a slow dictionary;
    // the phase then writes each value, or deletes the field when there is none.
    lines.push('own(F); const h = F.holder;', ...level.computed.map((f) => `if (hasOwn.call(h, ${q(f.key)})) h[${q(f.key)}] = undefined;`));
  }
  level.children.forEach((child, i) => {
    lines.push(`{ const v = F.holder[${q(child.key)}];`);
    if (child.array) {
      lines.push('if (Array.isArray(v)) {',
        `const T = { holder: v, parent: F, key: ${q(child.key)}, owned: S.fresh };`,
        // Holes and items that are not objects are skipped (a hole reads as undefined).
        'for (let i = 0; i < v.length; i++) { const row = T.holder[i];',
        `if (typeof row === 'object' && row !== null && !Array.isArray(row)) children[${i}].level.process({ holder: row, parent: T, key: i, owned: S.fresh }, S); } }`);
    } else {
      lines.push(`if (typeof v === 'object' && v !== null && !Array.isArray(v)) children[${i}].level.process({ holder: v, parent: F, key: ${q(child.key)}, owned: S.fresh }, S);`);
    }
    lines.push('}');
  });
  if (level.expressions) {
    lines.push(level.memo ? 'const M = new Map();' : 'const M = undefined;');
    // The tables read here are final (rows were done above; this level writes only its own fields).
    if (level.memo && level.columnSums) lines.push('columnSums(F.holder, M);');
    lines.push('phase(F, S, M);');
  }
  lines.push('};');
  // Code generation, as Ajv does; the source is built from the plan's property names (quoted), never from data.
  const factory = new Function('own', 'hasOwn', 'children', 'columnSums', 'phase', lines.join('\n')) as (...args: unknown[]) => PassLevel['process'];
  return factory(own, hasOwn, level.children, level.columnSums, level.phase);
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

/** A compiled form pass: the same result as runFormPass(plan, schema, input, context). */
export type FormPass = (input: unknown, context: FormPassContext) => FormPassResult;

/** Compiles the pass over one form (plan and schema of the same form). */
export function compileFormPass(plan: ObjectPlan, schema: JsonSchema): FormPass {
  // A field named like a shared name (root, application, outcome) would, when cleared or computed,
  // change what that name means in the reference pass's scope object; leave such forms to it.
  if (usesSharedName(plan)) return (input, context) => runFormPass(plan, schema, input, context);
  // Generated on first use: a programme compiles many forms (and the browser compiles one on
  // page load), most of which are not validated right away.
  let generated: GeneratedPass | undefined;
  return (input, context) => {
    if (!isPlainObject(input)) return { data: input as Record<string, unknown>, notFillable: new Set(), computed: new Set(), requiredMissing: [] };
    generated ??= generatePass(plan, schema);
    // The fast paths read fields straight from plain objects; should Object.prototype ever carry
    // one of their names, such a read would find it there: then the reference pass answers.
    for (const key of generated.guards) if (hasOwn.call(Object.prototype, key)) return runFormPass(plan, schema, input, context);
    const fresh = generated.needsCleaning(input);
    // The section object itself is always the pass's own copy.
    const root = fresh ? cleanDeclared(input, generated.shape) : generated.copy(input);
    const names: FormNames = { root, application: context.application };
    if (context.outcome !== undefined) names.outcome = context.outcome;
    const state: PassState = { fresh, names, logger: context.logger, notFillable: [], computed: [], requiredMissing: [] };
    generated.level.process({ holder: root, parent: null, key: '', owned: true }, state);
    return new CompiledPassResult(root, state);
  };
}

interface GeneratedPass {
  shape: CleanShape;
  needsCleaning: (value: Record<string, unknown>) => boolean;
  level: PassLevel;
  /** Names the level's fast paths read without an own-property test (see FormFastPathOptions.guards). */
  guards: string[];
  /**
   * A shallow copy of this form's section object. A spread of its own: the one in the pass above is
   * shared by every form, sees all their object shapes and goes megamorphic (several times slower).
   */
  copy: (value: Record<string, unknown>) => Record<string, unknown>;
}

function generatePass(plan: ObjectPlan, schema: JsonSchema): GeneratedPass {
  const shape = cleanShapeOf(schema, schema);
  const guards = new Set<string>();
  const level = passLevelOf(plan, guards);
  let copy: GeneratedPass['copy'];
  try {
    copy = new Function('value', "'use strict'; return { ...value };") as GeneratedPass['copy'];
  } catch {
    copy = (value) => ({ ...value });
  }
  return { shape, needsCleaning: compileNeedsCleaning(shape) ?? ((value) => needsCleaning(value, shape)), level, guards: [...guards], copy };
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
