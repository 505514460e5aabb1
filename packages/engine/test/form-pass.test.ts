import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRecordingLogger, loadProgramme, type JsonSchema } from '../src/index.ts';
import { withoutEmpty } from '../src/validate/clean.ts';
import { compileFormPass, runFormPass, type FormPassContext, type FormPassResult } from '../src/validate/form-pass.ts';
import { planObject } from '../src/validate/form-plan.ts';
import { miniFiling, realProgramme } from './helpers/programme-files.ts';

// The compiled form pass (a clean input shared, form fast paths with a memo, pointers on demand)
// must give what the reference pass gives — runFormPass, the plain copy-and-walk — for any data:
// the same cleaned and computed data (key order aside: data is stored as jsonb, which keeps none,
// and the compiled pass leaves a computed field where the client put it), the same not-fillable
// and computed pointers, the same missing fields and warnings, and the input left as it was.

/** A form using every feature of the pass: nested tables and objects, row fields reading root, shared sums. */
const playground: JsonSchema = {
  type: 'object',
  properties: {
    rows: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          a: { type: 'number' },
          b: { type: 'number' },
          kind: { type: 'string' },
          ab: { type: 'number', 'x-computed': '=a + b' },
          // The same condition before and after `note` may be cleared: not one shared evaluation.
          pre: { type: 'string', 'x-fillable': '=note != null' },
          note: { type: 'string', 'x-fillable': '=kind = "x"', 'x-required': '=kind = "x"' },
          post: { type: 'string', 'x-fillable': '=note != null' },
          // The same condition on two fields, reading a field nothing writes: evaluated once.
          twinA: { type: 'string', 'x-fillable': '=kind = "y"', 'x-required': '=kind = "y"' },
          twinB: { type: 'string', 'x-fillable': '=kind = "y"', 'x-required': '=kind = "y"' },
          share: { type: 'number', 'x-computed': '=if root.limit = null then null else a / root.limit' },
          sub: { type: 'array', items: { $ref: '#/$defs/sub' } },
          meta: { type: 'object', properties: { m: { type: 'string' } } },
        },
      },
    },
    plain: { type: 'array', items: { type: 'object', properties: { p: { type: 'string' }, q: { type: 'number' } } } },
    limit: { type: 'number' },
    flag: { type: 'boolean' },
    detail: { type: 'string', 'x-fillable': '=flag = true', 'x-required': '=flag' },
    total: { type: 'number', 'x-computed': '=sum(for r in rows return r.a)' },
    totalAb: { type: 'number', 'x-computed': '=sum(for r in rows return r.ab)' },
    ratio: { type: 'number', 'x-computed': '=if sum(for r in rows return r.a) > 0 then sum(for r in rows return r.b) / sum(for r in rows return r.a) else null' },
    plainCount: { type: 'number', 'x-computed': '=sum(for x in plain return x.q) + count(plain)' },
    fromApplication: { type: 'string', 'x-computed': '=application.basic.name' },
    obj: { type: 'object', properties: { x: { type: 'number' }, y: { type: 'number', 'x-computed': '=x + 1' } } },
  },
  $defs: { sub: { type: 'object', properties: { v: { type: 'number' }, w: { type: 'number', 'x-computed': '=v * 2' } } } },
};

const scalar = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -50, max: 500 }) },
  { weight: 2, arbitrary: fc.constantFrom('', null, undefined) },
  { weight: 2, arbitrary: fc.constantFrom('x', 'y', '文字', true, false, 0, 0.5) },
  { weight: 1, arbitrary: fc.string({ maxLength: 3 }) },
);
const extraKeys = fc.dictionary(fc.constantFrom('extra', 'zz', 'note2', '0'), scalar, { maxKeys: 2 });
const withExtras = <T extends Record<string, unknown>>(record: fc.Arbitrary<T>) =>
  fc.tuple(record, extraKeys, fc.boolean()).map(([r, extra, first]) => (first ? { ...extra, ...r } : { ...r, ...extra }));
