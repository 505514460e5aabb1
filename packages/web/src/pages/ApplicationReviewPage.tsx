import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Card, Skeleton, Space, Typography } from 'antd';
import { ApiError, fieldErrorsOf } from '../api/api-error.ts';
import { loadPrecheck, loadWorkspace, precheckBlockers, rolesOfKind, sectionCompletion, submitApplication, withdrawApplication, type Precheck, type Workspace } from '../api/workspace.ts';
import { PageHead } from '../app/AppShell.tsx';
import type { FormErrors } from '../forms/engine-adapter.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorList } from '../workspace/ErrorList.tsx';
import { HistoryTimeline } from '../workspace/HistoryTimeline.tsx';
import { PrintPanel } from '../workspace/PrintPanel.tsx';
import { ReviewDocument } from '../workspace/ReviewDocument.tsx';
import { ScanRequirement } from '../workspace/ScanRequirement.tsx';
import { loadStampedScanGate, type StampedScanGate } from '../workspace/stamped-scan-gate.ts';
import { StatusBanner } from '../workspace/StatusBanner.tsx';
import { SubmitPanel } from '../workspace/SubmitPanel.tsx';
import { reviewKey, WorkspaceNav } from '../workspace/WorkspaceNav.tsx';

/** The flow's latest notice to the applicant (e.g. the result of a finished application), if any. */
function lastNotice(workspace: Workspace): string | null {
  return workspace.history.filter((event) => event.action === 'notify' && event.opinion).at(-1)?.opinion ?? null;
}

/**
 * 核对并提交: the applicant's last step. Eligibility and field checks first (from the server's precheck), then
 * every section read-only, the prints and the stamped scan, submit (with a confirm) or withdraw, and the history.
 */
