/**
 * Print version codes: the short code printed on every page of a generated book, typed back by
 * a person into /verify. The alphabet leaves out 0/O, 1/I/L and U (read as V), so a code read
 * off paper cannot be mistyped into another valid code by those confusions.
 */

/** 30 symbols: digits 2–9 and the Latin capitals without I, L, O, U. */
export const VERSION_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Symbols per code (two groups of four): 30^8 ≈ 6.6 × 10^11 codes. */
export const VERSION_CODE_LENGTH = 8;

const GROUP_SIZE = 4;

/**
 * A fresh version code such as `K7M4-XQ2P`. `random` must return numbers in [0, 1); the server
 * passes one backed by crypto-strong bytes, tests a seeded one. Codes are random, not unique:
 * the store must keep them under a unique constraint and draw again on a clash.
 */
export function newVersionCode(random: () => number): string {
  let symbols = '';
  for (let i = 0; i < VERSION_CODE_LENGTH; i += 1) {
    const r = random();
    if (!(r >= 0 && r < 1)) throw new RangeError(`newVersionCode: random() returned ${r}, expected a number in [0, 1)`);
    symbols += VERSION_CODE_ALPHABET[Math.floor(r * VERSION_CODE_ALPHABET.length)];
  }
  return groupSymbols(symbols);
}

/**
 * Reads a code as a person types it — any case, with or without the dash, with spaces — and
 * returns it in its printed form, or `null` when it cannot be a version code.
 */
export function normaliseVersionCode(input: string): string | null {
  const symbols = input.toUpperCase().replace(/[\s\-_]/g, '');
  if (symbols.length !== VERSION_CODE_LENGTH) return null;
  for (const symbol of symbols) if (!VERSION_CODE_ALPHABET.includes(symbol)) return null;
  return groupSymbols(symbols);
}

/** True for a code in its printed form (`XXXX-XXXX`, alphabet symbols only). */
export function isVersionCode(value: string): boolean {
  return normaliseVersionCode(value) === value;
}

function groupSymbols(symbols: string): string {
  const groups: string[] = [];
  for (let i = 0; i < symbols.length; i += GROUP_SIZE) groups.push(symbols.slice(i, i + GROUP_SIZE));
  return groups.join('-');
}
