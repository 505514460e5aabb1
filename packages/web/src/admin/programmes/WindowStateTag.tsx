import { Space, Tag, Typography } from 'antd';
import type { AdminWindow } from '../admin-api.ts';
import { useAdminText } from '../admin-text.ts';
import { formatDuration } from '../zoned-time.ts';

/** A window's phase by the server clock, with the time left (open) or until it opens (not yet open). */
export function WindowStateTag({ window }: { window: Pick<AdminWindow, 'phase' | 'secondsLeft' | 'overridden' | 'opens'> }) {
  const { t, language } = useAdminText();
  const phase =
    window.phase === 'open' ? <Tag color="success">{t('programmes.window.open')}</Tag>
    : window.phase === 'not_open' ? <Tag color="blue">{t('programmes.window.notOpen')}</Tag>
    : <Tag>{t('programmes.window.closed')}</Tag>;
  let remaining: string | undefined;
  if (window.phase === 'open') remaining = t('programmes.window.secondsLeft', { time: formatDuration(window.secondsLeft, language) });
  // secondsLeft counts to the close; for a window not yet open the browser's estimate of the wait is good enough.
  if (window.phase === 'not_open') remaining = t('programmes.window.opensIn', { time: formatDuration((Date.parse(window.opens) - Date.now()) / 1000, language) });
  return (
    <Space size={4} wrap>
      {phase}
      {remaining && <Typography.Text type="secondary">{remaining}</Typography.Text>}
      {window.overridden && <Tag color="orange">{t('programmes.window.overridden')}</Tag>}
    </Space>
  );
}
