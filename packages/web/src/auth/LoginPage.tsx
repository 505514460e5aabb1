import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, MobileOutlined } from '@ant-design/icons';
import { ApiError } from '../api/api-error.ts';
import { useSession } from '../api/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, useRouter } from '../router/router.tsx';
import { AuthLayout } from './AuthLayout.tsx';

const mobilePattern = /^1[3-9]\d{9}$/;

/** Only same-site paths are followed after login, so a crafted ?next= cannot send people elsewhere. */
function safeNext(next: string): string {
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage({ next }: { next: string }) {
  const { t, pick } = useI18n();
  const { login } = useSession();
  const { navigate } = useRouter();
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const onFinish = async (values: { mobile: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const me = await login(values.mobile.replace(/\s+/g, ''), values.password);
      navigate(me.mustChangePassword ? '/change-password' : safeNext(next), { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : undefined);
    } finally {
      setBusy(false);
    }
  };

  // The server's message says what happened (wrong password, locked until …); lockout gets extra advice.
  const locked = error?.code === 'SB_ERR_ACCOUNT_LOCKED';
  return (
    <AuthLayout title={t('login.title')} hint={t('login.subtitle')}>
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 20 }}
          title={pick(error.messages)}
          description={locked ? t('login.lockedHint') : undefined}
        />
      )}
      <Form layout="vertical" size="large" onFinish={onFinish} requiredMark={false} disabled={busy}>
        <Form.Item
          name="mobile"
          label={t('login.mobile')}
          rules={[
            { required: true, message: t('validation.required', { label: t('login.mobile') }) },
            { pattern: mobilePattern, message: t('validation.mobile'), transform: (value: string) => value?.replace(/\s+/g, '') },
          ]}
        >
          <Input prefix={<MobileOutlined />} placeholder={t('login.mobile.placeholder')} autoComplete="username" inputMode="numeric" maxLength={13} />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('validation.required', { label: t('login.password') }) }]}>
          <Input.Password prefix={<LockOutlined />} placeholder={t('login.password.placeholder')} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('login.submit')}
        </Button>
      </Form>
      <p style={{ marginTop: 20 }}>
        {t('login.noAccount')} <Link to="/register">{t('login.registerLink')}</Link>
      </p>
      <p className="sb-muted" style={{ fontSize: 13 }}>{t('login.reviewerNote')}</p>
    </AuthLayout>
  );
}
