import { Alert } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';
import type { StampedScanGate } from './stamped-scan-gate.ts';

/**
 * What the programme's stamped-scan rule still needs before (re)submitting: a first print, a new print and a new
 * stamped scan (the data changed since the last print, typically after a return), or the scan of the current print.
 * Shown in the precheck, where 核对并提交 would otherwise say that everything is clear.
 */
export function ScanRequirement({ gate, printTitle }: { gate: Exclude<StampedScanGate, 'ready'>; printTitle: string }) {
  const { t } = useI18n();
  return <Alert type="warning" showIcon style={{ marginBottom: 8 }} data-testid="submit-needs-scan" title={t(`workspace.submit.${gate}`, { print: printTitle })} />;
}
