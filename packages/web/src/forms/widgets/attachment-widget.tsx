import { useRef, useState, type ChangeEvent } from 'react';
import { Alert, Button, Progress, Space, Typography } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { WidgetProps } from '@rjsf/utils';
import { ApiError } from '../../api/api-error.ts';
import { fileViewUrl } from '../../api/upload.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { sectionFormContext } from '../form-context.ts';
import { acceptAttribute, checkFileAgainstLimits, describeTypes, formatSize, parseSize, type AttachmentLimits } from '../file-limits.ts';

type Upload = { state: 'idle' } | { state: 'uploading'; name: string; fraction: number } | { state: 'refused'; text: string };

/** The limits line shown before anything is uploaded: "PDF、JPG，不超过 3 MB". */
export function useLimitsText(limits: AttachmentLimits): string {
  const { t, language } = useI18n();
  const types = describeTypes(limits.accept, language);
  const maxBytes = parseSize(limits.maxSize);
  if (types && maxBytes !== undefined) return t('attachment.limits', { types, size: formatSize(maxBytes) });
  if (maxBytes !== undefined) return formatSize(maxBytes);
  return types;
}

/**
 * A file field (`x-attachment`): the value is the attachment id the server returns. Limits are shown before
 * upload and checked on the name and size before sending; the server checks the content and may still refuse,
 * and its message is shown as it came. The uploaded file opens in a new tab.
 */
export function AttachmentWidget(props: WidgetProps) {
  const { id, value, onChange, disabled, readonly, schema, registry, options } = props;
  const { t, language, pick } = useI18n();
  const context = sectionFormContext(registry.formContext);
  const limits = (schema['x-attachment'] ?? {}) as AttachmentLimits;
  const limitsText = useLimitsText(limits);
  const [upload, setUpload] = useState<Upload>({ state: 'idle' });
  const [fileName, setFileName] = useState<string | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);
  const locked = Boolean(disabled || readonly);

  const choose = () => input.current?.click();

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // choosing the same file again must fire change again
    if (!file) return;
    const refusal = checkFileAgainstLimits(file, limits, language);
    if (refusal) {
      setUpload({ state: 'refused', text: t(refusal.key, refusal.params) });
      return;
    }
    setUpload({ state: 'uploading', name: file.name, fraction: 0 });
    try {
      // The field's pointer is section-relative; the server wants it from the form's root (`/<sectionId>/…`).
      const { pointerPrefix = '', ...uploadFields } = context.upload;
      const fieldPointer = typeof options.fieldPointer === 'string' ? pointerPrefix + options.fieldPointer : undefined;
      const uploaded = await context.uploader(file, { ...uploadFields, ...(fieldPointer ? { fieldPointer } : {}) }, {
        onProgress: (fraction) => setUpload({ state: 'uploading', name: file.name, fraction }),
      });
      setFileName(uploaded.name);
      setUpload({ state: 'idle' });
      onChange(uploaded.id);
    } catch (error) {
      const message = error instanceof ApiError ? pick(error.messages) : String(error);
      setUpload({ state: 'refused', text: t('attachment.refused', { message }) });
    }
  };

  const hasFile = typeof value === 'string' && value !== '';
  return (
    <div className="sb-attachment" id={id}>
      <input ref={input} type="file" hidden accept={acceptAttribute(limits.accept)} onChange={onFile} data-testid={`${id}__input`} aria-label={props.label} />
      <Space wrap size={8} align="center">
        {hasFile ? (
          <>
            <Typography.Link href={fileViewUrl(value)} target="_blank" rel="noopener noreferrer" title={t('attachment.open')}>
              <PaperClipOutlined /> {fileName ?? t('attachment.existing')}
            </Typography.Link>
            {!locked && (
              <>
                <Button size="small" icon={<UploadOutlined />} onClick={choose} disabled={upload.state === 'uploading'}>
                  {t('attachment.replace')}
                </Button>
                <Button size="small" danger type="text" icon={<DeleteOutlined />} onClick={() => { setFileName(undefined); onChange(undefined); }}>
                  {t('attachment.remove')}
                </Button>
              </>
            )}
          </>
        ) : (
          <Button icon={<UploadOutlined />} onClick={choose} disabled={locked || upload.state === 'uploading'}>
            {t('attachment.choose')}
          </Button>
        )}
        {limitsText && <span className="sb-attachment__limits" data-testid="attachment-limits">{limitsText}</span>}
      </Space>
      {upload.state === 'uploading' && (
        <div className="sb-attachment__progress" aria-live="polite">
          <Typography.Text type="secondary">{t('attachment.uploading', { name: upload.name })}</Typography.Text>
          <Progress percent={Math.round(upload.fraction * 100)} size="small" status="active" />
        </div>
      )}
      {upload.state === 'refused' && (
        <Alert className="sb-attachment__refused" type="error" showIcon title={upload.text} closable={{ onClose: () => setUpload({ state: 'idle' }) }} role="alert" />
      )}
    </div>
  );
}
