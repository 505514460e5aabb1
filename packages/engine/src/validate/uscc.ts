/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015.
 *
 * 18 characters from a 31-character alphabet (digits and capital letters without I, O, Z, S, V):
 *   1     registration authority code
 *   2     organisation type code
 *   3–8   administrative division code (digits)
 *   9–17  organisation code body
 *   18    check character
 * The check character is C18 = 31 − (Σ value(Ci) × Wi mod 31), Wi = 3^(i−1) mod 31, where a
 * result of 31 is written as value 0. Because 31 is prime and no weight is 0 mod 31, changing any
 * single character always breaks the check — a property the tests rely on.
 */

/** The code's alphabet; a character's value is its index here. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights of positions 1–17 (3^(i−1) mod 31). */
export const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** What is wrong with a candidate code, or 'ok'. */
export type UsccDiagnosis = 'ok' | 'length' | 'alphabet' | 'division' | 'check';

/** The check character for the first 17 characters, or undefined when they are not in the alphabet. */
export function usccCheckCharacter(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17[i]!);
    if (value < 0) return undefined;
    sum += value * USCC_WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return USCC_ALPHABET[check];
}

/** Says exactly what is wrong with a code, so the message can tell the user what to fix. */
export function diagnoseUscc(code: string): UsccDiagnosis {
  if (code.length !== 18) return 'length';
  for (const character of code) if (!USCC_ALPHABET.includes(character)) return 'alphabet';
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'division';
  return usccCheckCharacter(code.slice(0, 17)) === code[17] ? 'ok' : 'check';
}

/** True for a well-formed code with a correct check character. */
export function isUscc(code: string): boolean {
  return diagnoseUscc(code) === 'ok';
}
