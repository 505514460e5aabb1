import type { Language } from '../i18n/i18n.tsx';

/** Dates are shown in Beijing time whatever the visitor's machine says: deadlines in notices are Beijing time. */
export function formatDateTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
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
