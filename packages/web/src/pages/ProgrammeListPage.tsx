import { useState } from 'react';
import { Alert, Button, Card, Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import { ApiError } from '../api/api-error.ts';
import { graphqlRequest } from '../api/graphql-client.ts';
import { createApplicationMutation, useProgrammeList, type WindowState } from '../api/programmes.ts';
import { useSession } from '../api/session.tsx';
import { PageHead } from '../app/AppShell.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useRouter } from '../router/router.tsx';

function formatDateTime(iso: string, language: 'zh' | 'en'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
}

function WindowTag({ window }: { window: WindowState | null }) {
  const { t } = useI18n();
  if (!window) return null;
  if (window.phase === 'open') return <Tag color="green">{t('programmes.status.open')}</Tag>;
  if (window.phase === 'not_open') return <Tag color="blue">{t('programmes.status.upcoming')}</Tag>;
  return <Tag>{t('programmes.status.closed')}</Tag>;
}

export function ProgrammeListPage() {
  const { t, pick, language } = useI18n();
  const { data, error, loading, refetch } = useProgrammeList();
  const { me } = useSession();
  const { navigate } = useRouter();
  const [starting, setStarting] = useState<string | undefined>(undefined);
  const [startError, setStartError] = useState<ApiError | undefined>(undefined);

  const apply = async (programmeId: string) => {
    if (!me) {
      navigate(`/login?next=${encodeURIComponent('/')}`);
      return;
    }
    setStarting(programmeId);
    setStartError(undefined);
    try {
      const result = await graphqlRequest<{ createApplication: { id: string; programme: { sections: { id: string }[] } } }>(createApplicationMutation, { programmeId });
      const first = result.createApplication.programme.sections[0]?.id;
      if (first) navigate(`/applications/${encodeURIComponent(result.createApplication.id)}/sections/${encodeURIComponent(first)}`);
    } catch (caught) {
      setStartError(caught instanceof ApiError ? caught : undefined);
    } finally {
      setStarting(undefined);
    }
  };

  return (
    <>
      <PageHead title={t('programmes.title')} subtitle={t('programmes.subtitle')} />
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={pick(error.messages)} action={<Button onClick={() => void refetch()}>{t('common.retry')}</Button>} />}
      {startError && <Alert type="error" showIcon closable style={{ marginBottom: 16 }} title={pick(startError.messages)} />}
      <Card>
        {loading && !data ? (
          <Skeleton active paragraph={{ rows: 4 }} />
        ) : (
          <List
            itemLayout="vertical"
            dataSource={data?.programmes ?? []}
            locale={{ emptyText: <Empty description={t('programmes.empty')} /> }}
            renderItem={(programme) => (
              <List.Item
                key={programme.id}
                actions={[
                  <Button key="apply" type="primary" disabled={programme.applyWindow?.phase !== 'open'} loading={starting === programme.id} onClick={() => void apply(programme.id)}>
                    {t('programmes.apply')}
                  </Button>,
                ]}
              >
                <Space align="center" size={12} wrap>
                  <Typography.Title level={4} style={{ margin: 0 }}>{pick(programme.titleText) || programme.title}</Typography.Title>
                  <WindowTag window={programme.applyWindow} />
                </Space>
                <Space size={24} wrap style={{ marginTop: 8, color: '#5c6470' }}>
                  {programme.issuer && <span>{t('programmes.issuer')}：{pick(programme.issuer)}</span>}
                  {programme.applyWindow?.closes && <span>{t('programmes.closes')}：{formatDateTime(programme.applyWindow.closes, language)}</span>}
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
    </>
  );
}
