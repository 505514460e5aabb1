import { Alert, Table } from 'antd';
import type { SectionDefinition } from '../api/sections.ts';
import type { HistoryEvent } from '../api/workspace.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { fieldLabel, valueText, type ValueWords } from '../workspace/field-labels.ts';

interface Change {
  pointer: string;
  before: unknown;
  after: unknown;
}

/**
 * 退回后修改内容: what the applicant changed between the last return and the resubmit, from the history — each field
 * by its section and title (not its pointer), files by the names the server recorded with the event.
 */
export function ChangesSinceReturn({ history, sections = [] }: { history: HistoryEvent[]; sections?: SectionDefinition[] }) {
  const { t, pick, language } = useI18n();
  const resubmit = [...history].reverse().find((event) => event.action === 'resubmit');
  if (!resubmit) return null;
  const changes = Array.isArray(resubmit.details.changes) ? (resubmit.details.changes as Change[]) : [];
  const files = (resubmit.details.files ?? {}) as Record<string, string>;
  const words: ValueWords = { file: t('review.changes.file'), yes: t('review.changes.yes'), no: t('review.changes.no') };
  if (changes.length === 0) return <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('review.changes.none')} />;
  const rows = changes.map((change) => ({ ...change, label: fieldLabel(sections, change.pointer, language, (section) => pick(section.titleText) || section.title) }));
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('review.changes.title', { count: changes.length })}
      description={
        <Table
          size="small"
          rowKey="pointer"
          pagination={false}
          dataSource={rows}
          data-testid="changes-since-return"
          columns={[
            { title: t('review.changes.section'), render: (_, row) => row.label.section },
            { title: t('review.changes.field'), render: (_, row) => <span title={row.pointer}>{row.label.field}</span> },
            { title: t('review.changes.before'), render: (_, row) => valueText(row.label.schema, row.before, files, words) },
            { title: t('review.changes.after'), render: (_, row) => <strong>{valueText(row.label.schema, row.after, files, words)}</strong> },
          ]}
        />
      }
    />
  );
}
