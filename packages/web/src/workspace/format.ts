import type { Language } from '../i18n/i18n.tsx';

/** The zone of a programme that names none, and of screens that belong to no programme (the audit log). */
export const defaultTimeZone = 'Asia/Shanghai';

/**
 * Times are shown in the programme's time zone (Beijing time unless the programme says otherwise) whatever the
 * visitor's machine says: deadlines in notices are the bureau's wall-clock times, and every screen must agree.
 */
export function formatDateTime(iso: string, language: Language, timeZone: string = defaultTimeZone): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  });
}

/** "3天 04:05:06" style remaining time; seconds never negative. */
export function formatRemaining(ms: number, language: Language): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const clock = [Math.floor((total % 86_400) / 3600), Math.floor((total % 3600) / 60), total % 60].map((n) => String(n).padStart(2, '0')).join(':');
  if (days === 0) return clock;
  return language === 'zh' ? `${days}天 ${clock}` : `${days}d ${clock}`;
}
