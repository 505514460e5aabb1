/**
 * 统一社会信用代码 (GB 32100-2015) check for account registration. The engine has the full diagnosis used in forms
 * (packages/engine/src/validate/uscc.ts); it is not exported from the engine's index yet, so the server keeps this
 * small equivalent until it is.
 */
const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function isUsccWellFormed(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += alphabet.indexOf(code[i]!) * weights[i]!;
  return alphabet[(31 - (sum % 31)) % 31] === code[17];
}
