import { Button, Result } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';
import { useRouter } from '../router/router.tsx';

export function NotFoundPage() {
  const { t } = useI18n();
  const { navigate } = useRouter();
  return (
    <Result
      status="404"
      title={t('common.notFound.title')}
      subTitle={t('common.notFound.body')}
      extra={<Button type="primary" onClick={() => navigate('/')}>{t('common.notFound.home')}</Button>}
    />
  );
}
