import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Radio, Skeleton, Space, Tag, Typography } from 'antd';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { ApiError, fieldErrorsOf } from '../api/api-error.ts';
import { completeTask, loadTask, type TaskWithApplication } from '../api/reviewing.ts';
import { loadTaskDraft, saveTaskDraft } from '../api/task-drafts.ts';
import { rolesOfKind } from '../api/workspace.ts';
import { PageHead } from '../app/AppShell.tsx';
import { sectionErrors, type FormErrors } from '../forms/engine-adapter.ts';
import { planForm, readsOutcome } from '../forms/form-plan.ts';
import { clearBackup, taskBackupKey } from '../forms/local-backup.ts';
import { SectionForm } from '../forms/SectionForm.tsx';
import { useI18n, type MessageKey } from '../i18n/i18n.tsx';
import { useRouter } from '../router/router.tsx';
import { HistoryTimeline } from '../workspace/HistoryTimeline.tsx';
import { isNegativeOutcome, needsReason, outcomeLabel } from '../workspace/outcome-labels.ts';
import { PrintPanel } from '../workspace/PrintPanel.tsx';
import { ReviewDocument } from '../workspace/ReviewDocument.tsx';
import { ChangesSinceReturn } from './ChangesSinceReturn.tsx';

/** Task-form errors may come relative to the form or prefixed with its id (`/<formKey>/…`); the form wants them relative. */
function taskFormErrors(errors: FormErrors, formKey: string): FormErrors {
  const prefixed = sectionErrors(errors, formKey);
  return Object.keys(prefixed).length > 0 ? prefixed : errors;
}

/**
 * A reviewer's task: the application read-only (with what changed since a return), the task's own form generated
 * from the programme's task form, and one button per outcome the flow allows. A return needs a reason.
 */
