import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, Input, Segmented, Select, Space, Table, Tag } from 'antd';
import { ApiError } from '../api/api-error.ts';
import { useProgrammeList } from '../api/programmes.ts';
import { loadInbox, type InboxFilter, type InboxItem } from '../api/reviewing.ts';
import { PageHead } from '../app/AppShell.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, useRouter } from '../router/router.tsx';
import { formatDateTime } from '../workspace/format.ts';

/** 待办: the tasks of the reviewer's units, filterable by programme, status and text (number or applicant). */
export function InboxPage() {
  const { t, pick, language } = useI18n();
  const { navigate } = useRouter();
  const programmes = useProgrammeList();
  const [filter, setFilter] = useState<InboxFilter>({ status: 'open' });
  const [text, setText] = useState('');
  const [items, setItems] = useState<InboxItem[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  const load = useCallback(async () => {
    try {
      setItems(await loadInbox(filter));
      setError(undefined);
    } catch (caught) {
      setError(caught instanceof ApiError ? pick(caught.messages) : String(caught));
    }
  }, [filter, pick]);
  useEffect(() => {
    void load();
  }, [load]);

  const timeZones = new Map((programmes.data?.programmes ?? []).map((p) => [p.id, p.timeZone]));
  // Report tasks are ranked together on one page per unit and step.
  const rankingScopes = new Map<string, string>();
  for (const item of items ?? []) {
    if (item.task.kind === 'report' && item.task.status === 'open') {
      const path = `/rankings/${encodeURIComponent(item.task.application.programmeId)}/${encodeURIComponent(item.task.organisationId)}/${encodeURIComponent(item.task.definitionId)}`;
      rankingScopes.set(path, `${item.programmeTitle} · ${item.task.name}`);
    }
  }

  return (
    <>
      <PageHead title={t('inbox.title')} subtitle={t('inbox.subtitle')} />
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={error} />}
      {rankingScopes.size > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('inbox.rankingWaiting')}
          description={<Space direction="vertical">{[...rankingScopes].map(([path, label]) => <Link key={path} to={path}>{label}</Link>)}</Space>}
        />
      )}
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            style={{ minWidth: 260 }}
            aria-label={t('inbox.filter.programmeLabel')}
            placeholder={t('inbox.filter.programme')}
            value={filter.programmeId}
            onChange={(programmeId?: string) => setFilter((current) => ({ ...current, programmeId }))}
            options={(programmes.data?.programmes ?? []).map((p) => ({ value: p.id, label: pick(p.titleText) || p.title }))}
          />
          <Segmented
            aria-label={t('inbox.filter.statusLabel')}
            value={filter.status ?? 'open'}
            onChange={(status) => setFilter((current) => ({ ...current, status: status as InboxFilter['status'] }))}
            options={[
              { value: 'open', label: t('inbox.filter.open') },
              { value: 'completed', label: t('inbox.filter.completed') },
              { value: 'all', label: t('inbox.filter.all') },
            ]}
          />
          <Input.Search
            allowClear
            style={{ width: 280 }}
            aria-label={t('inbox.filter.text')}
            placeholder={t('inbox.filter.text')}
            value={text}
            onChange={(event) => setText(event.target.value)}
            onSearch={(value) => setFilter((current) => ({ ...current, text: value.trim() }))}
          />
        </Space>
        <Table<InboxItem>
          rowKey={(item) => item.task.id}
          loading={items === undefined && !error}
          dataSource={items ?? []}
          locale={{ emptyText: <Empty description={t('inbox.empty')} /> }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          onRow={(item) => ({ onDoubleClick: () => navigate(`/tasks/${encodeURIComponent(item.task.id)}`) })}
          columns={[
            { title: t('applications.column.number'), render: (_, item) => item.applicationNumber, width: 170 },
            { title: t('inbox.column.applicant'), render: (_, item) => item.applicantName },
            { title: t('applications.column.programme'), render: (_, item) => item.programmeTitle },
            { title: t('inbox.column.step'), render: (_, item) => item.task.name, width: 160 },
            { title: t('inbox.column.opened'), render: (_, item) => formatDateTime(item.task.openedAt, language, timeZones.get(item.task.application.programmeId)), width: 160 },
            {
              title: t('applications.column.status'),
              width: 100,
              render: (_, item) => <Tag color={item.task.status === 'open' ? 'processing' : 'default'}>{t(`inbox.status.${item.task.status}`)}</Tag>,
            },
            {
              title: t('applications.column.actions'),
              width: 100,
              render: (_, item) => (
                <Button type="link" onClick={() => navigate(`/tasks/${encodeURIComponent(item.task.id)}`)}>
                  {item.task.status === 'open' && item.task.kind !== 'report' ? t('inbox.action.handle') : t('applications.action.view')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
