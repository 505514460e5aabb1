import { Alert, Space, Table, Tag, Typography } from 'antd';
import type { ImportReport, ImportRow, ImportRowStatus } from '../admin-api.ts';
import { useAdminText, type AdminTextKey } from '../admin-text.ts';

const statusColour: Record<ImportRowStatus, string> = { created: 'green', exists: 'blue', error: 'red', not_imported: 'default' };
const statusKey: Record<ImportRowStatus, AdminTextKey> = {
  created: 'import.status.created',
  exists: 'import.status.exists',
  error: 'import.status.error',
  not_imported: 'import.status.not_imported',
};

/**
 * The per-row result of a reviewer import, in sheet order, so the administrator can fix the sheet row by row.
 * When all-or-nothing refused the import, a banner says nothing was written.
 */
export function ImportReportTable({ report }: { report: ImportReport }) {
  const { t, pick } = useAdminText();
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {!report.committed && <Alert type="warning" showIcon title={t('import.notCommitted')} />}
      <Alert
        type={report.errors > 0 ? 'error' : 'success'}
        showIcon
        title={t('import.summary', { created: report.created, existing: report.existing, errors: report.errors })}
      />
      <Table<ImportRow>
        size="small"
        rowKey="rowNumber"
        pagination={report.rows.length > 50 ? { pageSize: 50 } : false}
        dataSource={report.rows}
        rowClassName={(row) => (row.status === 'error' ? 'sb-row-error' : '')}
        columns={[
          { title: t('import.row'), dataIndex: 'rowNumber', width: 64 },
          { title: t('reviewers.name'), dataIndex: 'name' },
          { title: t('reviewers.mobile'), dataIndex: 'mobile' },
          { title: t('reviewers.unit'), dataIndex: 'unit' },
          { title: t('import.status'), width: 100, render: (_v, row) => <Tag color={statusColour[row.status]}>{t(statusKey[row.status])}</Tag> },
          {
            title: t('import.reasons'),
            render: (_v, row) => (
              <Space orientation="vertical" size={0}>
                {row.reasons.map((reason, index) => <Typography.Text key={index} type={row.status === 'error' ? 'danger' : undefined}>{pick(reason)}</Typography.Text>)}
                {row.grantAdded && <Typography.Text type="secondary">{t('import.grantAdded')}</Typography.Text>}
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
