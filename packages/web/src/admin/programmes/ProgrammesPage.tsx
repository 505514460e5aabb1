import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Modal, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { ApartmentOutlined, ReloadOutlined } from '@ant-design/icons';
import { graphqlRequest } from '../../api/graphql-client.ts';
import { useQuery } from '../../api/use-graphql.ts';
import { useSession } from '../../api/session.tsx';
import { PageHead } from '../../app/AppShell.tsx';
import { Link } from '../../router/router.tsx';
import { administers } from '../admin-access.ts';
import { adminProgrammesQuery, setProgrammeWindowMutation, type AdminProgramme, type AdminWindow } from '../admin-api.ts';
import { useAdminText } from '../admin-text.ts';
import { wallTimeIn } from '../zoned-time.ts';
import { WindowForm } from './WindowForm.tsx';
import { WindowStateTag } from './WindowStateTag.tsx';

/** Published programmes with their versions and windows; administrators of a programme may move its windows. */
export default function ProgrammesPage() {
  const { t, pick } = useAdminText();
  const { me } = useSession();
  const { data, error, loading, refetch } = useQuery<{ programmes: AdminProgramme[] }>(adminProgrammesQuery);
  const [editing, setEditing] = useState<{ programme: AdminProgramme; window: AdminWindow } | undefined>(undefined);
  const { message } = App.useApp();

  const save = async (dates: { opens: string; closes: string }) => {
    if (!editing) return;
    await graphqlRequest(setProgrammeWindowMutation, { programmeId: editing.programme.id, windowId: editing.window.id, ...dates });
    setEditing(undefined);
    void message.success(t('window.form.saved'));
    await refetch();
  };

  return (
    <>
      <PageHead
        title={t('programmes.title')}
        subtitle={t('programmes.subtitle')}
        extra={<Button icon={<ReloadOutlined />} onClick={() => void refetch()}>{t('common.refresh')}</Button>}
      />
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={pick(error.messages)} />}
      {loading && !data && <Card><Skeleton active paragraph={{ rows: 6 }} /></Card>}
      {data && data.programmes.length === 0 && <Card><Empty description={t('programmes.empty')} /></Card>}
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {data?.programmes.map((programme) => (
          <ProgrammeCard key={programme.id} programme={programme} canEdit={administers(me, programme.id)} onEdit={(window) => setEditing({ programme, window })} />
        ))}
      </Space>
      <Modal
        open={editing !== undefined}
        title={editing ? t('window.form.title', { window: pick(editing.window.title) }) : ''}
        footer={null}
        destroyOnHidden
        onCancel={() => setEditing(undefined)}
        width={560}
      >
        {editing && <WindowForm window={editing.window} timeZone={editing.programme.timeZone} onSubmit={save} onCancel={() => setEditing(undefined)} />}
      </Modal>
    </>
  );
}

function ProgrammeCard({ programme, canEdit, onEdit }: { programme: AdminProgramme; canEdit: boolean; onEdit: (window: AdminWindow) => void }) {
  const { t, pick } = useAdminText();
  const zone = programme.timeZone;
  const versions = [...programme.versions].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
  return (
    <Card
      title={
        <Space wrap>
          <span>{pick(programme.titleText) || programme.title}</span>
          <Tag color="blue">{t('programmes.currentVersion', { label: programme.versionLabel })}</Tag>
        </Space>
      }
      extra={<Link to={`/admin/programmes/${encodeURIComponent(programme.id)}/flow`}><ApartmentOutlined /> {t('programmes.flow')}</Link>}
    >
      <Space size={24} wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('programmes.id')}：<Typography.Text code>{programme.id}</Typography.Text></Typography.Text>
        <Typography.Text type="secondary">{t('programmes.timeZone', { zone })}</Typography.Text>
      </Space>
      <Typography.Title level={5}>{t('programmes.windows')}</Typography.Title>
      <Table<AdminWindow>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={programme.windows}
        columns={[
          { title: t('programmes.window.title'), render: (_v, window) => pick(window.title) || window.id },
          { title: t('programmes.window.opens'), render: (_v, window) => wallTimeIn(window.opens, zone) },
          { title: t('programmes.window.closes'), render: (_v, window) => wallTimeIn(window.closes, zone) },
          { title: t('programmes.window.state'), render: (_v, window) => <WindowStateTag window={window} /> },
          ...(canEdit ? [{ title: '', width: 110, render: (_v: unknown, window: AdminWindow) => <Button size="small" onClick={() => onEdit(window)}>{t('programmes.window.setDates')}</Button> }] : []),
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 20 }}>{t('programmes.versions')}</Typography.Title>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={versions}
        columns={[
          { title: t('programmes.version.label'), render: (_v, version) => <Space>{version.label}{version.id === programme.versionId && <Tag color="success">{t('common.current')}</Tag>}</Space> },
          { title: t('programmes.version.hash'), render: (_v, version) => <Typography.Text code title={version.hash}>{version.hash.slice(0, 12)}</Typography.Text> },
          { title: t('programmes.version.publishedAt'), render: (_v, version) => wallTimeIn(version.publishedAt, zone) },
          { title: t('programmes.version.publishedBy'), render: (_v, version) => version.publishedBy ?? t('common.none') },
        ]}
      />
    </Card>
  );
}
