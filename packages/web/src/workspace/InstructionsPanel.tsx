import { Alert } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';
import type { ProgrammeGuide } from './use-programme-guide.ts';

/**
 * 填报说明 (programme.json `submit.instructions`) before the first section, paragraph by paragraph as the notice wrote
 * them (each line break a paragraph), so the applicant reads how to fill in before filling in, not at 核对并提交.
 */
export function InstructionsPanel({ guide }: { guide: ProgrammeGuide | undefined }) {
  const { t, pick } = useI18n();
  const text = guide?.programme.submit?.instructions ? pick(guide.programme.submit.instructions) : '';
  if (!text.trim()) return null;
  return (
    <Alert
      type="info"
      className="sb-instructions"
      data-testid="instructions"
      style={{ marginBottom: 16 }}
      title={t('workspace.instructions.title')}
      description={text.split(/\n+/).filter((line) => line.trim()).map((line, index) => <p key={index} style={{ margin: '4px 0' }}>{line}</p>)}
    />
  );
}
