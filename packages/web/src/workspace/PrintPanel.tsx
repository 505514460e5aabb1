import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import { Alert, Button, Progress, Space, Steps, Typography } from 'antd';
import { FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError } from '../api/api-error.ts';
import {
  fileUrl, loadPrintState, loadStampedScans, requestPrint, uploadStampedScan, waitForPrint, type PrintJob, type PrintState, type StampedScan,
} from '../api/prints.ts';
import { uploadFile } from '../api/upload.ts';
import type { PrintDefinition } from '../api/workspace.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDateTime } from './format.ts';

const stageOf: Record<PrintJob['status'], number> = { queued: 0, rendering: 1, done: 2, failed: 1 };

/**
 * One print (e.g. 申报书). It opens on the latest version of the document (after a reload too): while the data is
 * unchanged that version is the print, so there is nothing to regenerate and the stamped paper keeps its number.
 * A new version is offered only to whoever prints in their own name (the applicant, or the unit of a task form) and
 * only when there is none or the data changed (a task form, whose draft changes under the panel, may be checked
 * again); reviewers open the applicant's version. Where the programme asks for
 * it, the scan of the stamped paper copy is uploaded against that version, and the scans uploaded are listed.
 */
export function PrintPanel({ applicationId, print, taskId, canUploadScan, onScanUploaded, onPrinted }: {
  applicationId: string;
  /** `taskForm`: the print shows a task's form (the programme's print definition names it). */
  print: PrintDefinition & { taskForm?: string };
  taskId?: string;
  canUploadScan: boolean;
  onScanUploaded?: () => void;
  /** A new version was generated (the submit bar re-checks whether the stamped scan still goes with the data). */
  onPrinted?: () => void;
}) {
  const { t, pick, language } = useI18n();
  const [state, setState] = useState<PrintState | undefined>(undefined);
  const [scans, setScans] = useState<StampedScan[]>([]);
  const [job, setJob] = useState<PrintJob | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [scan, setScan] = useState<{ state: 'idle' | 'uploading' | 'done'; fraction?: number }>({ state: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const scanInput = useRef<HTMLInputElement>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const message = useCallback((caught: unknown) => (caught instanceof ApiError ? pick(caught.messages) : String(caught)), [pick]);

  const refresh = useCallback(async () => {
    try {
      const [loaded, uploaded] = await Promise.all([loadPrintState(applicationId, print.id, taskId), print.stampedScan ? loadStampedScans(applicationId) : []]);
      setState(loaded);
      setScans(uploaded.filter((s) => s.printId === print.id));
    } catch (caught) {
      setError(message(caught));
    }
  }, [applicationId, print.id, print.stampedScan, taskId, message]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const generate = async () => {
    setError(undefined);
    abort.current?.abort();
    abort.current = new AbortController();
    try {
      const started = await requestPrint(applicationId, print.id, taskId);
      const finished = await waitForPrint(started, setJob, 800, abort.current.signal);
      if (finished.status === 'failed') setError(finished.error ? `${t('print.failed')}（${finished.error}）` : t('print.failed'));
      await refresh();
      if (finished.status === 'done') onPrinted?.();
    } catch (caught) {
      setError(message(caught));
    }
  };

  const latest = state?.latest ?? null;
  const onScan = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file || !latest) return;
    setError(undefined);
    setScan({ state: 'uploading', fraction: 0 });
    try {
      const uploaded = await uploadFile(file, { purpose: 'stamped-scan', applicationId }, { onProgress: (fraction) => setScan({ state: 'uploading', fraction }) });
      await uploadStampedScan(applicationId, print.id, latest.version, uploaded.id);
      setScan({ state: 'done' });
      await refresh();
      onScanUploaded?.();
    } catch (caught) {
      setScan({ state: 'idle' });
      setError(message(caught));
    }
  };

  const busy = job?.status === 'queued' || job?.status === 'rendering';
  const offerNew = Boolean(state?.mayCreate && (!latest || !state.matchesData));
  const current = Boolean(latest && state?.matchesData);
  // A task form's draft changes while this panel is open (autosave), so its state may be stale: the unit may ask
  // again, and the server answers with the same version while the draft is unchanged.
  const offerCheck = Boolean(print.taskForm && state?.mayCreate && current);
  return (
    <div className="sb-print" data-testid={`print-${print.id}`}>
      <Space wrap align="center">
        <FilePdfOutlined style={{ fontSize: 20, color: '#1f4e9c' }} />
        <strong>{pick(print.title)}</strong>
        {offerNew && (
          <Button onClick={() => void generate()} loading={busy} data-testid={`print-${print.id}-generate`}>
            {latest ? t('print.regenerate') : t('print.generate')}
          </Button>
        )}
        {offerCheck && (
          <Button onClick={() => void generate()} loading={busy} data-testid={`print-${print.id}-check`}>{t('print.check')}</Button>
        )}
      </Space>
      {job && busy && (
        <Steps
          size="small"
          style={{ margin: '12px 0', maxWidth: 520 }}
          current={stageOf[job.status]}
          status="process"
          items={[{ title: t('print.queued') }, { title: t('print.rendering') }, { title: t('print.done') }]}
        />
      )}
      {state && !latest && !offerNew && <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }} data-testid={`print-${print.id}-none`}>{t('print.notYet')}</Typography.Paragraph>}
      {latest && (
        <div style={{ marginTop: 8 }}>
          <Space wrap>
            <Typography.Text>{t('print.versionLabel')} <strong data-testid={`print-${print.id}-version`}>{latest.version}</strong></Typography.Text>
            <Typography.Text type="secondary">{t('print.printedAt', { at: formatDateTime(latest.printedAt, language) })}</Typography.Text>
            <a href={fileUrl(latest.attachmentId)} target="_blank" rel="noreferrer" data-testid={`print-${print.id}-open`}>{t('print.open')}</a>
            <a href={fileUrl(latest.attachmentId, false)}>{t('print.download')}</a>
          </Space>
          <Typography.Paragraph type={current ? 'secondary' : 'warning'} style={{ margin: '4px 0 0' }} data-testid={`print-${print.id}-currency`}>
            {current ? t('print.current') : state?.mayCreate ? t('print.outdated') : t('print.outdatedOthers')}
            {!state?.mayCreate && current ? ` ${t('print.othersVersion')}` : ''}
          </Typography.Paragraph>
        </div>
      )}
      {print.stampedScan && scans.length > 0 && (
        <ul className="sb-print-scans" data-testid={`print-${print.id}-scans`}>
          {scans.map((s) => (
            <li key={s.id}>
              {t('print.scanOf', { version: s.version })} · {formatDateTime(s.uploadedAt, language)} ·{' '}
              <a href={fileUrl(s.attachmentId)} target="_blank" rel="noreferrer">{t('print.open')}</a>
            </li>
          ))}
        </ul>
      )}
      {print.stampedScan && canUploadScan && (
        <div style={{ marginTop: 12 }}>
          <input ref={scanInput} type="file" hidden accept=".pdf,application/pdf" onChange={(event) => void onScan(event)} data-testid={`print-${print.id}-scan-input`} />
          <Space wrap>
            <Button icon={<UploadOutlined />} disabled={!current || scan.state === 'uploading'} onClick={() => scanInput.current?.click()}>
              {t('print.uploadScan')}
            </Button>
            <Typography.Text type="secondary">{current ? t('print.scanHint') : t('print.scanNeedsPrint')}</Typography.Text>
          </Space>
          {scan.state === 'uploading' && <Progress percent={Math.round((scan.fraction ?? 0) * 100)} size="small" style={{ maxWidth: 320 }} />}
          {scan.state === 'done' && <Alert type="success" showIcon style={{ marginTop: 8 }} title={t('print.scanUploaded')} />}
        </div>
      )}
      {error && <Alert type="error" showIcon style={{ marginTop: 8 }} title={error} />}
    </div>
  );
}
