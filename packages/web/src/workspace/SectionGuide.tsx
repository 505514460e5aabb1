import { DeadlineCountdown } from './DeadlineCountdown.tsx';
import { FieldJump } from './FieldJump.tsx';
import { InstructionsPanel } from './InstructionsPanel.tsx';
import { useProgrammeGuide } from './use-programme-guide.ts';

/** Above a section's form: the deadline countdown on every section, 填报说明 on the first; jumps to `?field=`. */
export function SectionGuide({ applicationId, first }: { applicationId: string; first: boolean }) {
  const guide = useProgrammeGuide(applicationId);
  return (
    <>
      <FieldJump />
      <DeadlineCountdown guide={guide} />
      {first && <InstructionsPanel guide={guide} />}
    </>
  );
}
