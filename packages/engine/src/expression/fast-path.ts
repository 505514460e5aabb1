import type { SyntaxNode, Tree } from '@lezer/common';
import { childrenOf } from './syntax.ts';

/**
 * A fast path for the FEEL we meet in programme folders (sums over table rows, ratios, limits).
 *
 * feelin re-parses the text and deep-copies the whole context on every call (~30 µs for a small
 * row expression, ~0.7 ms for a sum over 200 rows). Computed fields run once per row per save, so
 * we compile a common subset into JavaScript once: the syntax tree becomes the source of one
 * specialised function (`new Function`, as Ajv does for schemas), with FEEL names resolved at
 * compile time, `for` variables as JavaScript locals and `sum(for … return …)` as one loop without
 * an intermediate list. The code only handles operands of plain, unambiguous types; whenever it
 * meets anything else (a date, a list where a number is expected, a division by zero, a number
 * overflow, an object that is not a plain JSON object…) it throws DEOPT and the caller re-evaluates
 * the whole expression with feelin. feelin therefore stays the definition of FEEL here; a
 * differential property test keeps the two in agreement.
 *
 * Two kinds of function are generated from the same tree: `compileFastPath` reads names from one
 * context object (`evaluate`); `compileFormFastPath` reads them as the form pass sees them — the
 * object holding the field first, with `root`, `application` (and in task forms `outcome`) taking
 * precedence — without building a merged scope object per row.
 */

/** Thrown by fast-path closures when only feelin can answer. */
export const DEOPT = Symbol('feel-deopt');

/** A compiled fast-path expression: returns the value or throws DEOPT. */
export type FastPath = (context: Record<string, unknown>) => unknown;

/** The names a form expression sees besides the fields of the object holding it. */
export interface FormNames {
  root: unknown;
  application: unknown;
  /** Task forms only; `undefined` means the name is not defined (sections). */
  outcome?: string | null;
}

/**
 * A fast path for form expressions: names are `root`, `application`, `outcome` (when defined in
 * `names`), else the holder's own fields. Returns the value or throws DEOPT.
 */
export type FormFastPath = (holder: Record<string, unknown>, names: FormNames, memo?: FormMemo) => unknown;

/**
 * Values of loop subexpressions (`sum(for r in rows return r.area)`) already computed for the same
 * holder, by source text; DEOPT when the subexpression deferred. The caller gives one memo per
 * holder and only while the names those subexpressions read cannot change (see `memoizable`).
 */
export type FormMemo = Map<string, unknown>;

/** Options of compileFormFastPath. */
export interface FormFastPathOptions {
  /**
   * May a loop subexpression reading (only) these context names be remembered in the memo? Names
   * bound by an enclosing `for`/`every`/`some` never are. Without it nothing is remembered.
   */
  memoizable?: (names: readonly string[]) => boolean;
  /**
   * The caller only ever passes plain objects (prototype Object.prototype) as the holder, as the
   * form pass does: fields are then read from it directly instead of through an own-property test.
   */
  plainHolder?: boolean;
  /**
   * Where to put the names the code reads from plain objects without an own-property test (see
   * readKey), when the caller tests once, before any of its calls, that Object.prototype has none
   * of them. Without it each call tests them itself.
   */
  guards?: Set<string>;
}

class Unsupported extends Error {}

const hasOwn = Object.prototype.hasOwnProperty;
const OBJECT_PROTOTYPE = Object.prototype;

/** A context name as the closures saw it: own properties only, undefined read as null. */
function lookup(context: Record<string, unknown>, name: string): unknown {
  if (!hasOwn.call(context, name)) return null;
  const value = context[name];
  return value === undefined ? null : value;
}

const deopt = (): never => {
  throw DEOPT;
};

/**
 * A calendar date made by `date("YYYY-MM-DD")`. It may only be compared; anywhere else (as the
 * result, in arithmetic, in a list) the fast path defers to feelin, whose date values it does
 * not imitate. ISO dates compare correctly as strings.
 */
class FastDate {
  constructor(readonly iso: string) {}
}

/**
 * `YYYY-MM-DD` naming a real day. Years below 100 are refused: Date.UTC, which this used to ask,
 * reads them as 19YY, so such dates were never accepted here (feelin decides them).
 */
function isCalendarDate(value: string): boolean {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  // No helper closure here: a closure made per call is costly under tsx (esbuild names each one).
  const year = fourDigits(value, 0);
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const length = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= length;
}

/** The ASCII digit at `i` as a number, or -1000 (so that any sum with it is negative). */
function digitAt(value: string, i: number): number {
  const d = value.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1000;
}

function twoDigits(value: string, from: number): number {
  const tens = digitAt(value, from);
  const ones = digitAt(value, from + 1);
  return tens < 0 || ones < 0 ? -1 : tens * 10 + ones;
}

function fourDigits(value: string, from: number): number {
  const high = twoDigits(value, from);
  const low = twoDigits(value, from + 2);
  return high < 0 || low < 0 ? -1 : high * 100 + low;
}

