import { Empty, Tag, Timeline, Typography } from 'antd';
import type { HistoryEvent } from '../api/workspace.ts';
import { useI18n, type MessageKey } from '../i18n/i18n.tsx';
import { formatDateTime } from './format.ts';
import { outcomeLabel } from './outcome-labels.ts';

const colours: Record<string, string> = { submit: 'blue', resubmit: 'blue', return: 'orange', withdraw: 'gray', decided: 'green', report: 'green' };

/** 审核历史: who did what and when, newest last, with the opinion given. */
export function HistoryTimeline({ events, outcomes }: { events: HistoryEvent[]; outcomes?: Record<string, unknown> }) {
  const { t, pick, language } = useI18n();
  if (events.length === 0) return <Empty description={t('history.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const actionLabel = (action: string) => {
    const key = `history.action.${action}` as MessageKey;
    const text = t(key);
    return text === key ? action : text;
  };
  return (
    <Timeline
      items={events.map((event) => ({
        key: event.id,
        color: colours[event.action] ?? (event.outcome === 'return' ? 'orange' : 'blue'),
        content: (
          <div className="sb-history-item">
            <div>
              <strong>{actionLabel(event.action)}</strong>
              {event.taskName && <span className="sb-muted"> · {event.taskName}</span>}
              {event.outcome && <Tag style={{ marginLeft: 8 }}>{pick(outcomeLabel(event.outcome, outcomes))}</Tag>}
            </div>
            <div className="sb-muted">
              {formatDateTime(event.at, language)}
              {event.actorName && ` · ${event.actorName}`}
            </div>
            {event.opinion && <Typography.Paragraph style={{ margin: '4px 0 0' }}>{t('history.opinion')}：{event.opinion}</Typography.Paragraph>}
          </div>
        ),
      }))}
    />
  );
}
