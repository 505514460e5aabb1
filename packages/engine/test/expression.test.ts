import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileExpression, evaluate, evaluateCondition, evaluateInForm, evaluateWithFeelin, type CompiledExpression } from '../src/index.ts';
import { DEOPT, compileColumnSums, compileFormFastPath, type FormMemo } from '../src/expression/fast-path.ts';
import { parseFeel } from '../src/expression/syntax.ts';

function compiled(text: string): CompiledExpression {
  const result = compileExpression(text);
  if (!result.ok) throw new Error(result.error.message.en);
  return result.expression;
}

describe('compileExpression', () => {
  it('rejects text without the leading "="', () => {
    const result = compileExpression('site.totalArea >= 500');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('SB_EXPR_NOT_AN_EXPRESSION');
  });

  it('reports a syntax error with its position instead of throwing', () => {
    const result = compileExpression('=site.totalArea >=');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('SB_EXPR_SYNTAX');
      expect(result.error.position?.from).toBeGreaterThan(0);
      expect(result.error.message.zh).toContain('语法错误');
    }
  });

  it('treats an empty expression as a syntax error', () => {
    expect(compileExpression('=').ok).toBe(false);
    expect(compileExpression('=   ').ok).toBe(false);
  });

  it('caches by text', () => {
    expect(compileExpression('=a + 1')).toBe(compileExpression('=a + 1'));
  });

  it('lists the context paths read, leaving out bound names and function names', () => {
    const e = compiled('=sum(for r in site.rows return r.area) >= 500 and count(honours) > basic.minimum and string length(overview) < 10');
    expect(e.references).toEqual([['site', 'rows'], ['honours'], ['basic', 'minimum'], ['overview']]);
    expect(e.rootNames).toEqual(['site', 'honours', 'basic', 'overview']);
  });

  it('does not count filter `item` or quantifier variables as context names', () => {
    expect(compiled('=rows[item.area > 0]').rootNames).toEqual(['rows']);
    expect(compiled('=some t in teams satisfies t.members > 3').rootNames).toEqual(['teams']);
  });
});

describe('evaluate', () => {
  it('sums a table column and divides for a ratio', () => {
    const rows = [{ area: 400, team: 250 }, { area: 200, team: 120 }];
    expect(evaluate('=sum(for r in rows return r.area)', { rows })).toEqual({ ok: true, value: 600, warnings: [] });
    expect(evaluate('=if total > 0 then part / total else null', { total: 600, part: 450 })).toMatchObject({ ok: true, value: 0.75 });
    expect(evaluate('=if total > 0 then part / total else null', { total: 0, part: 450 })).toMatchObject({ ok: true, value: null });
  });

  it('counts characters, not UTF-16 units, in string length', () => {
    expect(evaluate('=string length(s)', { s: '中文😀' })).toMatchObject({ ok: true, value: 3 });
  });

  it('answers conditions with FEEL truth: only true is true', () => {
    expect(evaluateCondition('=a > 1', { a: 2 })).toEqual({ ok: true, value: true });
    expect(evaluateCondition('=a > 1', {})).toEqual({ ok: true, value: false });
  });

  it('falls back to feelin for what the fast path does not cover (durations)', () => {
    const e = compiled('=date(d) + duration("P1D") > date("2021-01-01")');
    expect(e.fast).toBeUndefined();
    expect(evaluate(e, { d: '2021-01-01' })).toMatchObject({ ok: true, value: true });
    expect(evaluate(e, { d: '2020-12-30' })).toMatchObject({ ok: true, value: false });
  });

  it('compares dates on the fast path but never returns its own date values', () => {
    const comparison = compiled('=date(d) <= date("2021-10-31")');
    expect(comparison.fast).toBeDefined();
    expect(evaluate(comparison, { d: '2021-10-31' })).toMatchObject({ ok: true, value: true });
    const bare = evaluate('=date(d)', { d: '2021-10-31' });
    expect(bare.ok && String(bare.value)).toBe(String(evaluateWithFeelin(compiled('=date(d)'), { d: '2021-10-31' }).ok && (evaluateWithFeelin(compiled('=date(d)'), { d: '2021-10-31' }) as { value: unknown }).value));
  });

  it('returns a syntax error as data', () => {
    const result = evaluate('=1 +', {});
    expect(result.ok).toBe(false);
  });
});

