/**
 * Window state, decided by the server clock. A programme's windows are written in the notice's local time
 * (`2020-10-20T23:59:59` in Asia/Shanghai); an administrator may override a round's dates with exact instants.
 */
import { localToInstant } from '@shenbao/engine';

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

/**
 * Turns a local wall-clock time in `timeZone` into an instant (explicit offsets and Z are kept). A bare date means
 * the start of that day for an opening time and its end (23:59:59) for a closing time, as notices mean them.
 */
export function localTimeToInstant(local: string, timeZone: string, dateOnlyMeans: 'start' | 'end' = 'start'): Date {
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(local)) return new Date(local);
  const text = dateOnlyMeans === 'start' && /^\d{4}-\d{2}-\d{2}$/.test(local) ? `${local}T00:00:00` : local;
  const instant = localToInstant(text, timeZone);
  if (!instant) throw new Error(`not a local date-time: ${local}`);
  return instant;
}

export function windowState(id: string, dates: WindowDates, now: Date, overridden: boolean): WindowState {
  const t = now.getTime();
  const phase: WindowPhase = t < dates.opens.getTime() ? 'not_open' : t <= dates.closes.getTime() ? 'open' : 'closed';
  const target = phase === 'not_open' ? dates.opens : dates.closes;
  const secondsLeft = phase === 'closed' ? 0 : Math.max(0, Math.floor((target.getTime() - t) / 1000));
  return { id, ...dates, phase, secondsLeft, overridden };
}
