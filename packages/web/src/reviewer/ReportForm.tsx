import { useMemo } from 'react';
import { Card } from 'antd';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { RankingScope } from '../api/reviewing.ts';
import type { SectionDefinition } from '../api/sections.ts';
import type { Uploader } from '../api/upload.ts';
import type { FormErrors } from '../forms/engine-adapter.ts';
import { reportBackupKey } from '../forms/local-backup.ts';
import { SectionForm } from '../forms/SectionForm.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * The form a unit fills once with 排序上报 (e.g. a recommendation letter). Its data reaches the server only with the
 * report — 保存排序 saves the order, not this form — so every edit is kept in this browser's local backup
 * (`report:<programme>:<unit>:<step>`) and offered back on the next visit until the report goes through; closing
 * the tab with edits asks first (SectionForm's leave guard).
 */
export function ReportForm({ form, scope, errors, onDataChange, uploader }: {
  form: SectionDefinition;
  scope: RankingScope;
  errors?: FormErrors;
  onDataChange: (data: Record<string, unknown>) => void;
  uploader?: Uploader;
}) {
  const { pick } = useI18n();
  // Nothing of this form is on the server before the report.
  const initial = useMemo(() => ({ data: {}, version: 0 }), []);
  return (
    <Card type="inner" title={pick(form.titleText) || form.title} style={{ marginTop: 16 }} className="sb-task-form">
      <SectionForm
        schema={form.schema as RJSFSchema}
        uiSchema={(form.ui ?? undefined) as UiSchema | undefined}
        initial={initial}
        errors={errors}
        upload={{ purpose: `report:${scope.programmeId}`, pointerPrefix: `/${form.id}` }}
        uploader={uploader}
        backupKey={reportBackupKey(scope.programmeId, scope.organisationId, scope.taskDefinitionId)}
        onDataChange={onDataChange}
      />
    </Card>
  );
}
