import { isText } from '@shenbao/engine';
import { overridesOf, type LocalText, type Organisation, type UnitContact } from './organisations.service.ts';

/**
 * The GraphQL `Organisation` object: the row plus what its attributes keep (a category's role and quota, a unit's
 * contacts: an administrator's, else the notice's).
 */
export function toOrganisationView(row: Organisation) {
  const attributes = row.attributes as { role?: unknown; quota?: unknown; programmeId?: unknown; contacts?: unknown };
  const edited = overridesOf(row).contacts;
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
    contacts: contactsOf(edited ?? attributes.contacts),
    contactsEdited: edited !== undefined,
  };
}

/** The contacts a unit keeps in attributes (written when its programme is published); anything malformed is left out. */
function contactsOf(value: unknown): Array<Omit<UnitContact, 'note'> & { note: LocalText | null }> {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) => {
    const contact = entry as { name?: unknown; phone?: unknown; note?: unknown } | null;
    if (typeof contact?.name !== 'string' || typeof contact.phone !== 'string') return [];
    return [{ name: contact.name, phone: contact.phone, note: isText(contact.note) ? contact.note : null }];
  });
}
