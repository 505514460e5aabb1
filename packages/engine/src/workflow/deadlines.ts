/**
 * Turning a deadline expression's value into an instant, on the injected clock.
 * Values: an ISO duration (`P10D`, from the moment the task opens), a date-time with an offset,
 * a local date-time (read in the programme's zone, as notices write them), or a bare date
 * (meaning the end of that day: "by 10-25" includes the 25th).
 */

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const WITH_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;

/** The instant a deadline value names, or undefined when the value is empty or unreadable. */
export function deadlineInstant(value: unknown, now: Date, timeZone: string): Date | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  const text = String(value).trim();
  if (text === '') return undefined;
  if (text.startsWith('P')) return addDuration(now, text);
  const [dateTime, zone] = text.split('@') as [string, string | undefined];
  if (WITH_OFFSET.test(dateTime)) {
    const instant = new Date(dateTime);
    return Number.isNaN(instant.getTime()) ? undefined : instant;
  }
  return localToInstant(dateTime, zone ?? timeZone);
}

/** now + an ISO-8601 duration; calendar parts (years, months) move the calendar, not a fixed length. */
export function addDuration(from: Date, duration: string): Date | undefined {
  const match = DURATION.exec(duration);
  if (!match || duration === 'P' || duration.endsWith('T')) return undefined;
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as number[];
  const result = new Date(from.getTime());
  result.setUTCFullYear(result.getUTCFullYear() + (years ?? 0), result.getUTCMonth() + (months ?? 0));
  const ms = ((((weeks ?? 0) * 7 + (days ?? 0)) * 24 + (hours ?? 0)) * 60 + (minutes ?? 0)) * 60_000 + (seconds ?? 0) * 1000;
  return new Date(result.getTime() + ms);
}

/** A wall-clock date-time in `timeZone` as an instant. A bare date means 23:59:59 that day. */
export function localToInstant(local: string, timeZone: string): Date | undefined {
  const match = LOCAL_DATE_TIME.exec(local);
  if (!match) return undefined;
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  const dateOnly = h === undefined;
  const wallAsUtc = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, dateOnly ? 23 : h, dateOnly ? 59 : mi ?? 0, dateOnly ? 59 : s ?? 0);
  // The zone's offset at that moment; asked twice so a guess across an offset change settles.
  let instant = wallAsUtc - offsetMs(wallAsUtc, timeZone);
  instant = wallAsUtc - offsetMs(instant, timeZone);
  return new Date(instant);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Building a formatter costs far more than using one: one per zone, kept. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** How far `timeZone` is ahead of UTC at `instant`, in milliseconds. */
function offsetMs(instant: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}
