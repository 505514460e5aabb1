import { Alert } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * Tells the applicant where the application stands when they cannot simply keep filling it in. A finished
 * application also shows the flow's last notice to the applicant (the programme's own words for the result).
 */
export function StatusBanner({ status, frozen, returnReason, notice }: { status: string; frozen: boolean; returnReason?: string | null; notice?: string | null }) {
  const { t } = useI18n();
  if (status === 'returned') {
    return <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('workspace.banner.returned')} description={returnReason ? `${t('workspace.returnReason')}：${returnReason}` : undefined} data-testid="return-reason" />;
  }
  if (status === 'in_review') return <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('workspace.banner.inReview')} />;
  if (status === 'completed') return <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t('workspace.banner.completed')} description={notice ?? undefined} data-testid="final-status" />;
  if (frozen) return <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('workspace.banner.frozen')} />;
  return null;
}
