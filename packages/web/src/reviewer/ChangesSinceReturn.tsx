import { Alert, Table } from 'antd';
import type { HistoryEvent } from '../api/workspace.ts';
import { useI18n } from '../i18n/i18n.tsx';

interface Change {
  pointer: string;
  before: unknown;
  after: unknown;
}

const show = (value: unknown) => (value === undefined || value === null || value === '' ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value));

/** 退回后修改内容: what the applicant changed between the last return and the resubmit, from the history. */
export function ChangesSinceReturn({ history }: { history: HistoryEvent[] }) {
  const { t } = useI18n();
  const resubmit = [...history].reverse().find((event) => event.action === 'resubmit');
  if (!resubmit) return null;
  const changes = Array.isArray(resubmit.details.changes) ? (resubmit.details.changes as Change[]) : [];
  if (changes.length === 0) return <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('review.changes.none')} />;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('review.changes.title', { count: changes.length })}
      description={
        <Table<Change>
          size="small"
          rowKey="pointer"
          pagination={false}
          dataSource={changes}
          data-testid="changes-since-return"
          columns={[
            { title: t('review.changes.field'), dataIndex: 'pointer' },
            { title: t('review.changes.before'), render: (_, row) => show(row.before) },
            { title: t('review.changes.after'), render: (_, row) => <strong>{show(row.after)}</strong> },
          ]}
        />
      }
    />
  );
}
