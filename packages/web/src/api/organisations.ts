import type { Text } from '../i18n/i18n.tsx';
import { graphqlRequest } from './graphql-client.ts';

/** One contact of a unit as its notice lists it (联系人及电话). */
export interface UnitContact {
  name: string;
  phone: string;
  note?: Text | null;
}

/** A category (市科协, 省级学会 …) and the units under it, as the x-organisation widget offers them. */
export interface OrganisationChoices {
  categories: { id: string; title: Text }[];
  units: { id: string; name: string; category: string; contacts: UnitContact[] }[];
}

/** Loads the choices for a form field `x-organisation: { role }`. */
export type OrganisationSource = (role: string) => Promise<OrganisationChoices>;

// Server: organisations(kind, category, programmeId) — kind "category" lists a programme's categories (with the
// reviewing role each belongs to), kind "reviewer" its units.
export const organisationsQuery = `query Organisations($programmeId: String!) {
  categories: organisations(kind: "category", programmeId: $programmeId) { id name category role }
  units: organisations(kind: "reviewer", programmeId: $programmeId) { id name category parentId contacts { name phone note } }
}`;

export interface OrganisationRow {
  id: string;
  name: string;
  category: string | null;
  parentId?: string | null;
  role?: string | null;
  contacts?: UnitContact[];
}

/** The GraphQL-backed source for one programme: both lists in one request, then filtered by role per field. */
export function graphqlOrganisationSource(programmeId: string): OrganisationSource {
  let pending: Promise<{ categories: OrganisationRow[]; units: OrganisationRow[] }> | undefined;
  return async (role) => {
    pending ??= graphqlRequest<{ categories: OrganisationRow[]; units: OrganisationRow[] }>(organisationsQuery, { programmeId });
    try {
      const data = await pending;
      return choicesForRole(data.categories, data.units, role);
    } catch (error) {
      pending = undefined;
      throw error;
    }
  };
}

/**
 * The categories of one reviewing role, in the notice's order, with their units. A category is a row of its own
 * (id `<programmeId>:<categoryId>`); a unit points at it with `parentId` and names the programme's bare category id
 * in `category`. Units are matched by either, and each unit's `category` here is its category row's id.
 */
export function choicesForRole(categories: OrganisationRow[], units: OrganisationRow[], role: string): OrganisationChoices {
  const wanted = categories.filter((category) => category.role === role);
  const byRowId = new Map(wanted.map((category) => [category.id, category.id]));
  const byCategoryId = new Map(wanted.map((category) => [category.category ?? category.id.slice(category.id.lastIndexOf(':') + 1), category.id]));
  const categoryOf = (unit: OrganisationRow): string | undefined =>
    (unit.parentId ? byRowId.get(unit.parentId) : undefined) ?? (unit.category !== null ? byCategoryId.get(unit.category) : undefined);
  return {
    categories: wanted.map((category) => ({ id: category.id, title: category.name })),
    units: units.flatMap((unit) => {
      const category = categoryOf(unit);
      return category ? [{ id: unit.id, name: unit.name, category, contacts: unit.contacts ?? [] }] : [];
    }),
  };
}
