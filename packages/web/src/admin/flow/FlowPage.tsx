import { useMemo, useState } from 'react';
import { Alert, Button, Card, Input, Skeleton, Space, Tag, Typography } from 'antd';
import { useQuery } from '../../api/use-graphql.ts';
import { PageHead } from '../../app/AppShell.tsx';
import { useRouter } from '../../router/router.tsx';
import { applicationFlowQuery, programmeFlowQuery, type FlowApplication, type FlowProgramme } from '../admin-api.ts';
import { adminTextKeys, useAdminText, type AdminTextKey } from '../admin-text.ts';
import { FlowDiagram } from './FlowDiagram.tsx';
import { flowMarkersOf } from './flow-markers.ts';

/**
 * A programme's flow; with `?application=<id>` the flow of the version that application is pinned to, with its
 * current steps and the steps behind it marked.
 */
export default function FlowPage({ programmeId }: { programmeId: string }) {
  const { t, pick } = useAdminText();
  const { search, navigate, path } = useRouter();
  const applicationId = search.get('application') ?? '';
  const [typed, setTyped] = useState(applicationId);

  const programme = useQuery<{ programme: FlowProgramme | null }>(programmeFlowQuery, { id: programmeId }, { skip: applicationId !== '' });
  const application = useQuery<{ application: FlowApplication | null }>(applicationFlowQuery, { id: applicationId }, { skip: applicationId === '' });

  const shown = applicationId ? application.data?.application?.programme : programme.data?.programme;
  const markers = useMemo(() => (application.data?.application && applicationId ? flowMarkersOf(application.data.application) : undefined), [application.data, applicationId]);
  const error = applicationId ? application.error : programme.error;
  const loading = applicationId ? application.loading : programme.loading;

  const flowStatus = (status: string) => {
    const key = `flow.status.${status}` as AdminTextKey;
    return adminTextKeys.has(key) ? t(key) : status;
  };
  const showApplication = (id: string) => navigate(id.trim() ? `${path}?application=${encodeURIComponent(id.trim())}` : path, { replace: true });

  return (
    <>
      <PageHead title={t('flow.title')} subtitle={shown ? `${pick(shown.titleText) || shown.title} · ${shown.versionLabel}` : programmeId} />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            style={{ width: 380 }}
            allowClear
            value={typed}
            aria-label={t('flow.applicationId')}
            placeholder={t('flow.applicationPlaceholder')}
            enterButton={t('flow.show')}
            onChange={(event) => setTyped(event.target.value)}
            onSearch={showApplication}
          />
          {applicationId && <Button onClick={() => { setTyped(''); showApplication(''); }}>{t('flow.clear')}</Button>}
          <span><span className="sb-flow-legend sb-flow-legend--current" />{t('flow.legend.current')}</span>
          <span><span className="sb-flow-legend sb-flow-legend--done" />{t('flow.legend.done')}</span>
        </Space>
        {application.data?.application && applicationId && (
          <Typography.Paragraph>
            {t('flow.application', { number: application.data.application.number, status: flowStatus(application.data.application.status) })}{' '}
            {application.data.application.tasks.filter((task) => task.status === 'open').map((task) => <Tag key={task.definitionId} color="volcano">{task.name}</Tag>)}
          </Typography.Paragraph>
        )}
        {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={pick(error.messages)} />}
        {loading && !shown && <Skeleton active paragraph={{ rows: 8 }} />}
        {shown && <FlowDiagram xml={shown.flowXml} markers={markers} />}
      </Card>
    </>
  );
}
