import { graphqlRequest } from './graphql-client.ts';
import { organisationsQuery, type OrganisationRow } from './organisations.ts';

/**
 * What the review page needs besides the application itself: the names of its files (values hold attachment ids)
 * and of the units (values hold unit ids), so the document shows names, never ids.
 */
export interface ApplicationFile {
  id: string;
  name: string;
  purpose: string;
  fieldPointer: string | null;
}

/** A step of the flow as later readers see it: who, when, the outcome and the form they filled. */
export interface ReviewStep {
  id: string;
  definitionId: string;
  name: string;
  organisationId: string;
  formKey: string | null;
  kind: string;
  status: 'open' | 'completed' | 'cancelled';
  outcome: string | null;
  reason: string | null;
  completedAt: string | null;
  data: Record<string, unknown> | null;
}

export interface ReviewRecord {
  files: ApplicationFile[];
  steps: ReviewStep[];
}

export async function loadReviewRecord(applicationId: string): Promise<ReviewRecord> {
  const result = await graphqlRequest<{ application: { files: ApplicationFile[]; tasks: ReviewStep[] } | null }>(
    `query ReviewRecord($id: ID!) { application(id: $id) {
      files { id name purpose fieldPointer }
      tasks { id definitionId name organisationId formKey kind status outcome reason completedAt data }
    } }`,
    { id: applicationId },
  );
  return { files: result.application?.files ?? [], steps: result.application?.tasks ?? [] };
}

export async function loadUnitNames(programmeId: string): Promise<Record<string, string>> {
  const data = await graphqlRequest<{ categories: OrganisationRow[]; units: OrganisationRow[] }>(organisationsQuery, { programmeId });
  return Object.fromEntries([...data.categories, ...data.units].map((row) => [row.id, row.name]));
}
