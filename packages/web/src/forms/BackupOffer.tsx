import { Alert, Button, Space } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';
import type { LocalBackup } from './local-backup.ts';

/**
 * Offers the edits this browser kept from an earlier visit that never reached the server (a crash, a closed tab,
 * a lost connection). Offered, never applied on its own: the user restores or discards them.
 */
export function BackupOffer({ backup, serverRevision, onRestore, onDiscard }: { backup: LocalBackup; serverRevision: number; onRestore: () => void; onDiscard: () => void }) {
  const { t } = useI18n();
  const at = backup.at ? new Date(backup.at) : undefined;
  const time = at && !Number.isNaN(at.getTime())
    ? at.toLocaleString('zh-CN', { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' })
    : '';
  return (
    <Alert
      className="sb-section-form__backup"
      data-testid="backup-offer"
      type="info"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={t('section.backup.title', { time })}
      description={backup.revision < serverRevision ? t('section.backup.newerOnServer') : t('section.backup.body')}
      action={(
        <Space direction="vertical">
          <Button type="primary" size="small" onClick={onRestore} data-testid="backup-restore">{t('section.backup.restore')}</Button>
          <Button size="small" onClick={onDiscard} data-testid="backup-discard">{t('section.backup.discard')}</Button>
        </Space>
      )}
    />
  );
}
