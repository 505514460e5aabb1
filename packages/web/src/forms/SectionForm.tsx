import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Space, Typography } from 'antd';
import { CheckCircleOutlined, CloudUploadOutlined, ExclamationCircleOutlined, LoadingOutlined, SaveOutlined } from '@ant-design/icons';
import Form from '@rjsf/antd';
import validator from '@rjsf/validator-ajv8';
import type { IChangeEvent } from '@rjsf/core';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { OrganisationSource } from '../api/organisations.ts';
import { uploadFile, type Uploader } from '../api/upload.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { BackupOffer } from './BackupOffer.tsx';
import type { FormErrors, SectionValidator } from './engine-adapter.ts';
import { countFieldErrors, formErrorsToErrorSchema } from './error-mapping.ts';
import { FieldStateStore } from './field-state-store.ts';
import type { SectionFormContext, UploadTarget } from './form-context.ts';
import { evaluateFormLogic } from './form-logic.ts';
import { planForm } from './form-plan.ts';
import { getAtPath, pathFromPointer } from './json-pointer.ts';
import { clearBackup, readBackup, type LocalBackup } from './local-backup.ts';
import { deepEqual } from './merge-local-edits.ts';
import { prepareUiSchema } from './prepare-ui-schema.ts';
import { sectionFields, sectionTemplates, sectionWidgets, stringTranslator } from './registry.ts';
import { useSectionSave, type SaveStatus, type SectionSnapshot } from './use-section-save.ts';

export type { SectionSnapshot } from './use-section-save.ts';

export interface SectionFormProps {
  /** The section's JSON Schema (with the programme format's x- keywords). */
  schema: RJSFSchema;
  uiSchema?: UiSchema;
  /** The saved data and the application version it belongs to. */
  initial: SectionSnapshot;
  /** Field errors from the server (section-relative pointers), e.g. after a submit attempt. */
  errors?: FormErrors;
  /** Live validation in the browser (engine draft save); runs shortly after typing stops. */
  validate?: SectionValidator;
  /** What expressions see as `application`. */
  application?: Record<string, unknown>;
  /** Further names expressions see: a task form's `outcome` (the outcome the reviewer has picked, or null). */
  scope?: Record<string, unknown>;
  save?: (data: Record<string, unknown>, version: number) => Promise<SectionSnapshot>;
  reload?: () => Promise<SectionSnapshot>;
  /** Autosave delay after the last keystroke; 0 turns autosave off. */
  autosaveDelayMs?: number;
  uploader?: Uploader;
  upload?: UploadTarget;
  organisations?: OrganisationSource;
  readonly?: boolean;
  /** Where this browser keeps unsaved edits until the server holds them (local-backup.ts); offered back on the next visit. */
  backupKey?: string;
  /** Called after every change with the current data (not for rendering: it fires on every keystroke). */
  onDataChange?: (data: Record<string, unknown>) => void;
}

const liveValidationDelayMs = 300;

/**
 * One section of an application, generated from its JSON Schema with @rjsf/antd plus the programme format's
 * extensions: live computed fields, conditional (x-fillable) and conditionally required fields, attachments,
 * category-then-unit organisation choice, repeating tables, character counters, inline bilingual errors,
 * explicit 暂存 and autosave with conflict handling.
 *
 * Typing does not re-render this component: rjsf keeps the data, rule results go to a per-field store, and only
 * the save status (clean → dirty once) and error changes cause a render here.
 */
