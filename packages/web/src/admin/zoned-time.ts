/**
 * Programme windows are decided in the programme's time zone (the notice's "2026年3月31日17:00" is Beijing time),
 * whatever zone the administrator's browser is in. Pickers show and take wall-clock times of that zone.
 */
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

const wallFormat = 'YYYY-MM-DD HH:mm';

/** `2026-03-31 17:00` in `zone` for an ISO instant. */
export function wallTimeIn(iso: string, zone: string): string {
  const instant = dayjs(iso);
  return instant.isValid() ? instant.tz(zone).format(wallFormat) : iso;
}

/** A picker value (a local Dayjs whose fields are the wall time in `zone`) for an ISO instant. */
export function pickerValueFor(iso: string, zone: string): Dayjs | null {
  const instant = dayjs(iso);
  return instant.isValid() ? dayjs(instant.tz(zone).format(wallFormat), wallFormat) : null;
}

/** The ISO instant a picker value means when read as a wall time in `zone`. */
export function instantFromPicker(value: Dayjs, zone: string): string {
  return dayjs.tz(value.format(wallFormat), wallFormat, zone).toISOString();
}

/** "3天4小时" / "3 d 4 h": the two largest units, enough for a deadline at a glance. */
export function formatDuration(totalSeconds: number, language: 'zh' | 'en'): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const units: [number, string, string][] = [
    [86400, '天', 'd'],
    [3600, '小时', 'h'],
    [60, '分钟', 'min'],
    [1, '秒', 's'],
  ];
  const parts: string[] = [];
  let rest = seconds;
  for (const [size, zh, en] of units) {
    const count = Math.floor(rest / size);
    if (count > 0 || (parts.length === 0 && size === 1)) parts.push(language === 'zh' ? `${count}${zh}` : `${count} ${en}`);
    rest -= count * size;
    if (parts.length === 2) break;
  }
  return parts.join(language === 'zh' ? '' : ' ');
}
