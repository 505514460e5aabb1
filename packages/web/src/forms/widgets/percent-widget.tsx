import { Input } from 'antd';
import type { WidgetProps } from '@rjsf/utils';
import { useI18n, type Language } from '../../i18n/i18n.tsx';

/** A ratio (0.8875) as people read it (88.75%), to two decimals at most. */
export function formatPercent(value: unknown, language: Language): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  return new Intl.NumberFormat(language === 'zh' ? 'zh-CN' : 'en-GB', { style: 'percent', maximumFractionDigits: 2 }).format(value);
}

/**
 * A computed ratio with the programme format's display hint `x-format: "percent"` (e.g. the share of team and
 * public space in the total): shown as a percentage, read-only; the stored value stays the ratio.
 */
export function PercentWidget({ id, value, placeholder }: WidgetProps) {
  const { language } = useI18n();
  return <Input id={id} value={formatPercent(value, language)} readOnly placeholder={placeholder} />;
}
