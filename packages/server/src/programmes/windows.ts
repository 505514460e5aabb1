/**
 * Window state, decided by the server clock. A programme's windows are written in the notice's local time
 * (`2020-10-20T23:59:59` in Asia/Shanghai); an administrator may override a round's dates with exact instants.
 */

export interface WindowDates {
  opens: Date;
  closes: Date;
}

export type WindowPhase = 'not_open' | 'open' | 'closed';

export interface WindowState extends WindowDates {
  id: string;
  phase: WindowPhase;
  /** Seconds until it opens (not_open) or closes (open); 0 when closed. */
  secondsLeft: number;
  overridden: boolean;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Building an Intl formatter costs far more than using one, and every command resolves the windows: keep them. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The UTC offset (ms) of `timeZone` at the instant `at`, using the platform's time-zone database. */
function offsetAt(timeZone: string, at: Date): number {
  const parts = formatterFor(timeZone).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** Turns a local wall-clock time in `timeZone` into an instant. Accepts an explicit offset or Z unchanged. */
export function localTimeToInstant(local: string, timeZone: string): Date {
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(local)) return new Date(local);
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(local);
  if (!match) throw new Error(`not a local date-time: ${local}`);
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = match;
  const guess = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  // Two passes settle the offset even across a daylight-saving change.
  let instant = guess - offsetAt(timeZone, new Date(guess));
  instant = guess - offsetAt(timeZone, new Date(instant));
  return new Date(instant);
}

export function windowState(id: string, dates: WindowDates, now: Date, overridden: boolean): WindowState {
  const t = now.getTime();
  const phase: WindowPhase = t < dates.opens.getTime() ? 'not_open' : t <= dates.closes.getTime() ? 'open' : 'closed';
  const target = phase === 'not_open' ? dates.opens : dates.closes;
  const secondsLeft = phase === 'closed' ? 0 : Math.max(0, Math.floor((target.getTime() - t) / 1000));
  return { id, ...dates, phase, secondsLeft, overridden };
}
