import { Alert } from 'antd';
import { useServerNow } from '../api/server-time.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDateTime, formatRemaining } from './format.ts';
import type { ProgrammeGuide } from './use-programme-guide.ts';

/** Red in the last day, amber in the last three: the applicant should not learn of the deadline from a refusal. */
const urgentMs = 86_400_000;
const soonMs = 3 * 86_400_000;

/**
 * The apply window's deadline and the time left by the server's clock (the server decides when it closes), on every
 * page of a draft or returned application. Nothing once submitted.
 */
export function DeadlineCountdown({ guide }: { guide: ProgrammeGuide | undefined }) {
  const { t, language } = useI18n();
  const now = useServerNow(1000);
  const window = guide?.programme.applyWindow;
  if (!guide || !window || guide.status !== 'draft') return null;
  const left = new Date(window.closes).getTime() - now;
  const closes = formatDateTime(window.closes, language, guide.programme.timeZone);
  const type = left <= 0 ? 'error' : left < urgentMs ? 'error' : left < soonMs ? 'warning' : 'info';
  return (
    <Alert
      className="sb-countdown"
      data-testid="form-countdown"
      type={type}
      showIcon
      style={{ marginBottom: 8 }}
      title={left <= 0 ? t('workspace.countdown.closed', { closes }) : t('workspace.countdown.left', { left: formatRemaining(left, language) })}
      description={left > 0 ? t('workspace.countdown.closes', { closes }) : undefined}
    />
  );
}
