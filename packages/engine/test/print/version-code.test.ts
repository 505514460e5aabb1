import { describe, expect, it } from 'vitest';
import { isVersionCode, newVersionCode, normaliseVersionCode, VERSION_CODE_ALPHABET } from '../../src/print/index.ts';

/** A small seeded generator so the tests are repeatable. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('version codes', () => {
  it('leaves the confusable symbols out of the alphabet', () => {
    for (const symbol of ['0', 'O', '1', 'I', 'L', 'U']) expect(VERSION_CODE_ALPHABET).not.toContain(symbol);
    expect(new Set(VERSION_CODE_ALPHABET).size).toBe(VERSION_CODE_ALPHABET.length);
  });

  it('prints two groups of four alphabet symbols', () => {
    const random = seeded(1);
    for (let i = 0; i < 200; i += 1) {
      const code = newVersionCode(random);
      expect(code).toMatch(/^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
      expect(isVersionCode(code)).toBe(true);
    }
  });

  it('maps the ends of [0, 1) to the first and last symbols', () => {
    expect(newVersionCode(() => 0)).toBe('2222-2222');
    expect(newVersionCode(() => 0.999999999)).toBe('ZZZZ-ZZZZ');
  });

  it('uses every symbol and rarely repeats a code', () => {
    const random = seeded(42);
    const codes = new Set<string>();
    const symbols = new Set<string>();
    for (let i = 0; i < 20_000; i += 1) {
      const code = newVersionCode(random);
      codes.add(code);
      for (const s of code.replace('-', '')) symbols.add(s);
    }
    expect(symbols.size).toBe(VERSION_CODE_ALPHABET.length);
    // 20 000 draws from 30^8 codes: the expected number of clashes is about 0.0003.
    expect(codes.size).toBe(20_000);
  });

  it('refuses a random source outside [0, 1)', () => {
    expect(() => newVersionCode(() => 1)).toThrow(RangeError);
    expect(() => newVersionCode(() => Number.NaN)).toThrow(RangeError);
  });

  it('reads codes the way people type them', () => {
    expect(normaliseVersionCode('k7m4xq2p')).toBe('K7M4-XQ2P');
    expect(normaliseVersionCode(' K7M4 - XQ2P ')).toBe('K7M4-XQ2P');
    expect(normaliseVersionCode('K7M4-XQ2')).toBeNull();
    expect(normaliseVersionCode('K7M4-XQ0P')).toBeNull(); // 0 is never printed
    expect(isVersionCode('k7m4-xq2p')).toBe(false); // printed form is upper case
  });
});
