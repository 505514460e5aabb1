import type { Text } from '../i18n/i18n.tsx';
import { graphqlRequest } from './graphql-client.ts';
import { useQuery, type QueryState } from './use-graphql.ts';

export interface ApplicationSummary {
  id: string;
  number: string;
  status: string;
  outcome: string | null;
  updatedAt: string;
  /** Set once it was ever submitted (also after a withdrawal): such an application can no longer be deleted. */
  firstSubmittedAt: string | null;
  returnReason: string | null;
  programme: { id: string; titleText: Text; timeZone: string; sections: { id: string }[] };
}

export const myApplicationsQuery = `query MyApplications {
  myApplications { id number status outcome updatedAt firstSubmittedAt returnReason programme { id titleText timeZone sections { id } } }
}`;

/** Deletes a draft that was never submitted (the server refuses anything else). */
export async function deleteDraft(applicationId: string): Promise<void> {
  await graphqlRequest('mutation DeleteDraft($a: ID!) { deleteDraft(applicationId: $a) }', { a: applicationId });
}

export function useMyApplications(): QueryState<{ myApplications: ApplicationSummary[] }> {
  return useQuery<{ myApplications: ApplicationSummary[] }>(myApplicationsQuery);
}
