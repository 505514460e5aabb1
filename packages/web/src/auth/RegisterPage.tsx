import { useState } from 'react';
import { Alert, App, Button, Form, Input, Space } from 'antd';
import { ApiError } from '../api/api-error.ts';
import { graphqlRequest } from '../api/graphql-client.ts';
import { registerMutation, registrationPurpose, requestVerificationCodeMutation, type Me, type RegisterInput } from '../api/auth.ts';
import { useSession } from '../api/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, useRouter } from '../router/router.tsx';
import { AuthLayout } from './AuthLayout.tsx';
import { PasswordHints } from './PasswordHints.tsx';
import { passwordAcceptable, passwordMinClasses } from './password-policy.ts';
import { useCountdown } from './use-countdown.ts';
// The narrow entry: the check digit only, not the engine's validators.
import { isUscc } from '@shenbao/engine/uscc';

const mobilePattern = /^1[3-9]\d{9}$/;
/** The notice-independent wait before another SMS code may be requested. */
export const resendSeconds = 60;

interface RegisterValues extends RegisterInput {
  passwordConfirm: string;
}

export function RegisterPage() {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const { refresh } = useSession();
  const { navigate } = useRouter();
  const [form] = Form.useForm<RegisterValues>();
  const password = Form.useWatch('password', form) ?? '';
  const { secondsLeft, start } = useCountdown();
  const [sending, setSending] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);

  const sendCode = async () => {
    setError(undefined);
    let mobile: string;
    try {
      mobile = (await form.validateFields(['mobile'])).mobile;
    } catch {
      return;
    }
    setSending(true);
    try {
      await graphqlRequest(requestVerificationCodeMutation, { mobile, purpose: registrationPurpose });
      start(resendSeconds);
      void message.success(t('register.code.sent', { mobile }));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : undefined);
    } finally {
      setSending(false);
    }
  };

  const onFinish = async (values: RegisterValues) => {
    setBusy(true);
    setError(undefined);
    const input: RegisterInput = {
      mobile: values.mobile,
      code: values.code,
      password: values.password,
      name: values.name.trim(),
      organisationName: values.organisationName.trim(),
      ...(values.uscc?.trim() ? { uscc: values.uscc.trim().toUpperCase() } : {}),
    };
    try {
      await graphqlRequest<{ register: Me }>(registerMutation, { input });
      await refresh();
      void message.success(t('register.done'));
      navigate('/', { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : undefined);
    } finally {
      setBusy(false);
    }
  };

  const required = (label: string) => ({ required: true, whitespace: true, message: t('validation.required', { label }) });
  return (
    <AuthLayout title={t('register.title')} hint={t('register.subtitle')}>
      {error && <Alert type="error" showIcon role="alert" style={{ marginBottom: 20 }} title={pick(error.messages)} />}
      <Form form={form} layout="vertical" onFinish={onFinish} disabled={busy}>
        <Form.Item name="mobile" label={t('register.mobile')} rules={[required(t('register.mobile')), { pattern: mobilePattern, message: t('validation.mobile') }]}>
          <Input placeholder={t('login.mobile.placeholder')} autoComplete="tel" inputMode="numeric" maxLength={11} />
        </Form.Item>
        <Form.Item label={t('register.code')} required>
          <Space.Compact block>
            <Form.Item name="code" noStyle rules={[required(t('register.code'))]}>
              <Input placeholder={t('register.code.placeholder')} inputMode="numeric" maxLength={6} autoComplete="one-time-code" />
            </Form.Item>
            <Button onClick={() => void sendCode()} loading={sending} disabled={secondsLeft > 0} style={{ minWidth: 150 }}>
              {secondsLeft > 0 ? t('register.code.resend', { seconds: secondsLeft }) : t('register.code.send')}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Form.Item
          name="password"
          label={t('register.password')}
          extra={<PasswordHints password={password} />}
          rules={[required(t('register.password')), { validator: async (_rule, value: string) => { if (value && !passwordAcceptable(value)) throw new Error(t('password.rule.classes', { min: passwordMinClasses })); } }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="passwordConfirm"
          label={t('register.passwordConfirm')}
          dependencies={['password']}
          rules={[
            required(t('register.passwordConfirm')),
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string) => {
                if (value && value !== getFieldValue('password')) throw new Error(t('register.passwordMismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="name" label={t('register.name')} rules={[required(t('register.name'))]}>
          <Input autoComplete="name" maxLength={50} />
        </Form.Item>
        <Form.Item name="organisationName" label={t('register.organisationName')} rules={[required(t('register.organisationName'))]}>
          <Input placeholder={t('register.organisationName.placeholder')} autoComplete="organization" maxLength={100} />
        </Form.Item>
        <Form.Item
          name="uscc"
          label={t('register.uscc')}
          rules={[{ validator: async (_rule, value: string | undefined) => { if (value && value.trim() && !isUscc(value.trim().toUpperCase())) throw new Error(t('register.uscc.invalid')); } }]}
        >
          <Input placeholder={t('register.uscc.placeholder')} maxLength={18} style={{ textTransform: 'uppercase' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          {t('register.submit')}
        </Button>
      </Form>
      <p style={{ marginTop: 20 }}>
        {t('register.haveAccount')} <Link to="/login">{t('register.loginLink')}</Link>
      </p>
    </AuthLayout>
  );
}
