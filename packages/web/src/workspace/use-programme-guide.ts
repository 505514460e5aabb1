import type { Text } from '../i18n/i18n.tsx';
import type { WindowState } from '../api/programmes.ts';
import { useQuery } from '../api/use-graphql.ts';

/** What the form pages tell besides the form: the apply window (for the countdown) and the programme's 填报说明. */
export interface ProgrammeGuide {
  status: string;
  programme: {
    timeZone: string;
    applyWindow: Pick<WindowState, 'id' | 'phase' | 'opens' | 'closes'> | null;
    submit: { instructions?: Text } | null;
  };
}

const guideQuery = `query ProgrammeGuide($id: ID!) {
  application(id: $id) { status programme { timeZone submit applyWindow { id phase opens closes } } }
}`;

export function useProgrammeGuide(applicationId: string): ProgrammeGuide | undefined {
  return useQuery<{ application: ProgrammeGuide | null }>(guideQuery, { id: applicationId }).data?.application ?? undefined;
}