export function SectionForm(props: SectionFormProps) {
  const { schema, uiSchema, initial, validate, application, readonly, onDataChange } = props;
  const { t, language } = useI18n();

  const plan = useMemo(() => planForm(schema), [schema]);
  const preparedUi = useMemo(() => prepareUiSchema(schema, uiSchema), [schema, uiSchema]);
  const store = useMemo(() => new FieldStateStore(), []);
  const applicationRef = useRef(application ?? {});
  applicationRef.current = application ?? {};
  const scopeRef = useRef(props.scope ?? {});
  scopeRef.current = props.scope ?? {};

  // What the user typed is the truth on screen. It lives here and in rjsf, not in React state (see the component
  // comment), and every render hands rjsf this current copy: rjsf recomputes its state from its `formData` prop
  // whenever any prop changes (new errors, a disabled flag), so handing it the copy from when the page opened put
  // that copy back on screen and the next autosave wrote it to the server (issue 13: the form wipe).
  const dataRef = useRef<Record<string, unknown>>(initial.data);
  // Bumping the generation remounts rjsf (after the user chose how to resolve a conflict).
  const [generation, setGeneration] = useState(0);

  const runLogic = useCallback(
    (data: Record<string, unknown>) => store.replace(evaluateFormLogic(plan, data, applicationRef.current, scopeRef.current).states),
    [plan, store],
  );
  // Before the first paint, so computed fields never flash their stale stored value. On the current data, not on
  // `initial`: a page re-rendering after a save hands in the same snapshot anew, and evaluating that would put the
  // loaded data's states (totals, disabled fields) back over what the user has entered since.
  useMemo(() => runLogic(dataRef.current), [runLogic]);
  // Another scope (the reviewer picked another outcome) re-evaluates the rules on the current data: the required
  // marks that depend on the outcome follow the choice at once.
  const scopeKey = JSON.stringify(props.scope ?? {});
  const evaluatedScope = useRef(scopeKey);
  useEffect(() => {
    if (evaluatedScope.current === scopeKey) return;
    evaluatedScope.current = scopeKey;
    runLogic(dataRef.current);
  }, [scopeKey, runLogic]);

  const [serverErrors, setServerErrors] = useState<FormErrors>(props.errors ?? {});
  const [liveErrors, setLiveErrors] = useState<FormErrors>({});
  useEffect(() => setServerErrors(props.errors ?? {}), [props.errors]);

  const backupKey = readonly ? undefined : props.backupKey;
  // Edits an earlier visit left in this browser, offered once on opening when they differ from the saved data.
  const [backup, setBackup] = useState<LocalBackup | undefined>(() => {
    if (!backupKey) return undefined;
    const found = readBackup(backupKey);
    if (found && deepEqual(found.data, initial.data)) {
      clearBackup(backupKey);
      return undefined;
    }
    return found;
  });

  const { status, saveNow, noteChange, reloadKeepingEdits, reloadDiscardingEdits } = useSectionSave({
    initial,
    save: readonly ? undefined : props.save,
    reload: props.reload,
    autosaveDelayMs: props.autosaveDelayMs ?? 3000,
    currentData: () => dataRef.current,
    replaceData: (data) => {
      dataRef.current = data;
      runLogic(data);
      setGeneration((current) => current + 1);
    },
    onServerErrors: setServerErrors,
    ...(backupKey ? { backupKey } : {}),
  });

  const restoreBackup = () => {
    if (!backup) return;
    dataRef.current = backup.data;
    runLogic(backup.data);
    setGeneration((current) => current + 1);
    setBackup(undefined);
    noteChange();
    onDataChange?.(backup.data);
  };
  const discardBackup = () => {
    if (backupKey) clearBackup(backupKey);
    setBackup(undefined);
  };

  const validationTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(validationTimer.current), []);

  const handleChange = useCallback(
    (event: IChangeEvent) => {
      const previous = dataRef.current;
      const data = (event.formData ?? {}) as Record<string, unknown>;
      if (data === previous) return;
      dataRef.current = data;
      runLogic(data);
      // A server error disappears once the user changes that field; the rest stay until the next save.
      setServerErrors((errors) => withoutChangedFields(errors, previous, data));
      noteChange();
      onDataChange?.(data);
      if (validate) {
        clearTimeout(validationTimer.current);
        validationTimer.current = setTimeout(() => setLiveErrors(validate(dataRef.current)), liveValidationDelayMs);
      }
    },
    [runLogic, noteChange, onDataChange, validate],
  );

  const shownErrors = useMemo(() => ({ ...serverErrors, ...liveErrors }), [serverErrors, liveErrors]);
  const extraErrors = useMemo(() => formErrorsToErrorSchema(shownErrors, language), [shownErrors, language]);
  const errorCount = countFieldErrors(shownErrors);

  const formContext = useMemo<SectionFormContext>(
    () => ({
      store,
      uploader: props.uploader ?? uploadFile,
      upload: props.upload ?? { purpose: 'application' },
      ...(props.organisations ? { organisations: props.organisations } : {}),
      rowGutter: 16,
    }),
    // Only the upload target's parts: a caller passing a fresh `upload` object each render must not re-render every field.
    [store, props.uploader, props.upload?.purpose, props.upload?.applicationId, props.organisations],
  );
  const translateString = useMemo(() => stringTranslator(language), [language]);

  return (
    <div className="sb-section-form">
      {!readonly && props.save && (
        <SaveBar status={status} errorCount={errorCount} onSave={() => void saveNow(false)} />
      )}
      {backup && <BackupOffer backup={backup} serverRevision={initial.version} onRestore={restoreBackup} onDiscard={discardBackup} />}
      {status.state === 'conflict' && (
        <Alert
          className="sb-section-form__conflict"
          type="warning"
          showIcon
          role="alert"
          title={t('section.conflict.title')}
          description={t('section.conflict.body')}
          action={props.reload && (
            <Space direction="vertical">
              <Button type="primary" onClick={() => void reloadKeepingEdits()}>
                {t('section.conflict.reload')}
              </Button>
              <Button onClick={() => void reloadDiscardingEdits()}>
                {t('section.conflict.discard')}
              </Button>
            </Space>
          )}
        />
      )}
      <Form
        key={generation}
        schema={schema}
        uiSchema={preparedUi}
        formData={dataRef.current}
        validator={validator}
        noValidate
        showErrorList={false}
        extraErrors={extraErrors}
        onChange={handleChange}
        formContext={formContext}
        widgets={sectionWidgets}
        fields={sectionFields}
        templates={sectionTemplates}
        translateString={translateString}
        readonly={readonly}
        disabled={status.state === 'conflict'}
        onSubmit={() => void saveNow(false)}
      >
        {/* Submitting the whole application happens on the review page; a section only saves drafts. */}
        <></>
      </Form>
    </div>
  );
}

