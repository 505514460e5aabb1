import { useCallback, useEffect, useState, type DragEvent } from 'react';
import { Alert, App, Button, Card, Checkbox, Empty, Space, Table, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, FileExcelOutlined, HolderOutlined } from '@ant-design/icons';
import { ApiError } from '../api/api-error.ts';
import { exportUrl, loadRanking, reportRanking, setRanking, type Ranking, type RankingScope } from '../api/reviewing.ts';
import { useSession } from '../api/session.tsx';
import { useQuery } from '../api/use-graphql.ts';
import type { ExportDefinition } from '../api/workspace.ts';
import { PageHead } from '../app/AppShell.tsx';
import type { Text } from '../i18n/i18n.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router/router.tsx';
import { formatDateTime } from '../workspace/format.ts';
import { draftFromCandidates, move, moveTo, toggle, type RankingDraft } from './ranking-order.ts';

interface Row {
  taskId: string;
  applicationNumber: string;
  order: number | null;
}

const programmeQuery = `query RankingProgramme($id: ID!) { programme(id: $id) { id titleText exports } }`;

/**
 * 排序上报: a unit orders the applications it recommends within its quota ("已选 1 / 限 2"), saves the order,
 * then reports once — final, and said so in the confirm.
 */
export default function RankingPage({ scope }: { scope: RankingScope }) {
  const { t, pick, language } = useI18n();
  const { modal, message } = App.useApp();
  const { me } = useSession();
  const programme = useQuery<{ programme: { id: string; titleText: Text; exports: ExportDefinition[] } | null }>(programmeQuery, { id: scope.programmeId });
  const [ranking, setRankingState] = useState<Ranking | undefined>(undefined);
  const [draft, setDraft] = useState<RankingDraft>({ chosen: [], others: [] });
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState<string | undefined>(undefined);

  const show = useCallback((loaded: Ranking) => {
    setRankingState(loaded);
    setDraft(draftFromCandidates(loaded.candidates));
  }, []);
  const refresh = useCallback(async () => {
    try {
      show(await loadRanking(scope));
    } catch (caught) {
      setFailure(caught instanceof ApiError ? pick(caught.messages) : String(caught));
    }
  }, [scope, show, pick]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await work();
    } catch (caught) {
      setFailure(caught instanceof ApiError ? pick(caught.messages) : String(caught));
    } finally {
      setBusy(false);
    }
  };
  const save = () => run(async () => {
    show(await setRanking(scope, draft.chosen));
    message.success(t('ranking.saved'));
  });
  const report = () =>
    modal.confirm({
      title: t('ranking.report.confirmTitle'),
      content: t('ranking.report.confirmBody', { chosen: draft.chosen.length }),
      okText: t('ranking.report.ok'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => run(async () => {
        await setRanking(scope, draft.chosen);
        const result = await reportRanking(scope);
        message.success(t('ranking.report.done', { reported: result.reported, notReported: result.notReported }));
        await refresh();
      }),
    });

  const reported = ranking?.reported ?? null;
  const quota = ranking?.quota ?? null;
  const byTask = new Map((ranking?.candidates ?? []).map((c) => [c.taskId, c]));
  const rows: Row[] = [
    ...draft.chosen.map((taskId, index) => ({ taskId, applicationNumber: byTask.get(taskId)?.applicationNumber ?? '', order: index + 1 })),
    ...draft.others.map((taskId) => ({ taskId, applicationNumber: byTask.get(taskId)?.applicationNumber ?? '', order: null })),
  ];
  const myRoles = new Set((me?.grants ?? []).map((grant) => grant.role));
  const exports = (programme.data?.programme?.exports ?? []).filter((e) => !e.roles || e.roles.some((role) => myRoles.has(role)) || myRoles.has('reviewer'));
  const onDrop = (event: DragEvent, to: number) => {
    event.preventDefault();
    if (dragging) setDraft((current) => moveTo(current, dragging, to));
    setDragging(undefined);
  };

  return (
    <>
      <PageHead
        title={t('ranking.title')}
        subtitle={programme.data?.programme ? pick(programme.data.programme.titleText) : undefined}
        extra={<Link to="/reviewer/inbox">{t('inbox.title')}</Link>}
      />
      {failure && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={failure} />}
      {reported && <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t('ranking.reportedAt', { at: formatDateTime(reported.at, language), count: reported.count })} />}
      <Card
        title={
          <Space>
            <span>{t('ranking.candidates')}</span>
            <Tag color={quota !== null && draft.chosen.length >= quota ? 'gold' : 'blue'} data-testid="ranking-quota">
              {quota === null ? t('ranking.chosenNoQuota', { chosen: draft.chosen.length }) : t('ranking.chosen', { chosen: draft.chosen.length, quota })}
            </Tag>
          </Space>
        }
        extra={
          <Space wrap>
            {exports.map((item) => (
              <Button key={item.id} icon={<FileExcelOutlined />} href={exportUrl(scope.programmeId, item.id)}>{pick(item.title)}</Button>
            ))}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t('ranking.help')}</Typography.Paragraph>
        <Table<Row>
          rowKey="taskId"
          loading={!ranking && !failure}
          pagination={false}
          dataSource={rows}
          locale={{ emptyText: <Empty description={t('ranking.empty')} /> }}
          onRow={(row) => (row.order !== null && !reported
            ? {
                draggable: true,
                onDragStart: () => setDragging(row.taskId),
                onDragOver: (event: DragEvent) => event.preventDefault(),
                onDrop: (event: DragEvent) => onDrop(event, row.order! - 1),
              }
            : {})}
          columns={[
            { title: '', width: 40, render: (_, row) => (row.order !== null && !reported ? <HolderOutlined style={{ cursor: 'grab' }} /> : null) },
            {
              title: t('ranking.include'),
              width: 80,
              render: (_, row) => (
                <Checkbox
                  checked={row.order !== null}
                  disabled={Boolean(reported) || (row.order === null && quota !== null && draft.chosen.length >= quota)}
                  onChange={() => setDraft((current) => toggle(current, row.taskId, quota))}
                  aria-label={row.applicationNumber}
                  data-testid={`rank-include-${row.applicationNumber}`}
                />
              ),
            },
            { title: t('ranking.order'), width: 100, render: (_, row) => (row.order === null ? <Typography.Text type="secondary">—</Typography.Text> : <strong>{row.order}</strong>) },
            { title: t('applications.column.number'), dataIndex: 'applicationNumber' },
            {
              title: t('applications.column.actions'),
              width: 120,
              render: (_, row) => (row.order !== null && !reported ? (
                <Space size={4}>
                  <Button size="small" icon={<ArrowUpOutlined />} aria-label={t('ranking.up')} disabled={row.order === 1} onClick={() => setDraft((d) => move(d, row.taskId, -1))} />
                  <Button size="small" icon={<ArrowDownOutlined />} aria-label={t('ranking.down')} disabled={row.order === draft.chosen.length} onClick={() => setDraft((d) => move(d, row.taskId, 1))} />
                </Space>
              ) : null),
            },
          ]}
        />
        {!reported && (
          <Space style={{ marginTop: 16, display: 'flex', justifyContent: 'flex-end' }}>
            <Button onClick={() => void save()} loading={busy}>{t('ranking.save')}</Button>
            <Button type="primary" danger onClick={report} loading={busy} disabled={!ranking || ranking.candidates.length === 0} data-testid="ranking-report">{t('ranking.report.button')}</Button>
          </Space>
        )}
      </Card>
    </>
  );
}