const sub = withExtras(fc.record({ v: scalar, w: scalar }, { requiredKeys: [] }));
const row = withExtras(fc.record({
  a: scalar, b: scalar, kind: fc.constantFrom('x', 'y', '', null), ab: scalar, note: scalar, share: scalar, pre: scalar, post: scalar, twinA: scalar, twinB: scalar,
  sub: fc.oneof(fc.array(fc.oneof({ weight: 5, arbitrary: sub }, { weight: 1, arbitrary: scalar }), { maxLength: 3 }), scalar),
  meta: fc.oneof(fc.record({ m: scalar }, { requiredKeys: [] }), scalar),
}, { requiredKeys: [] }));
const plainRow = withExtras(fc.record({ p: scalar, q: fc.oneof(fc.integer({ min: 0, max: 9 }), scalar) }, { requiredKeys: [] }));
/** Tables long enough (sometimes) for the generated row check, which starts at 16 rows. */
const table = <T>(item: fc.Arbitrary<T>) => fc.oneof(fc.array(item, { maxLength: 4 }), fc.array(item, { minLength: 16, maxLength: 30 }));
const section = withExtras(fc.record({
  rows: fc.oneof({ weight: 6, arbitrary: table(fc.oneof({ weight: 8, arbitrary: row }, { weight: 1, arbitrary: scalar })) }, { weight: 1, arbitrary: scalar }),
  plain: fc.oneof({ weight: 6, arbitrary: table(plainRow) }, { weight: 1, arbitrary: scalar }),
  limit: fc.oneof(fc.integer({ min: 0, max: 100 }), scalar),
  flag: fc.constantFrom(true, false, null, 'true'),
  detail: scalar, total: scalar, totalAb: scalar, ratio: scalar, plainCount: scalar, fromApplication: scalar,
  obj: fc.oneof(fc.record({ x: scalar, y: scalar }, { requiredKeys: [] }), scalar),
}, { requiredKeys: [] }));

