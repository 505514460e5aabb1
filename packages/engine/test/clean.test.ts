import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../src/index.ts';
import { cleanDeclared, cleanShapeOf, compileNeedsCleaning, needsCleaning } from '../src/validate/clean.ts';

// Cleaning removes "" and null from the fields a form declares and keeps what it does not declare.
// The generated check must answer exactly what the reference answers, and "no cleaning needed"
// must mean the cleaned copy is equal to the input (so that the pass may share it).

const schema: JsonSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    constructor: { type: 'string' },
    rows: { type: 'array', items: { $ref: '#/$defs/row' } },
    contact: { type: 'object', properties: { phone: { type: 'string' }, tags: { type: 'array', items: { type: 'object', properties: { t: { type: 'string' } } } } } },
  },
  $defs: { row: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'string' } } } },
};
const shape = cleanShapeOf(schema, schema);
const generated = compileNeedsCleaning(shape)!;

const scalar = fc.oneof(fc.constantFrom('', null, undefined, 'x', 0, 1, true), fc.string({ maxLength: 2 }));
const withExtras = <T extends Record<string, unknown>>(record: fc.Arbitrary<T>) =>
  fc.tuple(record, fc.dictionary(fc.constantFrom('extra', 'note', '0'), scalar, { maxKeys: 2 })).map(([r, extra]) => ({ ...r, ...extra }));
const row = fc.oneof({ weight: 6, arbitrary: withExtras(fc.record({ a: scalar, b: scalar }, { requiredKeys: [] })) }, { weight: 1, arbitrary: scalar });
const section = withExtras(fc.record({
  name: scalar,
  constructor: scalar,
  rows: fc.oneof({ weight: 5, arbitrary: fc.array(row, { maxLength: 25 }) }, { weight: 1, arbitrary: scalar }),
  contact: fc.oneof(withExtras(fc.record({ phone: scalar, tags: fc.oneof(fc.array(withExtras(fc.record({ t: scalar }, { requiredKeys: [] })), { maxLength: 3 }), scalar) }, { requiredKeys: [] })), scalar),
}, { requiredKeys: [] }));

describe('cleaning declared fields', () => {
  it('the generated check answers as the reference, and "clean" means the copy equals the input', () => {
    fc.assert(fc.property(section, (input) => {
      const needed = needsCleaning(input, shape);
      expect(generated(input)).toBe(needed);
      if (!needed) expect(cleanDeclared(input, shape)).toStrictEqual(input);
      // A cleaned copy never needs cleaning again.
      expect(generated(cleanDeclared(input, shape))).toBe(false);
    }), { numRuns: 500 });
  });

  it('removes empty declared fields at every level and keeps undeclared ones as sent', () => {
    const input = { name: '', extra: '', rows: [{ a: null, b: 'x', note: null }, 'odd'], contact: { phone: null, tags: [{ t: '' }] } };
    expect(generated(input)).toBe(true);
    expect(cleanDeclared(input, shape)).toStrictEqual({ extra: '', rows: [{ b: 'x', note: null }, 'odd'], contact: { tags: [{}] } });
    expect(input.rows[0]).toEqual({ a: null, b: 'x', note: null });
  });

  it('makes plain copies of rows that are not plain objects, and keeps an own __proto__ key as data', () => {
    const nullRow = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    const input = { rows: [nullRow] };
    expect(generated(input)).toBe(true);
    const cleaned = cleanDeclared(input, shape);
    expect(Object.getPrototypeOf((cleaned.rows as object[])[0])).toBe(Object.prototype);
    const parsed = JSON.parse('{"name": "x", "__proto__": {"polluted": true}}') as Record<string, unknown>;
    const copy = cleanDeclared(parsed, shape);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['name', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads a declared key that Object.prototype also has as an own property only', () => {
    expect(generated({ name: 'x' })).toBe(false);
    expect(generated({ constructor: '' })).toBe(true);
  });
});