export default function TaskPage({ taskId }: { taskId: string }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const { navigate } = useRouter();
  const [task, setTask] = useState<TaskWithApplication | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [formErrors, setFormErrors] = useState<FormErrors | undefined>(undefined);
  const [pending, setPending] = useState<string | undefined>(undefined);
  const [reasonFor, setReasonFor] = useState<string | undefined>(undefined);
  const [reason, setReason] = useState('');
  // The outcome the reviewer has picked: task-form rules read it as `outcome` (null until one is picked).
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const formData = useRef<Record<string, unknown>>({});
  // The task form's draft revision (暂存 / autosave name it; a colleague's save in between is a conflict).
  const [draftRevision, setDraftRevision] = useState(0);
  const chosenRef = useRef<string | undefined>(undefined);
  chosenRef.current = chosen;

  const refresh = useCallback(async () => {
    try {
      const [loaded, draft] = await Promise.all([loadTask(taskId), loadTaskDraft(taskId)]);
      formData.current = loaded.data ?? {};
      setDraftRevision(draft.version);
      setTask(loaded);
    } catch (caught) {
      setFailure(caught instanceof ApiError ? pick(caught.messages) : String(caught));
    }
  }, [taskId, pick]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const application = task?.application;
  const programme = application?.programme;
  const taskForm = useMemo(() => programme?.taskForms.find((form) => form.id === task?.formKey), [programme, task]);
  const initial = useMemo(() => ({ data: task?.data ?? {}, version: draftRevision }), [task, draftRevision]);
  const saveDraft = useCallback(
    async (data: Record<string, unknown>, version: number) => {
      const saved = await saveTaskDraft(taskId, data, version, chosenRef.current ?? null);
      return task?.formKey ? { ...saved, errors: taskFormErrors(saved.errors ?? {}, task.formKey) } : saved;
    },
    [taskId, task?.formKey],
  );
  const reloadDraft = useCallback(() => loadTaskDraft(taskId), [taskId]);
  const onDataChange = useCallback((data: Record<string, unknown>) => {
    formData.current = data;
  }, []);
  // A completed task's form is shown as it was sent: with the outcome it was completed with.
  const formScope = useMemo(() => ({ outcome: chosen ?? task?.outcome ?? null }), [chosen, task]);
  const outcomeMatters = useMemo(() => (taskForm ? readsOutcome(planForm(taskForm.schema)) : false), [taskForm]);

  if (failure && !task) return <Alert type="error" showIcon title={failure} />;
  if (!task || !application || !programme) return <Skeleton active paragraph={{ rows: 10 }} />;

  const open = task.status === 'open' && task.kind === 'review';
  const reviewerRoles = rolesOfKind(programme, 'reviewer');
  const prints = programme.prints.filter((print) => print.roles?.some((role) => role === task.role || reviewerRoles.includes(role)));

  const finish = async (outcome: string, withReason?: string) => {
    setPending(outcome);
    setFailure(undefined);
    setFormErrors(undefined);
    try {
      await completeTask(task.id, outcome, taskForm ? formData.current : undefined, withReason);
      clearBackup(taskBackupKey(task.id));
      message.success(t('review.done', { outcome: pick(outcomeLabel(outcome, programme.outcomes)) }));
      setReasonFor(undefined);
      navigate('/reviewer/inbox');
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'SB_ERR_VALIDATION' && task.formKey) setFormErrors(taskFormErrors(fieldErrorsOf(caught), task.formKey));
      setFailure(caught instanceof ApiError ? pick(caught.messages) : String(caught));
    } finally {
      setPending(undefined);
    }
  };

  const choose = (outcome: string) => {
    setChosen(outcome);
    if (needsReason(outcome)) {
      setReason('');
      setReasonFor(outcome);
    } else void finish(outcome);
  };

  const statusKey = `applications.status.${application.status}` as MessageKey;
  return (
    <>
      <PageHead title={`${task.name} · ${application.number}`} subtitle={pick(programme.titleText)} />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'applicant', label: t('inbox.column.applicant'), children: application.applicant.name },
            { key: 'number', label: t('applications.column.number'), children: application.number },
            { key: 'status', label: t('applications.column.status'), children: <Tag>{t(statusKey)}</Tag> },
          ]}
        />
      </Card>
      <div className="sb-review-layout">
        <div className="sb-review-main">
          <ChangesSinceReturn history={application.history} sections={programme.sections} />
          <ReviewDocument
            applicationId={application.id}
            programme={programme}
            data={application.data}
            exceptTaskId={task.id}
            extras={prints.length > 0 ? [{ id: 'review-prints', title: t('print.title'), node: (
              <Card title={t('print.title')} style={{ marginBottom: 16 }}>
                {prints.map((print) => <PrintPanel key={print.id} applicationId={application.id} print={print} taskId={task.id} canUploadScan={false} />)}
              </Card>
            ) }] : []}
            after={[{ id: 'review-history', title: t('history.title'), node: (
              <Card title={t('history.title')}>
                <HistoryTimeline events={application.history} outcomes={programme.outcomes} />
              </Card>
            ) }]}
          />
        </div>
        {/* The decision stays in view beside the document (sticky), however long the application is. Its contents keep
            the indentation they had before this wrapper, so the form-state work on them merges line for line. */}
        <aside className="sb-review-decision" data-testid="decision-panel" aria-label={t('review.decision')}>
      <Card title={taskForm ? pick(taskForm.titleText) || taskForm.title : t('review.decision')} style={{ marginBottom: 16 }} className="sb-task-form">
        {open && taskForm && outcomeMatters && (
          <div className="sb-outcome-choice" data-testid="outcome-choice" style={{ marginBottom: 16 }}>
            <Space wrap align="center">
              <Typography.Text strong>{t('review.outcome.label')}</Typography.Text>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                value={chosen}
                onChange={(event) => setChosen(event.target.value as string)}
                options={task.outcomes.map((outcome) => ({ value: outcome, label: pick(outcomeLabel(outcome, programme.outcomes)) }))}
              />
            </Space>
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{t('review.outcome.help')}</Typography.Paragraph>
          </div>
        )}
        {taskForm && (
          <SectionForm
            schema={taskForm.schema as RJSFSchema}
            uiSchema={(taskForm.ui ?? undefined) as UiSchema | undefined}
            initial={initial}
            errors={formErrors}
            application={{ number: application.number, status: application.status }}
            scope={formScope}
            upload={{ purpose: 'task', applicationId: application.id, pointerPrefix: `/${taskForm.id}` }}
            readonly={!open}
            {...(open ? { save: saveDraft, reload: reloadDraft } : {})}
            backupKey={taskBackupKey(task.id)}
            onDataChange={onDataChange}
          />
        )}
        {failure && <Alert type="error" showIcon style={{ margin: '12px 0' }} title={failure} data-testid="task-error" />}
        {open ? (
          <Space wrap style={{ marginTop: 16 }}>
            {task.outcomes.map((outcome) => (
              <Button
                key={outcome}
                type={isNegativeOutcome(outcome) ? 'default' : 'primary'}
                danger={isNegativeOutcome(outcome)}
                loading={pending === outcome}
                disabled={pending !== undefined && pending !== outcome}
                onClick={() => choose(outcome)}
                data-testid={`outcome-${outcome}`}
              >
                {pick(outcomeLabel(outcome, programme.outcomes))}
              </Button>
            ))}
          </Space>
        ) : (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            title={task.outcome ? t('review.completedAs', { outcome: pick(outcomeLabel(task.outcome, programme.outcomes)) }) : t(`inbox.status.${task.status}` as MessageKey)}
            description={task.reason ?? undefined}
          />
        )}
      </Card>
        </aside>
      </div>
      <Modal
        open={reasonFor !== undefined}
        title={t('review.reason.title')}
        okText={reasonFor ? pick(outcomeLabel(reasonFor, programme.outcomes)) : undefined}
        okButtonProps={{ danger: true, disabled: reason.trim() === '', loading: pending !== undefined }}
        cancelText={t('common.cancel')}
        onCancel={() => setReasonFor(undefined)}
        onOk={() => reasonFor && void finish(reasonFor, reason.trim())}
      >
        <Form layout="vertical">
          <Form.Item label={t('review.reason.label')} required help={t('review.reason.help')}>
            <Input.TextArea rows={4} maxLength={500} showCount value={reason} onChange={(event) => setReason(event.target.value)} data-testid="return-reason-input" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
