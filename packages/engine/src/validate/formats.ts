import { isUscc } from './uscc.ts';

/**
 * The string formats programme forms may use beyond the standard JSON Schema ones.
 * Each is a plain predicate so that the browser and the server share it.
 */

/** 中国大陆手机号: 11 digits starting 13–19. */
export function isMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value);
}

/**
 * 固定电话: 区号-号码[-分机]. Area codes are 0 plus 2–3 digits (010, 0531); local numbers are 7–8
 * digits and never start with 0 or 1; an extension is 1–6 digits.
 */
export function isLandline(value: string): boolean {
  return /^0\d{2,3}-[2-9]\d{6,7}(-\d{1,6})?$/.test(value);
}

/** A practical e-mail check: something@domain.tld, no spaces. */
export function isEmail(value: string): boolean {
  return value.length <= 254 && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value);
}

/** A calendar date YYYY-MM-DD that exists (no 2月30日). */
export function isDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= daysInMonth;
}

/** The engine's own formats by name, as registered with Ajv (they replace ajv-formats' date and email). */
export const SHENBAO_FORMATS: Readonly<Record<string, (value: string) => boolean>> = {
  mobile: isMobile,
  landline: isLandline,
  uscc: isUscc,
  email: isEmail,
  date: isDate,
};
