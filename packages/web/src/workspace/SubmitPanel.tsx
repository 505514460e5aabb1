import { Alert, Button, Card, Col, Row, Space, Typography } from 'antd';
import type { Workspace } from '../api/workspace.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { StampedScanGate } from './stamped-scan-gate.ts';

/**
 * The submit bar of 核对并提交. It says 已通过提交前检查 and enables the button only when nothing stands in the way:
 * the precheck's problems and — where the programme asks for a stamped scan — a print that no longer matches the
 * data (after a return) or a scan not uploaded yet (both spelled out in the precheck above, ScanRequirement).
 */
export function SubmitPanel({ status, editable, precheckPassed, scanGate, printTitle, withdrawable, busy, failure, onSubmit, onWithdraw }: {
  status: Workspace['status'];
  editable: boolean;
  precheckPassed: boolean;
  /** undefined: the programme needs no stamped scan; 'loading': not known yet. */
  scanGate: StampedScanGate | 'loading' | undefined;
  /** The title of the print whose stamped scan is required (申报书). */
  printTitle: string;
  withdrawable: boolean;
  busy: boolean;
  failure: string | undefined;
  onSubmit: () => void;
  onWithdraw: () => void;
}) {
  const { t } = useI18n();
  const scanReady = scanGate === undefined || scanGate === 'ready';
  const ready = precheckPassed && scanReady;
  const statusLine: string = !editable
    ? t(`applications.status.${status}`)
    : !precheckPassed
      ? t('workspace.submit.notReady')
      : scanGate === 'loading'
        ? t('workspace.submit.checkingScan')
        : ready
          ? t('workspace.submit.ready')
          : t('workspace.submit.notReadyScan', { print: printTitle });
  return (
    <Card style={{ marginBottom: 16 }}>
      {failure && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={failure} data-testid="submit-error" />}
      <Row justify="space-between" align="middle" gutter={16}>
        <Col><Typography.Text type="secondary" data-testid="submit-status">{statusLine}</Typography.Text></Col>
        <Col>
          <Space>
            {withdrawable && <Button danger onClick={onWithdraw} loading={busy}>{t('workspace.withdraw.button')}</Button>}
            {editable && (
              <Button type="primary" size="large" disabled={!ready} loading={busy} onClick={onSubmit} data-testid="submit-application">
                {status === 'returned' ? t('workspace.submit.again') : t('workspace.submit.button')}
              </Button>
            )}
          </Space>
        </Col>
      </Row>
    </Card>
  );
}
