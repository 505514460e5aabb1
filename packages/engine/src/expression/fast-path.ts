import type { SyntaxNode, Tree } from '@lezer/common';
import { childrenOf } from './syntax.ts';

/**
 * A fast path for the FEEL we meet in programme folders (sums over table rows, ratios, limits).
 *
 * feelin re-parses the text and deep-copies the whole context on every call (~30 µs for a small
 * row expression, ~0.7 ms for a sum over 200 rows). Computed fields run once per row per save, so
 * we compile a common subset into JavaScript closures once. The closures only handle operands of
 * plain, unambiguous types; whenever they meet anything else (a date, a list where a number is
 * expected, a division by zero, a number overflow…) they throw DEOPT and the caller re-evaluates the
 * whole expression with feelin. feelin therefore stays the definition of FEEL here; a
 * differential property test keeps the two in agreement.
 */

/** Thrown by fast-path closures when only feelin can answer. */
export const DEOPT = Symbol('feel-deopt');

/** A chain of local variables bound by `for … in`. */
interface Scope {
  name: string;
  value: unknown;
  parent: Scope | null;
}

type Compiled = (context: Record<string, unknown>, scope: Scope | null) => unknown;

/** A compiled fast-path expression: returns the value or throws DEOPT. */
export type FastPath = (context: Record<string, unknown>) => unknown;

class Unsupported extends Error {}

const hasOwn = Object.prototype.hasOwnProperty;

function lookup(name: string, context: Record<string, unknown>, scope: Scope | null): unknown {
  for (let s = scope; s; s = s.parent) if (s.name === name) return s.value;
  if (!hasOwn.call(context, name)) return null;
  const value = context[name];
  return value === undefined ? null : value;
}