function finiteOrDeopt(n: number): number {
  return Number.isFinite(n) ? n : deopt();
}

function arithmetic(op: string, a: unknown, b: unknown): unknown {
  if (a === null || b === null) return null;
  if (typeof a === 'number' && typeof b === 'number') {
    switch (op) {
      case '+': return finiteOrDeopt(a + b);
      case '-': return finiteOrDeopt(a - b);
      case '*': return finiteOrDeopt(a * b);
      case '/': return b === 0 ? null : finiteOrDeopt(a / b);
      case '**': return finiteOrDeopt(a ** b);
    }
  }
  if (op === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
  return deopt();
}

function sameKind(a: unknown, b: unknown): boolean {
  const kind = typeof a;
  return kind === typeof b && (kind === 'number' || kind === 'string' || kind === 'boolean');
}

function compare(op: string, a: unknown, b: unknown): unknown {
  if (a instanceof FastDate && b instanceof FastDate) {
    a = a.iso;
    b = b.iso;
  }
  if (op === '=' || op === '!=') {
    let equal: boolean;
    if (a === null || b === null) equal = a === b;
    else if (sameKind(a, b)) equal = a === b;
    else return deopt();
    return op === '=' ? equal : !equal;
  }
  // Ordering with null or mixed types has surprising answers in feelin (even errors): defer.
  if (!((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string'))) return deopt();
  switch (op) {
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
  }
  return deopt();
}

function numberList(value: unknown): number[] {
  if (!Array.isArray(value)) return deopt();
  for (const item of value) if (typeof item !== 'number') return deopt();
  return value as number[];
}

/** Round half to even at `scale` decimals, computed in binary floating point as FEEL engines do. */
function roundHalfEven(n: number, scale: number): number {
  const factor = 10 ** scale;
  const shifted = n * factor;
  const floor = Math.floor(shifted);
  const rounded = shifted - floor === 0.5 ? (floor % 2 === 0 ? floor : floor + 1) : Math.round(shifted);
  const result = rounded / factor;
  return Number.isNaN(result) ? n : result;
}

const isPrimitive = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** The built-in functions the fast path knows, by name and number of arguments. */
const FUNCTIONS: Record<string, (...args: unknown[]) => unknown> = {
  sum: (arg) => {
    const list = numberList(arg);
    if (list.length === 0) return null;
    let total = 0;
    for (const n of list) total += n;
    return finiteOrDeopt(total);
  },
  count: (arg) => (Array.isArray(arg) ? arg.length : deopt()),
  min: (arg) => {
    const list = numberList(arg);
    return list.length === 0 ? null : Math.min(...list);
  },
  max: (arg) => {
    const list = numberList(arg);
    return list.length === 0 ? null : Math.max(...list);
  },
  'string length': (arg) => (typeof arg === 'string' ? [...arg].length : deopt()),
  not: (arg) => (typeof arg === 'boolean' ? !arg : deopt()),
  date: (arg) => (typeof arg === 'string' && isCalendarDate(arg) ? new FastDate(arg) : deopt()),
  decimal: (n, scale) => (typeof n === 'number' && typeof scale === 'number' && Number.isInteger(scale) && scale >= 0 && scale <= 10 ? finiteOrDeopt(roundHalfEven(n, scale)) : deopt()),
  'list contains': (list, item) => {
    if (!Array.isArray(list) || !(item === null || isPrimitive(item))) return deopt();
    for (const element of list) if (element !== null && !(isPrimitive(element) && (item === null || typeof element === typeof item))) return deopt();
    return list.includes(item);
  },
};

/** Arity of each fast-path function (calls with another number of arguments go to feelin). */
const ARITY: Record<string, number> = { sum: 1, count: 1, min: 1, max: 1, 'string length': 1, not: 1, date: 1, decimal: 2, 'list contains': 2 };

function text(source: string, node: SyntaxNode): string {
  return source.slice(node.from, node.to);
}

/**
 * True when `value.__proto__` is Object.prototype's own accessor, so that generated code may test
 * "plain object" with a property read (which V8 inlines) instead of Object.getPrototypeOf (which it
 * does not, and which costs more than the rest of a row). Checked once when the module loads; with
 * `--disable-proto` or a replaced accessor the generated code uses Object.getPrototypeOf.
 */
export const PROTO_ACCESSOR_OK = (() => {
  try {
    const descriptor = Object.getOwnPropertyDescriptor(OBJECT_PROTOTYPE, '__proto__');
    const read = (value: object): unknown => (value as { __proto__?: unknown }).__proto__;
    return typeof descriptor?.get === 'function' && read({}) === OBJECT_PROTOTYPE && read([]) === Array.prototype
      && read(Object.create(null) as object) === undefined && read(Object.create({}) as object) !== OBJECT_PROTOTYPE;
  } catch {
    return false;
  }
})();

/** What generated code reaches through its factory (never user data). */
const RUNTIME = {
  hasOwn,
  OP: OBJECT_PROTOTYPE,
  getProto: Object.getPrototypeOf,
  look: lookup,
  nn: (value: unknown): unknown => (value === undefined ? null : value),
  arith: arithmetic,
  cmp: compare,
  fin: finiteOrDeopt,
  and3: (a: unknown, b: unknown): boolean | null => {
    const ta = typeof a === 'boolean' ? a : null;
    const tb = typeof b === 'boolean' ? b : null;
    // FEEL's three-valued logic: anything that is not a boolean counts as null.
    return ta === false || tb === false ? false : ta === true && tb === true ? true : null;
  },
  or3: (a: unknown, b: unknown): boolean | null => {
    const ta = typeof a === 'boolean' ? a : null;
    const tb = typeof b === 'boolean' ? b : null;
    return ta === true || tb === true ? true : ta === false && tb === false ? false : null;
  },
  escapes: escapesFastValue,
};

/** State of one code generation. */
interface Generator {
  /** 'context': names from one object `C`; 'form': from holder `H` and form names `N`. */
  mode: 'context' | 'form';
  /** Values the code refers to (functions, constant dates), hoisted as `k0`, `k1`… */
  constants: unknown[];
  /** Property names read from plain objects without an own-property test (see readKey). */
  guarded: Set<string>;
  next: number;
  memoizable?: (names: readonly string[]) => boolean;
  plainHolder: boolean;
  /** Whether the code reads or writes the memo. */
  memoUsed: boolean;
  /** Loop variables (JavaScript names) → the local holding "is a plain object", tested once per item. */
  plainFlags: Map<string, string>;
  /** Loop variables whose items are known plain objects (the loop defers on any other item, see loopItem). */
  plainItems: Set<string>;
  /** Declarations put at the start of the function (see emitHoisted). */
  prologue: string[];
}

type Env = ReadonlyMap<string, string>;

function fresh(g: Generator, prefix = 't'): string {
  const name = `${prefix}${g.next++}`;
  // Loop variables ('v…') get a flag local declared with them in the loop (see loopItem).
  if (prefix === 'v') g.plainFlags.set(name, `p_${name}`);
  return name;
}

function constant(g: Generator, value: unknown): string {
  g.constants.push(value);
  return `k${g.constants.length - 1}`;
}

/** JavaScript test that `v` is a plain object (prototype Object.prototype; not an array, not null). */
function plainTest(v: string): string {
  return PROTO_ACCESSOR_OK
    ? `(typeof ${v} === 'object' && ${v} !== null && ${v}.__proto__ === OP)`
    : `(typeof ${v} === 'object' && ${v} !== null && !Array.isArray(${v}) && getProto(${v}) === OP)`;
}

/**
 * Reads `key` from a value known to be a plain object, as its own property (undefined when absent).
 * The object's prototype is Object.prototype, so a plain read finds an own property unless
 * Object.prototype itself has the key: names Object.prototype has when the code is generated
 * (`constructor`, `toString` …) are tested with hasOwnProperty on every read; for the others the
 * generated function checks once per call that Object.prototype has not acquired them (and defers to
 * feelin if it has).
 */
function readKey(g: Generator, object: string, key: string): string {
  const k = JSON.stringify(key);
  if (key in OBJECT_PROTOTYPE) return `(hasOwn.call(${object}, ${k}) ? ${object}[${k}] : undefined)`;
  g.guarded.add(key);
  return `${object}[${k}]`;
}

/** `for|every|some <name> in <list>`: the bound name and the list expression node. */
function iteration(node: SyntaxNode | undefined, source: string): { name: string; list: SyntaxNode } {
  const ins = node ? childrenOf(node).filter((c) => c.name === 'InExpression') : [];
  if (ins.length !== 1) throw new Unsupported('iteration');
  const parts = childrenOf(ins[0]!);
  const nameNode = parts.find((c) => c.name === 'Name');
  const context = parts.find((c) => c.name === 'IterationContext');
  const contextParts = context ? childrenOf(context) : [];
  // A single expression as the list (not a range `1..n`).
  if (!nameNode || contextParts.length !== 1) throw new Unsupported('iteration');
  return { name: text(source, nameNode), list: contextParts[0]! };
}

/** The parts of `for <name> in <list> return <body>`. */
function forParts(node: SyntaxNode, source: string): { name: string; list: SyntaxNode; body: SyntaxNode } {
  const children = childrenOf(node);
  const body = children[children.length - 1];
  if (!body || body.name === 'return') throw new Unsupported('for shape');
  return { ...iteration(children.find((c) => c.name === 'InExpressions'), source), body };
}

/**
 * Emits statements computing `node` into `out` and returns a side-effect-free JavaScript expression
 * (a local name or a literal) for its value. Anything outside the subset throws Unsupported.
 */
function emit(node: SyntaxNode, source: string, env: Env, out: string[], g: Generator): string {
  if (LOOPS.has(node.name) && containsLoop(node)) {
    const names = freeNames(node, source);
    const invariant = names !== undefined && names.every((n) => !env.has(n));
    if (invariant && g.memoizable && g.memoizable(names)) return emitRemembered(node, source, env, out, g);
    // Inside a loop (every name in env is bound by one), a loop that reads none of the enclosing
    // loops' names has the same value on every iteration: computed once, when first reached.
    if (invariant && env.size > 0) return emitHoisted(node, source, env, out, g);
  }
  return emitNode(node, source, env, out, g);
}

/** A loop-invariant subexpression in a local declared before the function's loops (see emit). */
function emitHoisted(node: SyntaxNode, source: string, env: Env, out: string[], g: Generator): string {
  const h = fresh(g, 'h');
  g.prologue.push(`let ${h};`);
  const inner: string[] = [];
  const value = emitNode(node, source, env, inner, g);
  // Fast-path values are never undefined (that would defer at the end), so undefined means "not yet".
  out.push(`if (${h} === undefined) { ${inner.join('\n')}\n${h} = ${value}; }`);
  return h;
}

/** Nodes whose value may be remembered: calls and loops (when they contain a loop, see containsLoop). */
const LOOPS = new Set(['FunctionInvocation', 'ForExpression', 'QuantifiedExpression']);

function containsLoop(node: SyntaxNode): boolean {
  if (node.name === 'ForExpression' || node.name === 'QuantifiedExpression') return true;
  for (let child = node.firstChild; child; child = child.nextSibling) if (containsLoop(child)) return true;
  return false;
}

/**
 * The context names a subexpression reads (names it binds itself left out), or undefined when it
 * has a construct whose names are not plain (then it is not remembered).
 */
function freeNames(node: SyntaxNode, source: string): string[] | undefined {
  const names = new Set<string>();
  const visit = (n: SyntaxNode, bound: ReadonlySet<string>): boolean => {
    if (n.name === 'VariableName') {
      const name = text(source, n);
      if (!bound.has(name)) names.add(name);
      return true;
    }
    const children = childrenOf(n);
    if (n.name === 'FunctionInvocation') return children.slice(1).every((c) => visit(c, bound));
    if (n.name === 'ForExpression' || n.name === 'QuantifiedExpression') {
      const ins = children.find((c) => c.name === 'InExpressions');
      const inner = ins ? childrenOf(ins).filter((c) => c.name === 'InExpression') : [];
      if (inner.length !== 1) return false;
      const parts = childrenOf(inner[0]!);
      const nameNode = parts.find((c) => c.name === 'Name');
      if (!nameNode || !parts.every((c) => c === nameNode || visit(c, bound))) return false;
      const within = new Set(bound).add(text(source, nameNode));
      return children.filter((c) => c !== ins).every((c) => visit(c, within));
    }
    return children.every((c) => visit(c, bound));
  };
  return visit(node, new Set()) ? [...names] : undefined;
}

/** A subexpression computed once per memo: later evaluations (of any expression) reuse its value. */
function emitRemembered(node: SyntaxNode, source: string, env: Env, out: string[], g: Generator): string {
  g.memoUsed = true;
  const key = JSON.stringify(text(source, node));
  const [t, m, e] = [fresh(g), fresh(g, 'm'), fresh(g, 'e')];
  const inner: string[] = [];
  const value = emitNode(node, source, env, inner, g);
  out.push(`let ${t}; const ${m} = M === undefined ? undefined : M.get(${key});`,
    `if (${m} !== undefined) { if (${m} === D) throw D; ${t} = ${m}; }`,
    `else { try { ${inner.join('\n')}\n${t} = ${value}; } catch (${e}) { if (M !== undefined && ${e} === D) M.set(${key}, D); throw ${e}; }`,
    `if (M !== undefined && ${t} !== undefined) M.set(${key}, ${t}); }`);
  return t;
}

function emitNode(node: SyntaxNode, source: string, env: Env, out: string[], g: Generator): string {
  const children = childrenOf(node);
  switch (node.name) {
    case 'Expression':
    case 'ParenthesizedExpression': {
      const inner = children.filter((c) => c.name !== '(' && c.name !== ')');
      if (inner.length !== 1) throw new Unsupported(node.name);
      return emit(inner[0]!, source, env, out, g);
    }
    case 'NumericLiteral': {
      const raw = text(source, node);
      const value = Number(raw);
      if (!/^\d+(\.\d+)?$/.test(raw) || !Number.isFinite(value)) throw new Unsupported('number');
      return `(${String(value)})`;
    }
    case 'StringLiteral': {
      const raw = text(source, node);
      if (raw.includes('\\') || raw.length < 2) throw new Unsupported('string escape');
      return JSON.stringify(raw.slice(1, -1));
    }
    case 'BooleanLiteral':
      return text(source, node) === 'true' ? 'true' : 'false';
    case 'null':
    case 'NullLiteral':
      return 'null';
    case 'VariableName': {
      const name = text(source, node);
      if (/\s/.test(name)) throw new Unsupported('name with spaces');
      const local = env.get(name);
      if (local) return local;
      const t = fresh(g);
      const quoted = JSON.stringify(name);
      if (g.mode === 'context') out.push(`const ${t} = look(C, ${quoted});`);
      else if (name === 'root' || name === 'application') out.push(`const ${t} = nn(N.${name});`);
      else if (name === 'outcome') out.push(`const ${t} = N.outcome !== undefined ? N.outcome : look(H, ${quoted});`);
      else if (g.plainHolder) out.push(`let ${t} = ${readKey(g, 'H', name)}; if (${t} === undefined) ${t} = null;`);
      else out.push(`const ${t} = look(H, ${quoted});`);
      return t;
    }
    case 'PathExpression': {
      if (children.length !== 3 || children[2]!.name !== 'PathName') throw new Unsupported('path');
      const base = emit(children[0]!, source, env, out, g);
      const t = fresh(g);
      const key = text(source, children[2]!);
      if (g.plainItems.has(base)) {
        out.push(`let ${t} = ${readKey(g, base, key)}; if (${t} === undefined) ${t} = null;`);
        return t;
      }
      const plain = g.plainFlags.get(base) ?? plainTest(base);
      out.push(`let ${t}; if (${base} === null) ${t} = null; else { if (!${plain}) throw D; ${t} = ${readKey(g, base, key)}; if (${t} === undefined) ${t} = null; }`);
      return t;
    }
    case 'ArithmeticExpression': {
      if (children.length !== 3 || children[1]!.name !== 'ArithOp') throw new Unsupported('arithmetic shape');
      const op = text(source, children[1]!);
      const left = emit(children[0]!, source, env, out, g);
      const right = emit(children[2]!, source, env, out, g);
      const t = fresh(g);
      const numbers: Record<string, string> = {
        '+': `fin(${left} + ${right})`,
        '-': `fin(${left} - ${right})`,
        '*': `fin(${left} * ${right})`,
        '/': `(${right} === 0 ? null : fin(${left} / ${right}))`,
        '**': `fin(${left} ** ${right})`,
      };
      const inline = hasOwn.call(numbers, op) ? numbers[op] : undefined;
      const general = `arith(${JSON.stringify(op)}, ${left}, ${right})`;
      out.push(inline
        ? `const ${t} = typeof ${left} === 'number' && typeof ${right} === 'number' ? ${inline} : ${general};`
        : `const ${t} = ${general};`);
      return t;
    }
    case 'Comparison': {
      if (children.length !== 3 || children[1]!.name !== 'CompareOp') throw new Unsupported('comparison shape');
      const op = text(source, children[1]!);
      const left = emit(children[0]!, source, env, out, g);
      const right = emit(children[2]!, source, env, out, g);
      const t = fresh(g);
      const general = `cmp(${JSON.stringify(op)}, ${left}, ${right})`;
      const bothNumbers = `typeof ${left} === 'number' && typeof ${right} === 'number'`;
      const bothStrings = `typeof ${left} === 'string' && typeof ${right} === 'string'`;
      let inline: string | undefined;
      if (op === '=' || op === '!=') inline = `(${bothNumbers}) || (${bothStrings}) ? ${left} ${op === '=' ? '===' : '!=='} ${right}`;
      else if (op === '<' || op === '<=' || op === '>' || op === '>=') inline = `${bothNumbers} ? ${left} ${op} ${right}`;
      out.push(inline ? `const ${t} = ${inline} : ${general};` : `const ${t} = ${general};`);
      return t;
    }
    case 'Conjunction':
    case 'Disjunction': {
      if (children.length !== 3) throw new Unsupported('logic shape');
      // Both sides are evaluated (a deferral on either side defers the whole expression).
      const left = emit(children[0]!, source, env, out, g);
      const right = emit(children[2]!, source, env, out, g);
      const t = fresh(g);
      out.push(`const ${t} = ${node.name === 'Conjunction' ? 'and3' : 'or3'}(${left}, ${right});`);
      return t;
    }
    case 'IfExpression': {
      const parts = children.filter((c) => c.name !== 'if' && c.name !== 'then' && c.name !== 'else');
      if (parts.length !== 3) throw new Unsupported('if shape');
      const condition = emit(parts[0]!, source, env, out, g);
      const whenTrue: string[] = [];
      const trueValue = emit(parts[1]!, source, env, whenTrue, g);
      const whenFalse: string[] = [];
      const falseValue = emit(parts[2]!, source, env, whenFalse, g);
      const t = fresh(g);
      out.push(`let ${t};`,
        `if (${condition} === true) { ${whenTrue.join('\n')}\n${t} = ${trueValue}; }`,
        `else if (${condition} === false || ${condition} === null) { ${whenFalse.join('\n')}\n${t} = ${falseValue}; }`,
        'else throw D;');
      return t;
    }
    case 'ForExpression': {
      const { name, list, body } = forParts(node, source);
      const items = emit(list, source, env, out, g);
      const [t, i, v] = [fresh(g), fresh(g, 'i'), fresh(g, 'v')];
      const item = loopItem(g, v, body, name, source);
      const inner: string[] = [];
      const value = emit(body, source, new Map(env).set(name, v), inner, g);
      out.push(`if (!Array.isArray(${items})) throw D;`,
        `const ${t} = new Array(${items}.length);`,
        `for (let ${i} = 0; ${i} < ${items}.length; ${i}++) { let ${v} = ${items}[${i}]; ${item}`,
        ...inner, `${t}[${i}] = ${value}; }`);
      return t;
    }
    case 'FunctionInvocation': {
      const [callee, open, parameters, close] = children;
      if (!callee || callee.name !== 'VariableName' || open?.name !== '(' || close?.name !== ')') throw new Unsupported('call shape');
      if (parameters?.name !== 'PositionalParameters') throw new Unsupported('named parameters');
      const name = text(source, callee).replace(/\s+/g, ' ');
      const args = childrenOf(parameters).filter((c) => c.name !== ',');
      if (!hasOwn.call(FUNCTIONS, name) || args.length !== ARITY[name]) throw new Unsupported(`function ${name}`);
      if (name === 'sum' && args[0]!.name === 'ForExpression') return emitSumOfFor(args[0]!, source, env, out, g);
      const values = args.map((a) => emit(a, source, env, out, g));
      const t = fresh(g);
      out.push(`const ${t} = ${constant(g, FUNCTIONS[name])}(${values.join(', ')});`);
      return t;
    }
    case 'DateTimeLiteral': {
      // `date(x)` parses as a literal constructor; `time(…)`, `date and time(…)` are left to feelin.
      const [constructor, open, parameters, close] = children;
      if (!constructor || text(source, constructor) !== 'date' || open?.name !== '(' || close?.name !== ')' || parameters?.name !== 'PositionalParameters') {
        throw new Unsupported('date-time literal');
      }
      const args = childrenOf(parameters).filter((c) => c.name !== ',');
      if (args.length !== 1) throw new Unsupported('date arguments');
      const argument = emit(args[0]!, source, env, out, g);
      // A date written as a literal is made once (fast-path dates are immutable and never escape).
      if (args[0]!.name === 'StringLiteral') {
        const literal = JSON.parse(argument) as string;
        if (isCalendarDate(literal)) return constant(g, new FastDate(literal));
      }
      const t = fresh(g);
      out.push(`const ${t} = ${constant(g, FUNCTIONS.date)}(${argument});`);
      return t;
    }
    case 'QuantifiedExpression': {
      // every|some <name> in <list> satisfies <condition>; every item is tested (no short cut), so
      // that a deferral anywhere in the list defers the whole expression, as before.
      const [quantifier, ...rest] = children;
      const condition = rest[rest.length - 1];
      const kind = quantifier ? text(source, quantifier) : '';
      if ((kind !== 'every' && kind !== 'some') || !condition || condition.name === 'satisfies') throw new Unsupported('quantifier shape');
      const { name, list } = iteration(rest.find((c) => c.name === 'InExpressions'), source);
      const items = emit(list, source, env, out, g);
      const [t, i, v, o] = [fresh(g), fresh(g, 'i'), fresh(g, 'v'), fresh(g)];
      const item = loopItem(g, v, condition, name, source);
      const inner: string[] = [];
      const outcome = emit(condition, source, new Map(env).set(name, v), inner, g);
      const every = kind === 'every';
      out.push(`if (!Array.isArray(${items})) throw D;`,
        `let ${t} = ${every};`,
        `for (let ${i} = 0; ${i} < ${items}.length; ${i}++) { let ${v} = ${items}[${i}]; ${item}`,
        ...inner,
        `const ${o} = ${outcome}; if (typeof ${o} !== 'boolean') throw D; if (${every ? `!${o}` : o}) ${t} = ${!every}; }`);
      return t;
    }
    default:
      throw new Unsupported(node.name);
  }
}

/**
 * The statements starting a loop's body for its item `v`. When the body uses the item only as
 * `item.key` (a table row, by far the common case), any item that is not a plain object defers
 * the whole expression, so the body reads fields straight away with no null branch per read (about
 * three times faster on a 200-row table). Otherwise: a null for a missing item, and a flag saying
 * whether it is a plain object, tested once and read by every `item.key`.
 */
function loopItem(g: Generator, v: string, body: SyntaxNode, name: string, source: string): string {
  if (usedOnlyAsPathBase(body, name, source)) {
    g.plainItems.add(v);
    return `if (!${plainTest(v)}) throw D;`;
  }
  return `if (${v} === undefined) ${v} = null; const ${g.plainFlags.get(v)!} = ${plainTest(v)};`;
}

/** Does `name` occur in `node`, and only as the base of `name.key` (never bound again inside)? */
function usedOnlyAsPathBase(node: SyntaxNode, name: string, source: string): boolean {
  let used = false;
  const visit = (n: SyntaxNode): boolean => {
    if (n.name === 'PathExpression') {
      const base = n.firstChild;
      if (base?.name === 'VariableName' && text(source, base) === name) {
        used = true;
        return true;
      }
    }
    if (n.name === 'VariableName' && text(source, n) === name) return false;
    // A nested loop binding the same name would hide ours: not worth telling apart.
    if (n.name === 'ForExpression' || n.name === 'QuantifiedExpression') {
      const ins = n.getChildren('InExpressions')[0];
      if (ins?.getChildren('InExpression').some((inner) => inner.getChildren('Name').some((bound) => text(source, bound) === name))) return false;
    }
    for (let child = n.firstChild; child; child = child.nextSibling) if (!visit(child)) return false;
    return true;
  };
  return visit(node) && used;
}

/** `sum(for r in list return body)` as one loop: the same checks and additions, without the list. */
function emitSumOfFor(node: SyntaxNode, source: string, env: Env, out: string[], g: Generator): string {
  const { name, list, body } = forParts(node, source);
  const items = emit(list, source, env, out, g);
  const [total, i, v, b, t] = [fresh(g), fresh(g, 'i'), fresh(g, 'v'), fresh(g), fresh(g)];
  const item = loopItem(g, v, body, name, source);
  const inner: string[] = [];
  const value = emit(body, source, new Map(env).set(name, v), inner, g);
  out.push(`if (!Array.isArray(${items})) throw D;`,
    `let ${total} = 0;`,
    `for (let ${i} = 0; ${i} < ${items}.length; ${i}++) { let ${v} = ${items}[${i}]; ${item}`,
    ...inner,
    `const ${b} = ${value}; if (typeof ${b} !== 'number') throw D; ${total} += ${b}; }`,
    `const ${t} = ${items}.length === 0 ? null : fin(${total});`);
  return t;
}

/** True when a fast-path-only value (a FastDate) would escape as (part of) the result. */
function escapesFastValue(value: unknown): boolean {
  if (value instanceof FastDate) return true;
  return Array.isArray(value) && value.some(escapesFastValue);
}

/** The JavaScript source of a fast path (for tests and debugging), or undefined outside the subset. */
export function fastPathSource(tree: Tree, source: string, mode: 'context' | 'form' = 'context', options: FormFastPathOptions = {}): string | undefined {
  return generate(tree, source, mode, options)?.code;
}

function generate(tree: Tree, source: string, mode: 'context' | 'form', options: FormFastPathOptions = {}): { code: string; constants: unknown[]; memoUsed: boolean } | undefined {
  const g: Generator = {
    mode, constants: [], guarded: new Set(), next: 0, memoizable: mode === 'form' ? options.memoizable : undefined,
    plainHolder: mode === 'form' && options.plainHolder === true, memoUsed: false, plainFlags: new Map(), plainItems: new Set(), prologue: [],
  };
  const out: string[] = [];
  let result: string;
  try {
    result = emit(tree.topNode, source, new Map(), out, g);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  if (mode === 'form' && options.guards) for (const key of g.guarded) options.guards.add(key);
  const code = [
    "'use strict';",
    'const { hasOwn, OP, getProto, look, nn, arith, cmp, fin, and3, or3, escapes } = R;',
    ...g.constants.map((_, i) => `const k${i} = K[${i}];`),
    `return function fastPath(${mode === 'context' ? 'C' : 'H, N, M'}) {`,
    ...(mode === 'form' && options.guards ? [] : [...g.guarded].map((key) => `if (hasOwn.call(OP, ${JSON.stringify(key)})) throw D;`)),
    ...g.prologue,
    ...out,
    `const value = ${result};`,
    // feelin turns NaN/undefined into null with a warning; let it decide.
    "if (value === undefined || (typeof value === 'number' && !Number.isFinite(value)) || (typeof value === 'object' && value !== null && escapes(value))) throw D;",
    'return value;',
    '};',
  ].join('\n');
  return { code, constants: g.constants, memoUsed: g.memoUsed };
}

function instantiate<F>(tree: Tree, source: string, mode: 'context' | 'form', options: FormFastPathOptions = {}): F | undefined {
  const generated = generate(tree, source, mode, options);
  if (!generated) return undefined;
  try {
    // Code generation, as Ajv does; the source is built from the syntax tree, never from data.
    const factory = new Function('R', 'K', 'D', generated.code) as (runtime: typeof RUNTIME, constants: unknown[], deopt: typeof DEOPT) => F;
    return factory(RUNTIME, generated.constants, DEOPT);
  } catch {
    // No code generation here (e.g. a content security policy without 'unsafe-eval'): feelin only.
    return undefined;
  }
}

/**
 * Compiles a parsed expression into a fast path reading names from one context object, or returns
 * undefined when the expression uses anything outside the subset (then feelin evaluates it every time).
 */
export function compileFastPath(tree: Tree, source: string): FastPath | undefined {
  return instantiate<FastPath>(tree, source, 'context');
}

/**
 * Compiles a parsed expression into a form fast path (see FormFastPath), or undefined outside the
 * subset. With `memoizable`, loop subexpressions reading only names it accepts go through the memo.
 */
export function compileFormFastPath(tree: Tree, source: string, options: FormFastPathOptions = {}): FormFastPath | undefined {
  return instantiate<FormFastPath>(tree, source, 'form', options);
}

/** One `sum(for <v> in <list> return <v>.<key>)` found in a form level's expressions. */
interface ColumnSum {
  /** The call's source text: the memo key emitRemembered uses for it. */
  text: string;
  list: string;
  key: string;
}

/** `sum(for v in <name> return v.<key>)`, exactly this shape (a column total of a table). */
function columnSumOf(node: SyntaxNode, source: string): ColumnSum | undefined {
  if (node.name !== 'FunctionInvocation') return undefined;
  const [callee, , parameters] = childrenOf(node);
  if (!callee || text(source, callee) !== 'sum' || parameters?.name !== 'PositionalParameters') return undefined;
  const args = childrenOf(parameters).filter((c) => c.name !== ',');
  if (args.length !== 1 || args[0]!.name !== 'ForExpression') return undefined;
  let parts: { name: string; list: SyntaxNode; body: SyntaxNode };
  try {
    parts = forParts(args[0]!, source);
  } catch {
    return undefined;
  }
  const path = childrenOf(parts.body);
  if (parts.list.name !== 'VariableName' || parts.body.name !== 'PathExpression' || path.length !== 3) return undefined;
  if (path[0]!.name !== 'VariableName' || text(source, path[0]!) !== parts.name || path[2]!.name !== 'PathName') return undefined;
  const list = text(source, parts.list);
  if (/\s/.test(list) || list === parts.name) return undefined;
  return { text: text(source, node), list, key: text(source, path[2]!) };
}

/**
 * For a form level whose expressions take several column totals of the same table
 * (`sum(for r in rows return r.area)`, `… r.teamArea` …), generates one function that computes
 * them all in one pass over the rows and puts each in the memo under the text the expressions'
 * fast paths look it up by, with exactly the value (or DEOPT) each would have computed alone.
 * Only tables named by a memoizable holder field are done. Undefined when there is nothing to share.
 */
export function compileColumnSums(expressions: ReadonlyArray<{ tree: Tree; source: string }>, memoizable: (names: readonly string[]) => boolean): ((holder: Record<string, unknown>, memo: FormMemo) => void) | undefined {
  const byList = new Map<string, Map<string, ColumnSum>>();
  for (const { tree, source } of expressions) {
    tree.iterate({
      enter(ref) {
        const found = columnSumOf(ref.node, source);
        if (!found || SHARED.has(found.list) || !memoizable([found.list])) return undefined;
        const sums = byList.get(found.list) ?? new Map<string, ColumnSum>();
        byList.set(found.list, sums);
        sums.set(found.text, found);
        return false;
      },
    });
  }
  const lists = [...byList].filter(([, sums]) => new Set([...sums.values()].map((s) => s.key)).size > 1);
  if (lists.length === 0) return undefined;
  const lines: string[] = ["'use strict';", 'return function columnSums(H, M) {'];
  lists.forEach(([list, sums], l) => {
    const keys = [...new Set([...sums.values()].map((s) => s.key))];
    const items = `items${l}`;
    lines.push(`{ const ${items} = look(H, ${JSON.stringify(list)});`,
      `if (!Array.isArray(${items})) { ${[...sums.keys()].map((t) => `M.set(${JSON.stringify(t)}, D);`).join(' ')} }`,
      'else {',
      ...keys.map((key, k) => `let ok${k} = !hasOwn.call(OP, ${JSON.stringify(key)}); let s${k} = 0;`),
      `for (let i = 0; i < ${items}.length; i++) { const v = ${items}[i];`,
      // A missing row reads as null (a non-number for every column); anything but a plain object defers every column.
      `if (v === undefined || v === null || !${plainTest('v')}) { ${keys.map((_, k) => `ok${k} = false;`).join(' ')} break; }`,
      ...keys.map((key, k) => `{ const a = v[${JSON.stringify(key)}]; if (typeof a === 'number') s${k} += a; else ok${k} = false; }`),
      '}',
      ...[...sums.values()].map((sum) => {
        const k = keys.indexOf(sum.key);
        return `M.set(${JSON.stringify(sum.text)}, !ok${k} ? D : ${items}.length === 0 ? null : Number.isFinite(s${k}) ? s${k} : D);`;
      }),
      '} }');
  });
  lines.push('};');
  try {
    const factory = new Function('look', 'hasOwn', 'OP', 'getProto', 'D', lines.join('\n')) as (...args: unknown[]) => (holder: Record<string, unknown>, memo: FormMemo) => void;
    return factory(lookup, hasOwn, OBJECT_PROTOTYPE, Object.getPrototypeOf, DEOPT);
  } catch {
    return undefined;
  }
}

/** Names a form expression reads from the form, not from the holder. */
const SHARED = new Set(['root', 'application', 'outcome']);
