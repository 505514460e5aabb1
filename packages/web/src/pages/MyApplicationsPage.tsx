import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Space, Table, Tag } from 'antd';
import { ApiError } from '../api/api-error.ts';
import { deleteDraft, useMyApplications, type ApplicationSummary } from '../api/applications.ts';
import { PageHead } from '../app/AppShell.tsx';
import { useI18n, type MessageKey } from '../i18n/i18n.tsx';
import { useRouter } from '../router/router.tsx';
import { formatDateTime } from '../workspace/format.ts';

const statusColours: Record<string, string> = { draft: 'default', in_review: 'processing', returned: 'warning', completed: 'success' };

export function MyApplicationsPage() {
  const { t, pick, language } = useI18n();
  const { data, error, loading, refetch } = useMyApplications();
  const { navigate } = useRouter();
  const { modal, message } = App.useApp();
  const [deleteError, setDeleteError] = useState<ApiError | undefined>(undefined);

  // Only a draft never submitted: a withdrawn application has a history with its reviewers and stays.
  const confirmDelete = (application: ApplicationSummary) => {
    modal.confirm({
      title: t('applications.delete.confirmTitle', { number: application.number }),
      content: t('applications.delete.confirmBody'),
      okText: t('applications.delete.ok'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        setDeleteError(undefined);
        try {
          await deleteDraft(application.id);
          void message.success(t('applications.delete.done'));
          await refetch();
        } catch (caught) {
          setDeleteError(caught instanceof ApiError ? caught : undefined);
        }
      },
    });
  };

  // Drafts open at their first section; anything submitted opens its review page (status, history, reasons).
  const open = (application: ApplicationSummary) => {
    const base = `/applications/${encodeURIComponent(application.id)}`;
    const first = application.programme.sections[0]?.id;
    if (application.status === 'draft' && first) navigate(`${base}/sections/${encodeURIComponent(first)}`);
    else navigate(`${base}/review`);
  };
  const statusLabel = (status: string) => {
    const key = `applications.status.${status}` as MessageKey;
    const text = t(key);
    return text === key ? status : text;
  };

  return (
    <>
      <PageHead title={t('applications.title')} subtitle={t('applications.subtitle')} />
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={pick(error.messages)} action={<Button onClick={() => void refetch()}>{t('common.retry')}</Button>} />}
      {deleteError && <Alert type="error" showIcon closable style={{ marginBottom: 16 }} title={pick(deleteError.messages)} />}
      <Card>
        <Table<ApplicationSummary>
          rowKey="id"
          loading={loading}
          dataSource={data?.myApplications ?? []}
          pagination={false}
          // On a phone the table scrolls inside its card rather than widening the page; the time column gives way first.
          scroll={{ x: 600 }}
          locale={{ emptyText: <Empty description={t('applications.empty')} /> }}
          columns={[
            { title: t('applications.column.number'), dataIndex: 'number', width: 180 },
            { title: t('applications.column.programme'), render: (_, row) => pick(row.programme.titleText) },
            {
              title: t('applications.column.status'),
              dataIndex: 'status',
              width: 120,
              render: (status: string) => <Tag color={statusColours[status] ?? 'default'}>{statusLabel(status)}</Tag>,
            },
            {
              title: t('applications.column.updatedAt'),
              dataIndex: 'updatedAt',
              width: 180,
              responsive: ['md'],
              render: (value: string, row) => formatDateTime(value, language, row.programme.timeZone),
            },
            {
              title: t('applications.column.actions'),
              width: 170,
              render: (_, row) => (
                <Space size={0}>
                  <Button type="link" onClick={() => open(row)}>
                    {row.status === 'draft' || row.status === 'returned' ? t('applications.action.continue') : t('applications.action.view')}
                  </Button>
                  {row.status === 'draft' && !row.firstSubmittedAt && (
                    <Button type="link" danger data-testid={`delete-draft-${row.number}`} onClick={() => confirmDelete(row)}>{t('applications.action.delete')}</Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
