import { useState } from 'react';
import { Alert, Button, Card, Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import { ApiError } from '../api/api-error.ts';
import { graphqlRequest } from '../api/graphql-client.ts';
import { createApplicationMutation, useProgrammeList, type WindowState } from '../api/programmes.ts';
import { useSession } from '../api/session.tsx';
import { PageHead } from '../app/AppShell.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useRouter } from '../router/router.tsx';
import { useServerNow } from '../api/server-time.ts';
import { formatDateTime, formatRemaining } from '../workspace/format.ts';

/** Show a live countdown once the deadline is this close. */
const countdownFromMs = 3 * 86_400_000;

/**
 * The window's phase at the server's "now" (ticking locally after one server-time reading), so 立即申请 turns on and
 * off at the right second without reloading; the server still refuses anything outside the window.
 */
export function phaseAt(window: WindowState, now: number): WindowState['phase'] {
  if (now < new Date(window.opens).getTime()) return 'not_open';
  if (now >= new Date(window.closes).getTime()) return 'closed';
  return 'open';
}

function WindowTag({ phase }: { phase: WindowState['phase'] | undefined }) {
  const { t } = useI18n();
  if (!phase) return null;
  if (phase === 'open') return <Tag color="success">{t('programmes.status.open')}</Tag>;
  if (phase === 'not_open') return <Tag color="blue">{t('programmes.status.upcoming')}</Tag>;
  return <Tag>{t('programmes.status.closed')}</Tag>;
}

export function ProgrammeListPage() {
  const { t, pick, language } = useI18n();
  const { data, error, loading, refetch } = useProgrammeList();
  const { me } = useSession();
  const { navigate } = useRouter();
  const [starting, setStarting] = useState<string | undefined>(undefined);
  const [startError, setStartError] = useState<ApiError | undefined>(undefined);
  const now = useServerNow(1000);
  // Reviewers and administrators do not apply: no 开始申报 for them (a visitor not signed in is sent to log in).
  const mayApply = !me || me.grants.some((grant) => grant.role === 'applicant');

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
            renderItem={(programme) => {
              const window = programme.applyWindow;
              const phase = window ? phaseAt(window, now) : undefined;
              const left = window ? new Date(window.closes).getTime() - now : Infinity;
              const label = phase === 'not_open' ? t('programmes.apply.notOpen') : phase === 'closed' ? t('programmes.apply.closed') : t('programmes.apply');
              return (
                <List.Item
                  key={programme.id}
                  data-testid={`programme-${programme.id}`}
                  actions={!mayApply ? [] : [
                    <Button key="apply" type="primary" disabled={phase !== 'open'} loading={starting === programme.id} onClick={() => void apply(programme.id)}>
                      {label}
                    </Button>,
                  ]}
                >
                  <Space align="center" size={12} wrap>
                    <Typography.Title level={4} style={{ margin: 0 }}>{pick(programme.titleText) || programme.title}</Typography.Title>
                    <WindowTag phase={phase} />
                    {phase === 'open' && left < countdownFromMs && (
                      <Tag color="red" data-testid="countdown">{t('programmes.countdown', { left: formatRemaining(left, language) })}</Tag>
                    )}
                  </Space>
                  <Space size={24} wrap style={{ display: 'flex', marginTop: 8, color: '#5c6470' }}>
                    {programme.issuer && <span>{t('programmes.issuer')}：{pick(programme.issuer)}</span>}
                    {window && phase === 'not_open' && <span>{t('programmes.opens')}：{formatDateTime(window.opens, language, programme.timeZone)}</span>}
                    {window?.closes && <span>{t('programmes.closes')}：{formatDateTime(window.closes, language, programme.timeZone)}</span>}
                  </Space>
                </List.Item>
              );
            }}
          />
        )}
      </Card>
    </>
  );
}
