import type { Text } from '../i18n/i18n.tsx';
import { useQuery, type QueryState } from './use-graphql.ts';

export interface WindowState {
  id: string;
  title: Text;
  phase: 'not_open' | 'open' | 'closed';
  opens: string;
  closes: string;
}

export interface ProgrammeSummary {
  id: string;
  title: string;
  titleText: Text;
  issuer: Text | null;
  /** IANA zone the programme's times are read and shown in. */
  timeZone: string;
  applyWindow: WindowState | null;
}

export const programmesQuery = `query Programmes {
  programmes { id title titleText issuer timeZone applyWindow { id title phase opens closes } }
}`;

export function useProgrammeList(): QueryState<{ programmes: ProgrammeSummary[] }> {
  return useQuery<{ programmes: ProgrammeSummary[] }>(programmesQuery);
}

export const createApplicationMutation = `mutation CreateApplication($programmeId: ID!) {
  createApplication(programmeId: $programmeId) { id programme { sections { id } } }
}`;
