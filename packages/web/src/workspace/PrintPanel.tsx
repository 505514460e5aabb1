import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { Alert, Button, Progress, Space, Steps, Typography } from 'antd';
import { FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError } from '../api/api-error.ts';
import { fileUrl, requestPrint, uploadStampedScan, waitForPrint, type PrintJob } from '../api/prints.ts';
import { uploadFile } from '../api/upload.ts';
import type { PrintDefinition } from '../api/workspace.ts';
import { useI18n } from '../i18n/i18n.tsx';

const stageOf: Record<PrintJob['status'], number> = { queued: 0, rendering: 1, done: 2, failed: 1 };

/**
 * One print (e.g. 申报书): generate it (queued → rendering → done, then open or download the PDF), and where the
 * programme asks for it, upload the scan of the stamped paper copy. The scan names the print version it was made
 * from, so a scan of an outdated print is refused by the server.
 */
export function PrintPanel({ applicationId, print, taskId, canUploadScan, onScanUploaded }: {
  applicationId: string;
  print: PrintDefinition;
  taskId?: string;
  canUploadScan: boolean;
  onScanUploaded?: () => void;
}) {
  const { t, pick } = useI18n();
  const [job, setJob] = useState<PrintJob | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [scan, setScan] = useState<{ state: 'idle' | 'uploading' | 'done'; fraction?: number }>({ state: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const scanInput = useRef<HTMLInputElement>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const message = (caught: unknown) => (caught instanceof ApiError ? pick(caught.messages) : String(caught));

  const generate = async () => {
    setError(undefined);
    abort.current?.abort();
    abort.current = new AbortController();
    try {
      const started = await requestPrint(applicationId, print.id, taskId);
      const finished = await waitForPrint(started, setJob, 800, abort.current.signal);
      if (finished.status === 'failed') setError(finished.error ? `${t('print.failed')}（${finished.error}）` : t('print.failed'));
    } catch (caught) {
      setError(message(caught));
    }
  };

  const onScan = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file || !job?.version) return;
    setError(undefined);
    setScan({ state: 'uploading', fraction: 0 });
    try {
      const uploaded = await uploadFile(file, { purpose: 'stamped-scan', applicationId }, { onProgress: (fraction) => setScan({ state: 'uploading', fraction }) });
      await uploadStampedScan(applicationId, print.id, job.version, uploaded.id);
      setScan({ state: 'done' });
      onScanUploaded?.();
    } catch (caught) {
      setScan({ state: 'idle' });
      setError(message(caught));
    }
  };

  const busy = job?.status === 'queued' || job?.status === 'rendering';
  return (
    <div className="sb-print" data-testid={`print-${print.id}`}>
      <Space wrap align="center">
        <FilePdfOutlined style={{ fontSize: 20, color: '#1f4e9c' }} />
        <strong>{pick(print.title)}</strong>
        <Button onClick={() => void generate()} loading={busy} data-testid={`print-${print.id}-generate`}>
          {job?.status === 'done' ? t('print.regenerate') : t('print.generate')}
        </Button>
      </Space>
      {job && (
        <Steps
          size="small"
          style={{ margin: '12px 0', maxWidth: 520 }}
          current={stageOf[job.status]}
          status={job.status === 'failed' ? 'error' : job.status === 'done' ? 'finish' : 'process'}
          items={[{ title: t('print.queued') }, { title: t('print.rendering') }, { title: t('print.done') }]}
        />
      )}
      {job?.status === 'done' && job.attachmentId && (
        <Space wrap>
          <Typography.Text type="secondary">{t('print.version', { version: job.version ?? '' })}</Typography.Text>
          <a href={fileUrl(job.attachmentId)} target="_blank" rel="noreferrer" data-testid={`print-${print.id}-open`}>{t('print.open')}</a>
          <a href={fileUrl(job.attachmentId, false)}>{t('print.download')}</a>
        </Space>
      )}
      {print.stampedScan && canUploadScan && (
        <div style={{ marginTop: 12 }}>
          <input ref={scanInput} type="file" hidden accept=".pdf,application/pdf" onChange={(event) => void onScan(event)} data-testid={`print-${print.id}-scan-input`} />
          <Space wrap>
            <Button icon={<UploadOutlined />} disabled={job?.status !== 'done' || scan.state === 'uploading'} onClick={() => scanInput.current?.click()}>
              {t('print.uploadScan')}
            </Button>
            <Typography.Text type="secondary">{job?.status === 'done' ? t('print.scanHint') : t('print.scanNeedsPrint')}</Typography.Text>
          </Space>
          {scan.state === 'uploading' && <Progress percent={Math.round((scan.fraction ?? 0) * 100)} size="small" style={{ maxWidth: 320 }} />}
          {scan.state === 'done' && <Alert type="success" showIcon style={{ marginTop: 8 }} title={t('print.scanUploaded')} />}
        </div>
      )}
      {error && <Alert type="error" showIcon style={{ marginTop: 8 }} title={error} />}
    </div>
  );
}