/** A deep copy keeping prototypes, own keys (`__proto__` included), undefined values and holes. */
function snapshot(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const copy = (Array.isArray(value) ? new Array<unknown>(value.length) : Object.create(Object.getPrototypeOf(value) as object | null)) as Record<PropertyKey, unknown>;
  for (const key of Reflect.ownKeys(value)) {
    if (Array.isArray(value) && key === 'length') continue;
    Object.defineProperty(copy, key, { value: snapshot((value as Record<PropertyKey, unknown>)[key]), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

function passBoth(schema: JsonSchema, input: unknown, context: Omit<FormPassContext, 'logger'>) {
  const plan = planObject(schema, schema, '', []);
  const referenceLogger = createRecordingLogger();
  const compiledLogger = createRecordingLogger();
  const before = snapshot(input);
  const reference = runFormPass(plan, schema, input, { ...context, logger: referenceLogger });
  const compiled = compileFormPass(plan, schema)(input, { ...context, logger: compiledLogger });
  expect(input, 'the input is left as it was').toStrictEqual(before);
  return { reference, compiled, referenceLogger, compiledLogger };
}

function expectSame(compiled: FormPassResult, reference: FormPassResult): void {
  expect(compiled.data).toStrictEqual(reference.data);
  expect([...compiled.notFillable].sort()).toEqual([...reference.notFillable].sort());
  expect([...compiled.computed].sort()).toEqual([...reference.computed].sort());
  expect(compiled.requiredMissing).toEqual(reference.requiredMissing);
}

describe('compiled form pass agrees with the reference pass', () => {
  it('on random data for a form with nested tables, row fields reading root and shared sums', () => {
    fc.assert(fc.property(section, fc.constantFrom(undefined, null, 'approve'), (input, outcome) => {
      const context = outcome === undefined ? { application: { basic: { name: '甲' } } } : { application: {}, outcome };
      const { reference, compiled, referenceLogger, compiledLogger } = passBoth(playground, input, context);
      expectSame(compiled, reference);
      expect(compiledLogger.entries).toEqual(referenceLogger.entries);
    }), { numRuns: 200 });
  }, 60_000);

  it('on random site and team tables of the test programme', () => {
    const { programme } = loadProgramme(miniFiling());
    for (const id of ['site', 'teams']) {
      const schema = programme!.sections.find((s) => s.ref.id === id)!.schema;
      fc.assert(fc.property(section, (input) => {
        // The same random rows under the names these forms use.
        const data = { rows: input.rows, teams: input.rows, teamCount: input.total };
        const { reference, compiled } = passBoth(schema, data, { application: {} });
        expectSame(compiled, reference);
      }), { numRuns: 150 });
    }
  }, 60_000);

  it('on odd objects: an own __proto__ key, a null-prototype row, a class instance, holes', () => {
    class Row {
      a = 1;
      b = '';
    }
    const nullRow = Object.assign(Object.create(null) as Record<string, unknown>, { a: 2, b: 3 });
    const holey: unknown[] = [];
    holey[2] = { a: 1, b: 1 };
    const many = (make: () => unknown) => Array.from({ length: 20 }, make);
    const inputs: unknown[] = [
      JSON.parse('{"rows": [{"a": 1, "__proto__": {"b": 5}}], "limit": 2}'),
      { rows: many(() => JSON.parse('{"a": 1, "b": 2, "__proto__": {"b": 5}}')) },
      { rows: [nullRow, new Row()], plain: many(() => new Row()) },
      { rows: many(() => nullRow) },
      { rows: holey, plain: [, { p: 'x' }] }, // eslint-disable-line no-sparse-arrays
      { rows: many(() => ({ a: 1, b: 2, kind: 'y', sub: [{ v: 1, extra: undefined }] })) },
      { rows: many(() => ({ a: 1, b: 2, c: undefined })) },
      [],
      'not an object',
    ];
    for (const input of inputs) {
      const { reference, compiled } = passBoth(playground, input, { application: {} });
      expectSame(compiled, reference);
    }
  });

  it('when Object.prototype has acquired a name the expressions read', () => {
    Object.defineProperty(Object.prototype, 'kind', { value: 'x', configurable: true, writable: true });
    try {
      for (const input of [{ rows: [{ a: 1, b: 2 }, { a: 1, kind: 'y', twinA: 't' }] }, { rows: Array.from({ length: 20 }, () => ({ a: 1, note: 'n' })) }]) {
        const { reference, compiled } = passBoth(playground, input, { application: {} });
        expectSame(compiled, reference);
      }
    } finally {
      delete (Object.prototype as Record<string, unknown>).kind;
    }
  });

  it.runIf(realProgramme('national-makerspace-filing-2021'))('on every section of the national filing, complete and emptied', () => {
    const { programme } = loadProgramme(realProgramme('national-makerspace-filing-2021')!);
    for (const fixture of programme!.fixtures) {
      for (const form of programme!.sections) {
        const data = fixture.data[form.ref.id] ?? {};
        for (const input of [data, withoutEmpty(data), JSON.parse(JSON.stringify(data, (_k, v: unknown) => (typeof v === 'number' ? null : v))) as unknown]) {
          const { reference, compiled } = passBoth(form.schema, input, { application: fixture.data });
          expectSame(compiled, reference);
        }
      }
    }
  });
});

describe('compiled form pass shares what it does not change', () => {
  const pass = compileFormPass(planObject(playground, playground, '', []), playground);
  const context: FormPassContext = { application: {}, logger: createRecordingLogger() };

  it('cleans a copy when a declared field is empty, keeping undeclared fields as sent, and never touches the input', () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ p: `r${i}`, q: i }));
    rows[3] = { p: '', q: 3 };
    const input = { plain: rows, note: '', limit: null };
    const { data } = pass(input, context);
    const out = data.plain as Array<Record<string, unknown>>;
    expect(out).not.toBe(rows);
    expect(out[3]).toEqual({ q: 3 });
    expect(out[0]).toEqual(rows[0]);
    // `note` is a row field, not a section one: kept as sent. `limit` is declared: removed.
    expect(data).toEqual({ plain: out, note: '', plainCount: 210 });
    expect(rows[3]).toEqual({ p: '', q: 3 });
    expect(input.limit).toBeNull();
  });

  it('shares a whole clean table, and copies a row (and its table) only to write into it', () => {
    const plain = Array.from({ length: 20 }, (_, i) => ({ p: `r${i}`, q: i }));
    const rows = [{ a: 1, b: 2, kind: 'y' }, { a: 3, b: 4, kind: 'y' }];
    const input = { plain, rows };
    const { data } = pass(input, context);
    expect(data.plain).toBe(plain);
    expect(data.rows).not.toBe(rows);
    expect((data.rows as unknown[])[0]).toEqual({ a: 1, b: 2, kind: 'y', ab: 3 });
    expect(rows[0]).toEqual({ a: 1, b: 2, kind: 'y' });
  });

  it('computes pointers of cleared and computed fields only when asked, the same as the reference', () => {
    const input = { rows: [{ a: 1, kind: 'y', note: 'gone' }], flag: false, detail: 'gone too' };
    const result = pass(input, context);
    expect((result.data.rows as unknown[])[0]).toEqual({ a: 1, kind: 'y' });
    // `post` is asked after `note` was cleared, `pre` before.
    expect([...result.notFillable].sort()).toEqual(['/detail', '/rows/0/note', '/rows/0/post']);
    expect(result.computed.has('/rows/0/ab')).toBe(true);
    expect(result.computed.has('/total')).toBe(true);
  });
});
