/**
 * Every time an API caller sends is read one way: ISO 8601 with `Z` or an offset is that instant; a time without a
 * zone is a wall-clock time in the zone the caller means — the programme's `timeZone` where there is a programme —
 * and refused where there is none, never read in whatever zone the server happens to run in. A bare date is the
 * start of that day, or its end (23:59:59) for a closing time, as notices mean them.
 */
import { localToInstant } from '@shenbao/engine';
import { AppError } from '../errors.ts';

export interface TimeInputOptions {
  /** The zone a zoneless time is read in (a programme's `timeZone`); without it zoneless times are refused. */
  timeZone?: string | undefined;
  /** What a bare date means: the start of the day (an opening time) or its end (a closing time). */
  dateOnly?: 'start' | 'end';
}

const ZONED = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

type Problem = { zh: string; en: string };

/** Month 1–12, a day that exists in that month, hour 0–23 etc.: `2030-02-30` is a typo, not 2 March. */
function partsExist(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): boolean {
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && date.getUTCHours() === h && date.getUTCMinutes() === mi && date.getUTCSeconds() === s;
}

/** The instant `value` means, or the problem with it in Chinese and English. */
export function readTimeInput(value: string, options: TimeInputOptions = {}): Date | Problem {
  const text = value.trim();
  const zoned = ZONED.exec(text);
  if (zoned) {
    const [y, mo, d, h, mi, s, , oh, om] = zoned.slice(1).map((p) => (p === undefined ? undefined : Number(p)));
    if (!partsExist(y!, mo!, d!, h!, mi!, s ?? 0) || (oh ?? 0) > 14 || (om ?? 0) > 59) return { zh: `“${value}”不是存在的日期时间`, en: `"${value}" is not a real date and time` };
    return new Date(text);
  }
  const local = LOCAL.exec(text);
  if (!local) {
    return { zh: `“${value}”不是 ISO 8601 日期时间，例如 2030-01-01T18:00:00+08:00`, en: `"${value}" is not an ISO 8601 date-time such as 2030-01-01T18:00:00+08:00` };
  }
  const [y, mo, d, h, mi, s] = local.slice(1).map((p) => (p === undefined ? undefined : Number(p)));
  if (!partsExist(y!, mo!, d!, h ?? 0, mi ?? 0, s ?? 0)) return { zh: `“${value}”不是存在的日期时间`, en: `"${value}" is not a real date and time` };
  if (!options.timeZone) {
    return { zh: `“${value}”没有时区，请写明，例如 ${text.length === 10 ? `${text}T00:00:00` : text}+08:00`, en: `"${value}" has no time zone; add one, e.g. ${text.length === 10 ? `${text}T00:00:00` : text}+08:00` };
  }
  const wall = h === undefined && options.dateOnly !== 'end' ? `${text}T00:00:00` : text;
  const instant = localToInstant(wall, options.timeZone);
  if (!instant) return { zh: `“${value}”无法按时区 ${options.timeZone} 解读`, en: `"${value}" cannot be read in the time zone ${options.timeZone}` };
  return instant;
}

export function isTimeProblem(value: Date | Problem): value is Problem {
  return !(value instanceof Date);
}

/**
 * Reads several time inputs at once: `{ '/opens': [args.opens, options], … }` → the instants, or one
 * SB_ERR_VALIDATION naming every field that is wrong. Absent (null/undefined/'') inputs come back undefined.
 */
export function readTimeInputs<K extends string>(inputs: Record<K, [string | null | undefined, TimeInputOptions?]>): Record<K, Date | undefined> {
  const result = {} as Record<K, Date | undefined>;
  const fields: Record<string, Problem[]> = {};
  for (const [pointer, [value, options]] of Object.entries(inputs) as [K, [string | null | undefined, TimeInputOptions?]][]) {
    if (value === null || value === undefined || value === '') {
      result[pointer] = undefined;
      continue;
    }
    const read = readTimeInput(value, options);
    if (isTimeProblem(read)) fields[pointer] = [read];
    else result[pointer] = read;
  }
  if (Object.keys(fields).length > 0) throw new AppError('SB_ERR_VALIDATION', {}, { fields });
  return result;
}
