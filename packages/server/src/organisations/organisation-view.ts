import type { Organisation } from './organisations.service.ts';

/** The GraphQL `Organisation` object: the row plus what a category keeps in attributes (role, quota). */
export function toOrganisationView(row: Organisation) {
  const attributes = row.attributes as { role?: unknown; quota?: unknown; programmeId?: unknown };
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    category: row.category,
    parentId: row.parentId,
    programmeId: typeof attributes.programmeId === 'string' ? attributes.programmeId : row.sourceProgramme,
    role: typeof attributes.role === 'string' ? attributes.role : null,
    quota: typeof attributes.quota === 'number' ? attributes.quota : null,
    uscc: row.uscc,
  };
}