// The fast path must agree with feelin, which defines FEEL here. The expressions cover every
// construct the fast path compiles; the contexts mix the types programmes meet, plus the odd ones
// (missing values, strings where numbers are expected, empty lists) where the fast path defers.
describe('fast path agrees with feelin', () => {
  const expressions = [
    '=a + b', '=a - b * c', '=a / b', '=a ** 2', '=(a + b) / c',
    '=a = b', '=a != b', '=a < b', '=a <= b', '=a > b', '=a >= b',
    '=s = t', '=s < t', '=s + t',
    '=p and q', '=p or q', '=not(p)', '=a > 1 and p', '=a > 1 or q',
    '=if p then a else b', '=if a > b then s else t',
    '=sum(for r in rows return r.x)', '=count(rows)', '=min(for r in rows return r.x)', '=max(for r in rows return r.x)',
    '=for r in rows return r.x * 2', '=row.x', '=row.y', '=row.x + a', '=missing', '=missing.x', '=null',
    '=string length(s)', '=true', '=false', '=1.5 * a', '="中文" + s',
    '=every r in rows satisfies r.x > 1', '=some r in rows satisfies r.x = a', '=every r in rows satisfies r.x + r.y = a',
    '=decimal(a, 1)', '=decimal(a / b * 100, 2)', '=decimal(c, 0)',
    '=date(d) <= date("2021-10-31")', '=date(d) = date(e)', '=date(d) > date(e)', '=date(d) = null', '=date(d)',
    '=list contains(for r in rows return r.x, a)', '=list contains(names, s)', '=list contains(names, missing)', '=list contains(for r in rows return if r.x = 1 then s else null, t)',
    // A loop inside a loop that reads none of the outer loop's names (computed once, see emitHoisted).
    '=every r in rows satisfies (r.x = 1 or list contains(for q in rows return q.y, r.x))',
    '=for r in rows return if r.x = 1 then sum(for q in rows return q.x) else count(for q in rows return q.y)',
  ];
  const scalar = fc.oneof(
    fc.integer({ min: -1000, max: 1000 }),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.constantFrom(0, 1, -1, 0.1, 0.2),
    fc.string({ maxLength: 4 }),
    fc.boolean(),
    fc.constant(null),
  );
  const row = fc.record({ x: scalar, y: scalar }, { requiredKeys: [] });
  const isoDate = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const context = fc.record({
    a: scalar, b: scalar, c: scalar, s: scalar, t: scalar, p: scalar, q: scalar,
    // Rows that are not objects (null, a number) as well: loops over rows defer on them (see loopItem).
    rows: fc.oneof(fc.array(row, { maxLength: 5 }), fc.array(fc.record({ x: fc.integer({ min: 0, max: 500 }) }), { maxLength: 5 }), fc.array(fc.oneof(row, scalar), { maxLength: 4 }), scalar),
    row: fc.oneof(row, scalar),
    d: fc.oneof(isoDate, scalar, fc.constantFrom('2021-02-29', '2020-02-29', '2021-10-31', '2100-02-29', '2000-02-29', '2021-04-31', '0050-01-01', '2021-1-01', '2021-01-01T00:00')),
    e: fc.oneof(isoDate, scalar),
    names: fc.oneof(fc.array(fc.oneof(fc.string({ maxLength: 2 }), fc.constant(null)), { maxLength: 4 }), fc.array(scalar, { maxLength: 3 })),
  }, { requiredKeys: [] });

  for (const text of expressions) {
    it(text, () => {
      const e = compiled(text);
      expect(e.fast, `${text} should compile to the fast path`).toBeDefined();
      // Make the half-way cases of decimal() likely.
      if (text.startsWith('=decimal')) fc.assert(fc.property(fc.integer({ min: -2000, max: 2000 }), (n) => {
        const ctx = { a: n / 20, c: n / 2, b: 1 };
        const fast = evaluate(e, ctx);
        const reference = evaluateWithFeelin(e, ctx);
        expect(fast.ok ? fast.value : 'error').toEqual(reference.ok ? reference.value : 'error');
      }), { numRuns: 300 });
      fc.assert(fc.property(context, (ctx) => {
        const fast = evaluate(e, ctx);
        const reference = evaluateWithFeelin(e, ctx);
        expect(fast.ok ? fast.value : 'error').toEqual(reference.ok ? reference.value : 'error');
      }), { numRuns: 300 });
    });
  }

  // The form variant reads names from the holder and the shared names (root, application,
  // outcome) without a merged scope; it must agree with feelin on that merged scope, with and
  // without a memo (a fresh memo per evaluation, and one memo shared by two evaluations).
  const formExpressions = [
    ...expressions,
    '=root.row.x + a', '=application.row.x', '=root.a = a', '=outcome = s', '=if outcome = null then a else b',
    '=sum(for r in root.rows return r.x)', '=sum(for r in rows return r.x) + sum(for r in rows return r.x)',
    '=if sum(for r in rows return r.x) > 0 then sum(for r in rows return r.y) / sum(for r in rows return r.x) else null',
  ];
  const formContext = fc.record({
    holder: context,
    root: fc.oneof(context, scalar),
    application: fc.oneof(context, scalar),
    outcome: fc.constantFrom(undefined, null, 'approve', ''),
  });
  for (const text of formExpressions) {
    it(`in a form: ${text}`, () => {
      const e = compiled(text);
      const memoized = compileFormFastPath(parseFeel(e.source), e.source, { memoizable: () => true });
      expect(memoized, `${text} should compile to the form fast path`).toBeDefined();
      fc.assert(fc.property(formContext, ({ holder, root, application, outcome }) => {
        const names = outcome === undefined ? { root, application } : { root, application, outcome };
        const scope: Record<string, unknown> = { ...holder, root, application };
        if (outcome !== undefined) scope.outcome = outcome;
        const reference = evaluateWithFeelin(e, scope);
        const expected = reference.ok ? reference.value : 'error';
        const form = evaluateInForm(e, holder, names);
        expect(form.ok ? form.value : 'error').toEqual(expected);
        const memo: FormMemo = new Map();
        for (let twice = 0; twice < 2; twice++) {
          let value: unknown;
          try {
            value = memoized!(holder, names, memo);
          } catch (error) {
            expect(error).toBe(DEOPT);
            continue;
          }
          expect(value).toEqual(expected);
        }
      }), { numRuns: 150 });
    });
  }
});

