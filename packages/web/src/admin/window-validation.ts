import type { AdminTextKey } from './admin-text.ts';

/** The two dates of a window as the form holds them (ISO instants, or empty while unset). */
export interface WindowDates {
  opens: string | null;
  closes: string | null;
}

export type WindowDateErrors = Partial<Record<keyof WindowDates, AdminTextKey>>;

/**
 * Checks a window before it is sent: both dates present and valid, and the window closing after it opens. The
 * server checks again; this spares the round trip and says which field is wrong.
 */
export function validateWindowDates(dates: WindowDates): WindowDateErrors {
  const errors: WindowDateErrors = {};
  const opens = dates.opens ? Date.parse(dates.opens) : Number.NaN;
  const closes = dates.closes ? Date.parse(dates.closes) : Number.NaN;
  if (!dates.opens) errors.opens = 'window.error.opensRequired';
  else if (Number.isNaN(opens)) errors.opens = 'window.error.invalid';
  if (!dates.closes) errors.closes = 'window.error.closesRequired';
  else if (Number.isNaN(closes)) errors.closes = 'window.error.invalid';
  if (!errors.opens && !errors.closes && closes <= opens) errors.closes = 'window.error.order';
  return errors;
}