/** A JSON object. Anything else (null-prototype objects, class instances) is left to feelin. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.getPrototypeOf(value) === Object.prototype;
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

function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
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

function compileNode(node: SyntaxNode, source: string): Compiled {
  const children = childrenOf(node);
  switch (node.name) {
    case 'Expression':
    case 'ParenthesizedExpression': {
      const inner = children.filter((c) => c.name !== '(' && c.name !== ')');
      if (inner.length !== 1) throw new Unsupported(node.name);
      return compileNode(inner[0]!, source);
    }
    case 'NumericLiteral': {
      const value = Number(text(source, node));
      if (!/^\d+(\.\d+)?$/.test(text(source, node)) || !Number.isFinite(value)) throw new Unsupported('number');
      return () => value;
    }
    case 'StringLiteral': {
      const raw = text(source, node);
      if (raw.includes('\\') || raw.length < 2) throw new Unsupported('string escape');
      const value = raw.slice(1, -1);
      return () => value;
    }
    case 'BooleanLiteral': {
      const value = text(source, node) === 'true';
      return () => value;
    }
    case 'null':
    case 'NullLiteral':
      return () => null;
    case 'VariableName': {
      const name = text(source, node);
      if (/\s/.test(name)) throw new Unsupported('name with spaces');
      return (context, scope) => lookup(name, context, scope);
    }
    case 'PathExpression': {
      if (children.length !== 3 || children[2]!.name !== 'PathName') throw new Unsupported('path');
      const base = compileNode(children[0]!, source);
      const key = text(source, children[2]!);
      return (context, scope) => {
        const value = base(context, scope);
        if (value === null) return null;
        if (!isPlainObject(value)) return deopt();
        if (!hasOwn.call(value, key)) return null;
        const found = value[key];
        return found === undefined ? null : found;
      };
    }
    case 'ArithmeticExpression': {
      if (children.length !== 3 || children[1]!.name !== 'ArithOp') throw new Unsupported('arithmetic shape');
      const op = text(source, children[1]!);
      const left = compileNode(children[0]!, source);
      const right = compileNode(children[2]!, source);
      return (context, scope) => arithmetic(op, left(context, scope), right(context, scope));
    }
    case 'Comparison': {
      if (children.length !== 3 || children[1]!.name !== 'CompareOp') throw new Unsupported('comparison shape');
      const op = text(source, children[1]!);
      const left = compileNode(children[0]!, source);
      const right = compileNode(children[2]!, source);
      return (context, scope) => compare(op, left(context, scope), right(context, scope));
    }
    case 'Conjunction':
    case 'Disjunction': {
      if (children.length !== 3) throw new Unsupported('logic shape');
      const left = compileNode(children[0]!, source);
      const right = compileNode(children[2]!, source);
      const conjunction = node.name === 'Conjunction';
      return (context, scope) => {
        const a = left(context, scope);
        const b = right(context, scope);
        const ta = typeof a === 'boolean' ? a : null;
        const tb = typeof b === 'boolean' ? b : null;
        // FEEL's three-valued logic: anything that is not a boolean counts as null.
        if (conjunction) return ta === false || tb === false ? false : ta === true && tb === true ? true : null;
        return ta === true || tb === true ? true : ta === false && tb === false ? false : null;
      };
    }
    case 'IfExpression': {
      const parts = children.filter((c) => c.name !== 'if' && c.name !== 'then' && c.name !== 'else');
      if (parts.length !== 3) throw new Unsupported('if shape');
      const [condition, whenTrue, whenFalse] = parts.map((p) => compileNode(p, source)) as [Compiled, Compiled, Compiled];
      return (context, scope) => {
        const test = condition(context, scope);
        if (test === true) return whenTrue(context, scope);
        if (test === false || test === null) return whenFalse(context, scope);
        return deopt();
      };
    }
    case 'ForExpression': {
      const inExpressions = children.find((c) => c.name === 'InExpressions');
      const body = children[children.length - 1];
      const ins = inExpressions ? childrenOf(inExpressions).filter((c) => c.name === 'InExpression') : [];
      if (ins.length !== 1 || !body || body.name === 'return') throw new Unsupported('for shape');
      const { name, list } = compileIteration(ins[0]!, source);
      const compiledBody = compileNode(body, source);
      return (context, scope) => {
        const items = list(context, scope);
        if (!Array.isArray(items)) return deopt();
        const results = new Array<unknown>(items.length);
        // One scope object per loop, updated per item: the subset has no closures that could keep it.
        const local: Scope = { name, value: null, parent: scope };
        for (let i = 0; i < items.length; i++) {
          const item: unknown = items[i];
          local.value = item === undefined ? null : item;
          results[i] = compiledBody(context, local);
        }
        return results;
      };
    }
    case 'FunctionInvocation': {
      const [callee, open, parameters, close] = children;
      if (!callee || callee.name !== 'VariableName' || open?.name !== '(' || close?.name !== ')') throw new Unsupported('call shape');
      if (parameters?.name !== 'PositionalParameters') throw new Unsupported('named parameters');
      const name = text(source, callee).replace(/\s+/g, ' ');
      const fn = FUNCTIONS[name];
      const args = childrenOf(parameters).filter((c) => c.name !== ',');
      if (!fn || args.length !== ARITY[name]) throw new Unsupported(`function ${name}`);
      const compiledArgs = args.map((a) => compileNode(a, source));
      if (compiledArgs.length === 1) {
        const [only] = compiledArgs as [Compiled];
        return (context, scope) => fn(only(context, scope));
      }
      return (context, scope) => fn(...compiledArgs.map((a) => a(context, scope)));
    }
    case 'DateTimeLiteral': {
      // `date(x)` parses as a literal constructor; `time(…)`, `date and time(…)` are left to feelin.
      const [constructor, open, parameters, close] = children;
      if (!constructor || text(source, constructor) !== 'date' || open?.name !== '(' || close?.name !== ')' || parameters?.name !== 'PositionalParameters') {
        throw new Unsupported('date-time literal');
      }
      const args = childrenOf(parameters).filter((c) => c.name !== ',');
      if (args.length !== 1) throw new Unsupported('date arguments');
      const argument = compileNode(args[0]!, source);
      return (context, scope) => FUNCTIONS.date!(argument(context, scope));
    }
    case 'QuantifiedExpression': {
      // every|some <name> in <list> satisfies <condition>
      const [quantifier, ...rest] = children;
      const inExpressions = rest.find((c) => c.name === 'InExpressions');
      const ins = inExpressions ? childrenOf(inExpressions).filter((c) => c.name === 'InExpression') : [];
      const condition = rest[rest.length - 1];
      const kind = quantifier ? text(source, quantifier) : '';
      if ((kind !== 'every' && kind !== 'some') || ins.length !== 1 || !condition || condition.name === 'satisfies') throw new Unsupported('quantifier shape');
      const { name, list } = compileIteration(ins[0]!, source);
      const test = compileNode(condition, source);
      const every = kind === 'every';
      return (context, scope) => {
        const items = list(context, scope);
        if (!Array.isArray(items)) return deopt();
        let result = every;
        const local: Scope = { name, value: null, parent: scope };
        for (const item of items) {
          local.value = item === undefined ? null : item;
          const outcome = test(context, local);
          if (typeof outcome !== 'boolean') return deopt();
          if (every && !outcome) result = false;
          if (!every && outcome) result = true;
        }
        return result;
      };
    }
    default:
      throw new Unsupported(node.name);
  }
}

/** `name in <list expression>` of a for or quantified expression. */
function compileIteration(node: SyntaxNode, source: string): { name: string; list: Compiled } {
  const parts = childrenOf(node);
  const nameNode = parts.find((c) => c.name === 'Name');
  const iteration = parts.find((c) => c.name === 'IterationContext');
  const iterationParts = iteration ? childrenOf(iteration) : [];
  // A single expression as the list (not a range `1..n`).
  if (!nameNode || iterationParts.length !== 1) throw new Unsupported('iteration');
  return { name: text(source, nameNode), list: compileNode(iterationParts[0]!, source) };
}

/** True when a fast-path-only value (a FastDate) would escape as (part of) the result. */
function escapesFastValue(value: unknown): boolean {
  if (value instanceof FastDate) return true;
  return Array.isArray(value) && value.some(escapesFastValue);
}

/**
 * Compiles a parsed expression into a fast path, or returns undefined when the expression uses
 * anything outside the subset (then feelin evaluates it every time).
 */
export function compileFastPath(tree: Tree, source: string): FastPath | undefined {
  try {
    const compiled = compileNode(tree.topNode, source);
    return (context) => {
      const value = compiled(context, null);
      // feelin turns NaN/undefined into null with a warning; let it decide.
      if (value === undefined || (typeof value === 'number' && !Number.isFinite(value)) || escapesFastValue(value)) return deopt();
      return value;
    };
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}
