import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Progress, Result, Space, Steps, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/api-error.ts';
import { graphqlRequest } from '../../api/graphql-client.ts';
import { uploadFile, type UploadedFile } from '../../api/upload.ts';
import { PageHead } from '../../app/AppShell.tsx';
import {
  checkProgrammeUploadQuery,
  publishProgrammeMutation,
  uploadPurposes,
  type ProgrammeCheckResult,
  type PublishResult,
} from '../admin-api.ts';
import { useAdminText } from '../admin-text.ts';
import { ProblemsTable } from './ProblemsTable.tsx';

type Stage =
  | { kind: 'choose' }
  | { kind: 'uploading'; name: string; progress: number }
  | { kind: 'checked'; file: UploadedFile; check: ProgrammeCheckResult }
  | { kind: 'publishing'; file: UploadedFile; check: ProgrammeCheckResult }
  | { kind: 'done'; file: UploadedFile; result: PublishResult };

function isZip(file: File): boolean {
  return /\.zip$/i.test(file.name);
}

/**
 * Publishing is two explicit steps: the uploaded zip is checked and every problem shown while nothing is stored;
 * only a clean check offers "publish", and the server checks again when publishing (refused = nothing stored).
 */
export default function PublishPage() {
  const { t, pick } = useAdminText();
  const [stage, setStage] = useState<Stage>({ kind: 'choose' });
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [localError, setLocalError] = useState<string | undefined>(undefined);

  const start = async (file: File) => {
    setError(undefined);
    setLocalError(undefined);
    if (!isZip(file)) {
      setLocalError(t('publish.notZip'));
      return;
    }
    setStage({ kind: 'uploading', name: file.name, progress: 0 });
    try {
      const uploaded = await uploadFile(file, { purpose: uploadPurposes.programmeZip }, {
        onProgress: (fraction) => setStage({ kind: 'uploading', name: file.name, progress: Math.round(fraction * 100) }),
      });
      const { checkProgrammeUpload } = await graphqlRequest<{ checkProgrammeUpload: ProgrammeCheckResult }>(checkProgrammeUploadQuery, { fileId: uploaded.id });
      setStage({ kind: 'checked', file: uploaded, check: checkProgrammeUpload });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : undefined);
      setStage({ kind: 'choose' });
    }
  };

  const publish = async (file: UploadedFile, check: ProgrammeCheckResult) => {
    setError(undefined);
    setStage({ kind: 'publishing', file, check });
    try {
      const { publishProgramme } = await graphqlRequest<{ publishProgramme: PublishResult }>(publishProgrammeMutation, { fileId: file.id });
      setStage({ kind: 'done', file, result: publishProgramme });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : undefined);
      setStage({ kind: 'checked', file, check });
    }
  };

  const step = stage.kind === 'choose' || stage.kind === 'uploading' ? 0 : stage.kind === 'done' ? 2 : 1;
  const again = <Button onClick={() => setStage({ kind: 'choose' })}>{t('publish.again')}</Button>;

  return (
    <>
      <PageHead title={t('publish.title')} subtitle={t('publish.subtitle')} />
      <Card>
        <Steps current={step} style={{ marginBottom: 24 }} items={[{ title: t('publish.step.upload') }, { title: t('publish.step.check') }, { title: t('publish.step.publish') }]} />
        {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={pick(error.messages)} description={error.code} />}
        {localError && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={localError} />}

        {stage.kind === 'choose' && (
          <Upload.Dragger
            accept=".zip,application/zip"
            multiple={false}
            showUploadList={false}
            beforeUpload={(file) => {
              void start(file);
              return Upload.LIST_IGNORE;
            }}
          >
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{t('publish.drop')}</p>
            <p className="ant-upload-hint">{t('publish.dropHint')}</p>
          </Upload.Dragger>
        )}

        {stage.kind === 'uploading' && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text>{t('publish.file', { name: stage.name })}</Typography.Text>
            <Progress percent={stage.progress} status="active" />
            {stage.progress >= 100 && <Typography.Text type="secondary">{t('publish.checking')}</Typography.Text>}
          </Space>
        )}

        {(stage.kind === 'checked' || stage.kind === 'publishing') && (
          <CheckOutcome file={stage.file} check={stage.check}>
            <Space>
              <Button type="primary" disabled={!stage.check.ok || stage.check.problems.length > 0} loading={stage.kind === 'publishing'} onClick={() => void publish(stage.file, stage.check)}>
                {t('publish.confirm')}
              </Button>
              {again}
            </Space>
          </CheckOutcome>
        )}

        {stage.kind === 'done' && <PublishOutcome result={stage.result} extra={again} />}
      </Card>
    </>
  );
}

function CheckOutcome({ file, check, children }: { file: UploadedFile; check: ProgrammeCheckResult; children: ReactNode }) {
  const { t } = useAdminText();
  const count = check.problems.length;
  // `ok` is the server's verdict; a check with no problem listed but not ok is still not publishable.
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space size={24} wrap>
        <Typography.Text>{t('publish.file', { name: file.name })}</Typography.Text>
        {check.programmeId && <Typography.Text>{t('publish.checkedProgramme', { id: check.programmeId })}</Typography.Text>}
      </Space>
      {count > 0 || !check.ok ? <Alert type="error" showIcon title={t('publish.problemsFound', { count })} /> : <Alert type="success" showIcon title={t('publish.noProblems')} />}
      {count > 0 && <ProblemsTable problems={check.problems} />}
      {check.warnings.length > 0 && <Warnings warnings={check.warnings} />}
      {children}
    </Space>
  );
}

function PublishOutcome({ result, extra }: { result: PublishResult; extra: ReactNode }) {
  const { t } = useAdminText();
  if (result.status === 'published') {
    return (
      <>
        <Result status="success" title={t('publish.published', { id: result.programmeId ?? '', label: result.label ?? '' })} extra={extra} />
        {result.warnings.length > 0 && <Warnings warnings={result.warnings} />}
      </>
    );
  }
  if (result.status === 'unchanged') return <Result status="info" title={t('publish.unchanged')} extra={extra} />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Alert type="error" showIcon title={t('publish.refused')} />
      <ProblemsTable problems={result.problems} />
      {extra}
    </Space>
  );
}

function Warnings({ warnings }: { warnings: ProgrammeCheckResult['warnings'] }) {
  const { t } = useAdminText();
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Alert type="warning" showIcon title={t('publish.warnings', { count: warnings.length })} />
      <ProblemsTable problems={warnings} />
    </Space>
  );
}