function withoutChangedFields(errors: FormErrors, before: Record<string, unknown>, after: Record<string, unknown>): FormErrors {
  const pointers = Object.keys(errors);
  if (pointers.length === 0) return errors;
  let changed = false;
  const kept: FormErrors = {};
  for (const pointer of pointers) {
    const path = pathFromPointer(pointer);
    if (getAtPath(before, path) !== getAtPath(after, path)) changed = true;
    else kept[pointer] = errors[pointer]!;
  }
  return changed ? kept : errors;
}

function SaveBar({ status, errorCount, onSave }: { status: SaveStatus; errorCount: number; onSave: () => void }) {
  const { t, pick } = useI18n();
  const time = (at: Date) => at.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  let text: ReactNode = null;
  switch (status.state) {
    case 'dirty':
      text = <Typography.Text type="warning"><ExclamationCircleOutlined /> {t('section.unsaved')}</Typography.Text>;
      break;
    case 'saving':
      text = <Typography.Text type="secondary"><LoadingOutlined /> {t('section.saving')}</Typography.Text>;
      break;
    case 'saved':
      text = <Typography.Text type="success"><CheckCircleOutlined /> {t(status.automatic ? 'section.savedAt' : 'section.savedManually', { time: time(status.at) })}</Typography.Text>;
      break;
    case 'failed':
      text = <Typography.Text type="danger"><ExclamationCircleOutlined /> {t('section.saveFailed', { message: pick(status.error.messages) })}</Typography.Text>;
      break;
    default:
      text = null;
  }
  return (
    <div className="sb-save-bar" role="status" aria-live="polite">
      <Space size={16} wrap>
        <span className="sb-save-bar__status">{text}</span>
        {errorCount > 0 && <Typography.Text type="danger">{t('section.invalid', { count: errorCount })}</Typography.Text>}
      </Space>
      <Button type="primary" icon={status.state === 'saving' ? <CloudUploadOutlined /> : <SaveOutlined />} onClick={onSave} disabled={status.state === 'saving' || status.state === 'conflict'}>
        {t('section.save')}
      </Button>
    </div>
  );
}