describe('form fast path', () => {
  it('remembers a loop subexpression in the memo and reuses it across expressions', () => {
    const total = compiled('=sum(for r in rows return r.x)');
    const ratio = compiled('=sum(for r in rows return r.x) / count(rows)');
    const options = { memoizable: (names: readonly string[]) => names.every((n) => n === 'rows') };
    const first = compileFormFastPath(parseFeel(total.source), total.source, options)!;
    const second = compileFormFastPath(parseFeel(ratio.source), ratio.source, options)!;
    const memo: FormMemo = new Map();
    const names = { root: {}, application: {} };
    expect(first({ rows: [{ x: 1 }, { x: 3 }] }, names, memo)).toBe(4);
    expect(memo.get('sum(for r in rows return r.x)')).toBe(4);
    // Same memo: the sum is not recomputed, even though the rows differ (the caller vouches they do not).
    expect(second({ rows: [{ x: 1 }, { x: 3 }, { x: 100 }] }, names, memo)).toBe(4 / 3);
    expect(second({ rows: [{ x: 1 }, { x: 3 }, { x: 100 }] }, names, new Map())).toBe(104 / 3);
  });

  it('remembers a deferral too, and never remembers what reads a name the caller refuses or a loop variable', () => {
    const e = compiled('=sum(for r in rows return r.x) + sum(for r in rows return total)');
    const fast = compileFormFastPath(parseFeel(e.source), e.source, { memoizable: (names) => !names.includes('total') })!;
    const memo: FormMemo = new Map();
    expect(() => fast({ rows: [{ x: 'text' }] }, { root: {}, application: {} }, memo)).toThrow();
    expect(memo.get('sum(for r in rows return r.x)')).toBe(DEOPT);
    expect([...memo.keys()]).toEqual(['sum(for r in rows return r.x)']);
    const inner = compiled('=for r in rows return sum(for s in r.list return s)');
    const nested = compileFormFastPath(parseFeel(inner.source), inner.source, { memoizable: () => true })!;
    const nestedMemo: FormMemo = new Map();
    expect(nested({ rows: [{ list: [1, 2] }, { list: [5] }] }, { root: {}, application: {} }, nestedMemo)).toEqual([3, 5]);
    expect([...nestedMemo.keys()]).toEqual(['for r in rows return sum(for s in r.list return s)']);
  });

  it('fills the memo with every column total of a table in one pass, as each sum alone would give it', () => {
    const texts = ['=sum(for r in rows return r.a) + sum(for r in rows return r.b)', '=if count(rows) > 0 then sum(for x in rows return x.a) else 0', '=sum(for r in other return r.a)'];
    const expressions = texts.map((t) => compiled(t)).map((e) => ({ tree: parseFeel(e.source), source: e.source }));
    const fill = compileColumnSums(expressions, (names) => !names.includes('other'))!;
    const alone = (text: string, holder: Record<string, unknown>): unknown => {
      try {
        return compiled(`=${text}`).fast!(holder);
      } catch (error) {
        return error;
      }
    };
    const holders: Array<Record<string, unknown>> = [
      { rows: [{ a: 1, b: 2 }, { a: 3.5, b: -1 }] },
      { rows: [] },
      { rows: [{ a: 1, b: 'x' }] },
      { rows: [{ a: 1, b: 2 }, null] },
      { rows: [{ a: 1 }, [1]] },
      { rows: 'not a table' },
      { rows: [{ a: 1e308, b: 1 }, { a: 1e308, b: 1 }] },
    ];
    for (const holder of holders) {
      const memo: FormMemo = new Map();
      fill(holder, memo);
      expect([...memo.keys()].sort()).toEqual(['sum(for r in rows return r.a)', 'sum(for r in rows return r.b)', 'sum(for x in rows return x.a)']);
      for (const [text, value] of memo) expect(value, `${text} of ${JSON.stringify(holder)}`).toEqual(alone(text, holder));
    }
  });

  it('defers to feelin when Object.prototype has acquired a name it reads', () => {
    const e = compiled('=row.polluted');
    Object.defineProperty(Object.prototype, 'polluted', { value: 'inherited', configurable: true });
    try {
      expect(() => e.fast!({ row: {} })).toThrow();
      const result = evaluate(e, { row: {} });
      const reference = evaluateWithFeelin(e, { row: {} });
      expect(result).toEqual(reference);
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
    expect(e.fast!({ row: {} })).toBe(null);
  });
});
