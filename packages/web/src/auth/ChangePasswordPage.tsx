import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { ApiError } from '../api/api-error.ts';
import { changePasswordMutation } from '../api/auth.ts';
import { graphqlRequest } from '../api/graphql-client.ts';
import { useSession } from '../api/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useRouter } from '../router/router.tsx';
import { PasswordHints } from './PasswordHints.tsx';
import { passwordAcceptable, passwordMinClasses } from './password-policy.ts';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** Also the forced page after a first login with an issued password (`me.mustChangePassword`). */
export function ChangePasswordPage() {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const { me, refresh } = useSession();
  const { navigate } = useRouter();
  const [form] = Form.useForm<Values>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);

  const onFinish = async (values: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      await graphqlRequest(changePasswordMutation, { oldPassword: values.oldPassword, newPassword: values.newPassword });
      await refresh();
      void message.success(t('changePassword.done'));
      navigate('/', { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : undefined);
    } finally {
      setBusy(false);
    }
  };

  const required = (label: string) => ({ required: true, message: t('validation.required', { label }) });
  return (
    <Card title={t('changePassword.title')} style={{ maxWidth: 560, margin: '24px auto' }}>
      {me?.mustChangePassword && <Alert type="warning" showIcon style={{ marginBottom: 20 }} title={t('changePassword.forced')} />}
      {error && <Alert type="error" showIcon role="alert" style={{ marginBottom: 20 }} title={pick(error.messages)} />}
      <Form form={form} layout="vertical" onFinish={onFinish} disabled={busy}>
        <Form.Item name="oldPassword" label={t('changePassword.old')} rules={[required(t('changePassword.old'))]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('changePassword.new')}
          extra={<PasswordHints password={newPassword} />}
          dependencies={['oldPassword']}
          rules={[
            required(t('changePassword.new')),
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string) => {
                if (!value) return;
                if (!passwordAcceptable(value)) throw new Error(t('password.rule.classes', { min: passwordMinClasses }));
                if (value === getFieldValue('oldPassword')) throw new Error(t('changePassword.sameAsOld'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('changePassword.confirm')}
          dependencies={['newPassword']}
          rules={[
            required(t('changePassword.confirm')),
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error(t('register.passwordMismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('changePassword.submit')}
        </Button>
      </Form>
    </Card>
  );
}
