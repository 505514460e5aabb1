import type { Text } from '../i18n/i18n.tsx';
import type { FormErrors } from '../forms/engine-adapter.ts';
import type { SectionSnapshot } from '../forms/use-section-save.ts';
import { graphqlRequest } from './graphql-client.ts';

/** One section of a programme's application form, as the server sends it. */
export interface SectionDefinition {
  id: string;
  title: string;
  titleText: Text;
  schema: Record<string, unknown>;
  ui: Record<string, unknown> | null;
}

export interface ApplicationForEditing {
  id: string;
  number: string;
  programmeId: string;
  status: string;
  frozen: boolean;
  returnReason: string | null;
  data: Record<string, Record<string, unknown>>;
  sectionRevisions: Record<string, number>;
  programme: { id: string; title: string; titleText: Text; sections: SectionDefinition[] };
}

export const applicationForEditingQuery = `query ApplicationForEditing($id: ID!) {
  application(id: $id) {
    id number programmeId status frozen data sectionRevisions returnReason
    programme { id title titleText sections { id title titleText schema ui } }
  }
}`;

// Each section has its own revision (optimistic locking per section): a save names the revision it edited and a
// stale one answers SB_ERR_CONFLICT.
export const saveSectionMutation = `mutation SaveSection($applicationId: ID!, $sectionId: String!, $data: JSON!, $sectionRevision: Int!) {
  saveSection(applicationId: $applicationId, sectionId: $sectionId, data: $data, sectionRevision: $sectionRevision) {
    sectionRevision errors application { id data }
  }
}`;

export async function loadApplicationForEditing(id: string): Promise<ApplicationForEditing> {
  const result = await graphqlRequest<{ application: ApplicationForEditing | null }>(applicationForEditingQuery, { id });
  if (!result.application) throw new Error(`application ${id} not found`);
  return result.application;
}

export function sectionSnapshot(application: ApplicationForEditing, sectionId: string): SectionSnapshot {
  return { data: application.data[sectionId] ?? {}, version: application.sectionRevisions[sectionId] ?? 0 };
}

/** Saves a section draft; the errors that come back are application-level pointers (`/<section>/…`). */
export async function saveSection(applicationId: string, sectionId: string, data: Record<string, unknown>, sectionRevision: number): Promise<SectionSnapshot> {
  const result = await graphqlRequest<{ saveSection: { sectionRevision: number; errors: FormErrors; application: { data: Record<string, Record<string, unknown>> } } }>(
    saveSectionMutation,
    { applicationId, sectionId, data, sectionRevision },
  );
  const saved = result.saveSection;
  return { data: saved.application.data[sectionId] ?? {}, version: saved.sectionRevision, errors: saved.errors };
}
