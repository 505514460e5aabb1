import { useState } from 'react';
import { Alert, Button, Form, Input, Space, Switch, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/api-error.ts';
import { graphqlRequest } from '../../api/graphql-client.ts';
import { uploadFile } from '../../api/upload.ts';
import { importReviewersMutation, uploadPurposes, type ImportReport } from '../admin-api.ts';
import { useAdminText } from '../admin-text.ts';
import { ProgrammePicker } from '../ProgrammePicker.tsx';
import { ImportReportTable } from './ImportReportTable.tsx';

const minimumInitialPassword = 8;

function isSheet(file: File): boolean {
  return /\.(xlsx|csv)$/i.test(file.name);
}

/** Upload the notice's sheet (序号, 姓名, 手机号, 职务, 单位), import it, and show the per-row report. */
export function ImportReviewersPanel() {
  const { t, pick } = useAdminText();
  const [file, setFile] = useState<File | undefined>(undefined);
  const [programmeId, setProgrammeId] = useState<string | undefined>(undefined);
  const [initialPassword, setInitialPassword] = useState('');
  const [allOrNothing, setAllOrNothing] = useState(true);
  const [problems, setProblems] = useState<{ file?: string; password?: string }>({});
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [report, setReport] = useState<ImportReport | undefined>(undefined);

  const run = async () => {
    const found: { file?: string; password?: string } = {};
    if (!file) found.file = t('import.fileRequired');
    if ([...initialPassword].length < minimumInitialPassword) found.password = t('import.passwordRequired');
    setProblems(found);
    if (found.file || found.password || !file) return;
    setRunning(true);
    setError(undefined);
    setReport(undefined);
    try {
      const uploaded = await uploadFile(file, { purpose: uploadPurposes.reviewerImport });
      const { importReviewers } = await graphqlRequest<{ importReviewers: ImportReport }>(importReviewersMutation, {
        fileId: uploaded.id,
        initialPassword,
        allOrNothing,
        programmeId: programmeId ?? null,
      });
      setReport(importReviewers);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : undefined);
    } finally {
      setRunning(false);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Form layout="vertical" style={{ maxWidth: 560 }} onFinish={() => void run()}>
        <Form.Item label={t('import.sheet')} required extra={t('import.sheetHint')} validateStatus={problems.file ? 'error' : undefined} help={problems.file}>
          <Upload
            accept=".xlsx,.csv"
            maxCount={1}
            fileList={file ? [{ uid: 'sheet', name: file.name, status: 'done' }] : []}
            onRemove={() => setFile(undefined)}
            beforeUpload={(chosen) => {
              if (!isSheet(chosen)) setProblems({ file: t('import.notSheet') });
              else {
                setFile(chosen);
                setProblems((current) => ({ ...current, file: undefined }));
              }
              return Upload.LIST_IGNORE;
            }}
          >
            <Button icon={<UploadOutlined />}>{t('import.choose')}</Button>
          </Upload>
        </Form.Item>
        <Form.Item label={t('reviewers.programme')} extra={t('reviewers.programmeHint')}>
          <ProgrammePicker value={programmeId} onChange={setProgrammeId} allowClear width={480} />
        </Form.Item>
        <Form.Item label={t('reviewers.initialPassword')} required validateStatus={problems.password ? 'error' : undefined} help={problems.password}>
          <Input.Password value={initialPassword} autoComplete="new-password" onChange={(event) => setInitialPassword(event.target.value)} />
        </Form.Item>
        <Form.Item extra={t('import.allOrNothingHint')}>
          <Space>
            <Switch checked={allOrNothing} onChange={setAllOrNothing} aria-label={t('import.allOrNothing')} />
            <Typography.Text>{t('import.allOrNothing')}</Typography.Text>
          </Space>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={running}>{t('import.submit')}</Button>
      </Form>
      {error && <Alert type="error" showIcon title={pick(error.messages)} />}
      {report && <ImportReportTable report={report} />}
    </Space>
  );
}
