import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { Alert, App, Button, Card, Checkbox, Empty, Space, Table, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, FileExcelOutlined, HolderOutlined } from '@ant-design/icons';
import { ApiError, fieldErrorsOf } from '../api/api-error.ts';
import { exportUrl, loadRanking, loadTaskFormKey, reportRanking, setRanking, type Ranking, type RankingScope } from '../api/reviewing.ts';
import type { SectionDefinition } from '../api/sections.ts';
import { sectionErrors, type FormErrors } from '../forms/engine-adapter.ts';
import { clearBackup, reportBackupKey } from '../forms/local-backup.ts';
import { useQuery } from '../api/use-graphql.ts';
import type { ExportDefinition } from '../api/workspace.ts';
import { PageHead } from '../app/AppShell.tsx';
import type { Text } from '../i18n/i18n.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router/router.tsx';
import { formatDateTime } from '../workspace/format.ts';
import { ReportForm } from './ReportForm.tsx';
import { draftFromCandidates, move, moveTo, orderChanged, toggle, type RankingDraft } from './ranking-order.ts';

interface Row {
  taskId: string;
  applicationNumber: string;
  applicantName: string;
  order: number | null;
}

const programmeQuery = `query RankingProgramme($id: ID!) { programme(id: $id) { id titleText exports organisations taskForms { id title titleText schema ui } } }`;

interface ProgrammeOrganisations {
  categories?: Array<{ id: string; role?: string }>;
  units?: Array<{ id: string; category?: string }>;
}

/** The programme role a unit acts in: its category's role (units of 推荐单位 act as the recommender, …). */
export function roleOfUnit(organisations: ProgrammeOrganisations | undefined, organisationId: string): string | undefined {
  const unit = organisations?.units?.find((candidate) => candidate.id === organisationId);
  return organisations?.categories?.find((category) => category.id === unit?.category)?.role;
}

/**
 * 排序上报: a unit orders the applications it recommends within its quota ("已选 1 / 限 2"), saves the order,
 * then reports once — final, and said so in the confirm.
 */
export default function RankingPage({ scope }: { scope: RankingScope }) {
  const { t, pick, language } = useI18n();
  const { modal, message } = App.useApp();
  const programme = useQuery<{ programme: { id: string; titleText: Text; exports: ExportDefinition[]; organisations: ProgrammeOrganisations; taskForms: SectionDefinition[] } | null }>(programmeQuery, { id: scope.programmeId });
  const [ranking, setRankingState] = useState<Ranking | undefined>(undefined);
  const [draft, setDraft] = useState<RankingDraft>({ chosen: [], others: [] });
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState<string | undefined>(undefined);
  // Some flows fill a form once at report time (e.g. a recommendation letter): the report step's formKey.
  const [reportFormKey, setReportFormKey] = useState<string | null>(null);
  const [reportFormErrors, setReportFormErrors] = useState<FormErrors | undefined>(undefined);
  const reportData = useRef<Record<string, unknown>>({});
  const firstTaskId = ranking?.candidates[0]?.taskId;
  useEffect(() => {
    if (!firstTaskId) return;
    loadTaskFormKey(firstTaskId).then(setReportFormKey, () => setReportFormKey(null));
  }, [firstTaskId]);
  const reportForm = useMemo(
    () => programme.data?.programme?.taskForms.find((form) => form.id === reportFormKey),
    [programme.data, reportFormKey],
  );
  const onReportData = useCallback((data: Record<string, unknown>) => {
    reportData.current = data;
  }, []);

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

  // An order changed but not saved (保存排序): closing or reloading the tab asks first, as the section forms do.
  const unsavedOrder = Boolean(ranking && !ranking.reported && orderChanged(draft, ranking.candidates));
  useEffect(() => {
    if (!unsavedOrder) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [unsavedOrder]);

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
        setReportFormErrors(undefined);
        let result;
        try {
          result = await reportRanking(scope, reportForm ? reportData.current : undefined);
        } catch (caught) {
          if (reportForm && caught instanceof ApiError && caught.code === 'SB_ERR_VALIDATION') {
            const fields = fieldErrorsOf(caught);
            const prefixed = sectionErrors(fields, reportForm.id);
            setReportFormErrors(Object.keys(prefixed).length > 0 ? prefixed : fields);
          }
          throw caught;
        }
        // The server holds the report form now: the local copy of its edits is done with.
        clearBackup(reportBackupKey(scope.programmeId, scope.organisationId, scope.taskDefinitionId));
        message.success(t('ranking.report.done', { reported: result.reported, notReported: result.notReported }));
        await refresh();
      }),
    });

  const reported = ranking?.reported ?? null;
  const quota = ranking?.quota ?? null;
  const byTask = new Map((ranking?.candidates ?? []).map((c) => [c.taskId, c]));
  const rows: Row[] = [
    ...draft.chosen.map((taskId, index) => ({ taskId, applicationNumber: byTask.get(taskId)?.applicationNumber ?? '', applicantName: byTask.get(taskId)?.applicantName ?? '', order: index + 1 })),
    ...draft.others.map((taskId) => ({ taskId, applicationNumber: byTask.get(taskId)?.applicationNumber ?? '', applicantName: byTask.get(taskId)?.applicantName ?? '', order: null })),
  ];
  // Export buttons for the programme role this unit acts in; the export endpoint checks the same on the server.
  const unitRole = roleOfUnit(programme.data?.programme?.organisations, scope.organisationId);
  const exports = (programme.data?.programme?.exports ?? []).filter((e) => !e.roles || (unitRole !== undefined && e.roles.includes(unitRole)));
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
                  aria-label={`${row.applicationNumber} ${row.applicantName}`}
                  data-testid={`rank-include-${row.applicationNumber}`}
                />
              ),
            },
            { title: t('ranking.order'), width: 100, render: (_, row) => (row.order === null ? <Typography.Text type="secondary">—</Typography.Text> : <strong>{row.order}</strong>) },
            { title: t('applications.column.number'), dataIndex: 'applicationNumber', width: 170 },
            { title: t('inbox.column.applicant'), dataIndex: 'applicantName' },
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
        {!reported && reportForm && <ReportForm form={reportForm} scope={scope} errors={reportFormErrors} onDataChange={onReportData} />}
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
