/**
 * How the end of a lockout is told to the user: the wall-clock time in China ("HH:mm"), with the date added when
 * the lockout ends on another day. Accounts are not tied to a programme, so the platform's own zone is used.
 */
export const platformTimeZone = 'Asia/Shanghai';

export function formatRetryTime(until: Date, now: Date, timeZone = platformTimeZone): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(until);
  return day.format(until) === day.format(now) ? time : `${day.format(until)} ${time}`;
}
