import type { Text } from '../i18n/i18n.tsx';
import { useQuery, type QueryState } from './use-graphql.ts';

export interface ApplicationSummary {
  id: string;
  number: string;
  status: string;
  outcome: string | null;
  updatedAt: string;
  returnReason: string | null;
  programme: { id: string; titleText: Text; timeZone: string; sections: { id: string }[] };
}

export const myApplicationsQuery = `query MyApplications {
  myApplications { id number status outcome updatedAt returnReason programme { id titleText timeZone sections { id } } }
}`;

export function useMyApplications(): QueryState<{ myApplications: ApplicationSummary[] }> {
  return useQuery<{ myApplications: ApplicationSummary[] }>(myApplicationsQuery);
}
