import { useState } from 'react';
import { Alert, Button, DatePicker, Form, Space, Typography } from 'antd';
import type { ApiError } from '../../api/api-error.ts';
import { useServerNow } from '../../api/server-time.ts';
import type { AdminWindow } from '../admin-api.ts';
import { useAdminText } from '../admin-text.ts';
import { instantFromPicker, pickerValueFor } from '../zoned-time.ts';
import { validateWindowDates, type WindowDateErrors, type WindowDates } from '../window-validation.ts';
import { WindowStateTag } from './WindowStateTag.tsx';

export interface WindowFormProps {
  window: AdminWindow;
  timeZone: string;
  /** Sends the dates; rejects with an ApiError when the server refuses them. */
  onSubmit: (dates: { opens: string; closes: string }) => Promise<void>;
  onCancel?: () => void;
}

/** Sets one round's dates. Times are entered as wall-clock times of the programme's zone. */
export function WindowForm({ window, timeZone, onSubmit, onCancel }: WindowFormProps) {
  const { t, pick } = useAdminText();
  const [dates, setDates] = useState<WindowDates>({ opens: window.opens, closes: window.closes });
  const [errors, setErrors] = useState<WindowDateErrors>({});
  const [serverError, setServerError] = useState<ApiError | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  // A closing time already past ends the round the moment it is saved; Enter in the picker submits the form, so such a
  // date is saved only after the administrator confirms it (by the server's clock, which decides).
  const [askPast, setAskPast] = useState(false);
  const now = useServerNow(0);

  const change = (field: keyof WindowDates, value: WindowDates[keyof WindowDates]) => {
    setDates((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
    setAskPast(false);
  };

  const submit = async (pastConfirmed = false) => {
    const found = validateWindowDates(dates);
    setErrors(found);
    if (found.opens || found.closes) return;
    if (Date.parse(dates.closes!) <= now && !pastConfirmed) {
      setAskPast(true);
      return;
    }
    setAskPast(false);
    setSaving(true);
    setServerError(undefined);
    try {
      await onSubmit({ opens: dates.opens!, closes: dates.closes! });
    } catch (error) {
      setServerError(error as ApiError);
    } finally {
      setSaving(false);
    }
  };

  const picker = (field: keyof WindowDates, label: string) => (
    <Form.Item label={label} required validateStatus={errors[field] ? 'error' : undefined} help={errors[field] ? t(errors[field]) : undefined}>
      <DatePicker
        showTime={{ format: 'HH:mm' }}
        format="YYYY-MM-DD HH:mm"
        style={{ width: 220 }}
        aria-label={label}
        value={dates[field] ? pickerValueFor(dates[field], timeZone) : null}
        onChange={(value) => change(field, value ? instantFromPicker(value, timeZone) : null)}
      />
    </Form.Item>
  );

  return (
    <Form layout="vertical" onFinish={() => void submit()}>
      <Typography.Paragraph type="secondary">{t('window.form.hint', { zone: timeZone })}</Typography.Paragraph>
      <Typography.Paragraph>
        <Space size={8} wrap>
          <span>{t('window.form.nowState')}</span>
          <WindowStateTag window={window} />
        </Space>
      </Typography.Paragraph>
      <Space size={16} wrap>
        {picker('opens', t('window.form.opens'))}
        {picker('closes', t('window.form.closes'))}
      </Space>
      {askPast && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="window-past-closes"
          title={t('window.form.pastCloses')}
          action={<Button danger size="small" onClick={() => void submit(true)}>{t('window.form.pastConfirm')}</Button>}
        />
      )}
      {serverError && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={pick(serverError.messages)} />}
      <Space>
        <Button type="primary" htmlType="submit" loading={saving}>{t('common.save')}</Button>
        {onCancel && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
      </Space>
    </Form>
  );
}