export default function ApplicationReviewPage({ applicationId }: { applicationId: string }) {
  const { t, pick } = useI18n();
  const { modal, message } = App.useApp();
  const [workspace, setWorkspace] = useState<Workspace | undefined>(undefined);
  const [precheck, setPrecheck] = useState<Precheck | undefined>(undefined);
  // Where the programme asks for a stamped scan (submit.requireStampedScan): whether the latest print and its scan
  // still go with the data, checked before the page says 已通过提交前检查.
  const [scanGate, setScanGate] = useState<StampedScanGate | undefined>(undefined);
  const [submitErrors, setSubmitErrors] = useState<FormErrors | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const [loaded, checked] = await Promise.all([loadWorkspace(applicationId), loadPrecheck(applicationId)]);
      const scanPrint = loaded.programme.submit?.requireStampedScan;
      const mayResubmit = loaded.status === 'draft' || loaded.status === 'returned';
      setScanGate(scanPrint && mayResubmit ? await loadStampedScanGate(applicationId, scanPrint) : undefined);
      setWorkspace(loaded);
      setPrecheck(checked);
    } catch (caught) {
      setFailure(caught instanceof ApiError ? pick(caught.messages) : String(caught));
    }
  }, [applicationId, pick]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (failure && !workspace) return <Alert type="error" showIcon title={failure} />;
  if (!workspace || !precheck) return <Skeleton active paragraph={{ rows: 10 }} />;

  const { programme } = workspace;
  const editable = workspace.status === 'draft' || workspace.status === 'returned';
  const blockingRules = precheck.rules.filter((rule) => !rule.passed && rule.severity !== 'warning');
  const ready = Object.keys(precheck.errors).length === 0 && blockingRules.length === 0;
  const scanPrint = editable ? programme.submit?.requireStampedScan : undefined;
  const scanPrintTitle = scanPrint ? pick(programme.prints.find((print) => print.id === scanPrint)?.title ?? scanPrint) : '';
  const applicantRoles = rolesOfKind(programme, 'applicant');
  const prints = programme.prints.filter((print) => !print.roles || print.roles.some((role) => applicantRoles.includes(role)));
  const withdrawable = workspace.status === 'in_review' && workspace.tasks.some((task) => task.status === 'open' && task.withdrawable);
  const marks = sectionCompletion(workspace, programme.sections.map((s) => s.id), precheckBlockers(precheck));

  const act = async (work: () => Promise<void>, done: string) => {
    setBusy(true);
    setFailure(undefined);
    setSubmitErrors(undefined);
    try {
      await work();
      message.success(done);
      await refresh();
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'SB_ERR_VALIDATION') setSubmitErrors(fieldErrorsOf(caught));
      setFailure(caught instanceof ApiError ? pick(caught.messages) : String(caught));
    } finally {
      setBusy(false);
    }
  };

  const confirmSubmit = () =>
    modal.confirm({
      title: workspace.status === 'returned' ? t('workspace.submit.confirmAgainTitle') : t('workspace.submit.confirmTitle'),
      content: t(programme.withdrawable ? 'workspace.submit.confirmBody' : 'workspace.submit.confirmBodyFinal'),
      okText: t('workspace.submit.ok'),
      cancelText: t('common.cancel'),
      onOk: () => act(() => submitApplication(applicationId, workspace.revision), t('workspace.submit.done')),
    });
  const confirmWithdraw = () =>
    modal.confirm({
      title: t('workspace.withdraw.confirmTitle'),
      content: t('workspace.withdraw.confirmBody'),
      okText: t('workspace.withdraw.ok'),
      cancelText: t('common.cancel'),
      onOk: () => act(() => withdrawApplication(applicationId), t('workspace.withdraw.done')),
    });

  return (
    <>
      <PageHead title={pick(programme.titleText)} subtitle={`${t('workspace.number')}：${workspace.number}`} />
      <StatusBanner status={workspace.status} frozen={workspace.frozen} returnReason={workspace.returnReason} notice={lastNotice(workspace)} />
      <div className="sb-section-layout">
        <WorkspaceNav applicationId={applicationId} sections={programme.sections} selected={reviewKey} marks={marks} />
        <div>
          {editable && (
            <Card title={t('workspace.precheck.title')} style={{ marginBottom: 16 }}>
              {programme.submit?.instructions && <Typography.Paragraph type="secondary">{pick(programme.submit.instructions)}</Typography.Paragraph>}
              <ErrorList
                applicationId={applicationId}
                sections={programme.sections}
                errors={submitErrors ?? precheck.errors}
                rules={precheck.rules}
                pending={scanPrint && (scanGate === 'needNewPrint' || scanGate === 'needScan') ? <ScanRequirement gate={scanGate} printTitle={scanPrintTitle} /> : undefined}
              />
              {/* Before the first print the fields may well be clear: the print is the next step, said beside it. */}
              {scanPrint && scanGate === 'needPrint' && <ScanRequirement gate={scanGate} printTitle={scanPrintTitle} />}
            </Card>
          )}
          {prints.length > 0 && (
            <Card title={t('print.title')} style={{ marginBottom: 16 }}>
              <Space direction="vertical" size={16} style={{ width: '100%' }}>
                {prints.map((print) => (
                  <PrintPanel key={print.id} applicationId={applicationId} print={print} canUploadScan={editable} onScanUploaded={() => void refresh()} onPrinted={() => void refresh()} />
                ))}
              </Space>
            </Card>
          )}
          <SubmitPanel
            status={workspace.status}
            editable={editable}
            precheckPassed={ready}
            scanGate={scanPrint ? scanGate ?? 'loading' : undefined}
            printTitle={scanPrintTitle}
            withdrawable={withdrawable}
            busy={busy}
            failure={failure}
            onSubmit={confirmSubmit}
            onWithdraw={confirmWithdraw}
          />
          <ReviewDocument
            applicationId={applicationId}
            programme={programme}
            data={workspace.data}
            showSteps={false}
            after={[{ id: 'review-history', title: t('history.title'), node: (
              <Card title={t('history.title')}>
                <HistoryTimeline events={workspace.history} outcomes={programme.outcomes} />
              </Card>
            ) }]}
          />
        </div>
      </div>
    </>
  );
}
