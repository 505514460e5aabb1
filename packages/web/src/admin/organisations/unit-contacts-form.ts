/**
 * The unit form's contacts: what the form edits, and whether the administrator changed them. Contacts are sent only
 * when they changed — sending them unchanged would make them the administrator's and stop new versions of the
 * notice from updating them.
 */
import type { UnitContact } from '../../api/organisations.ts';
import type { Message, Text } from '../../i18n/i18n.tsx';

/** One contact as the form edits it (the note in the language shown; notes are entered in Chinese). */
export interface FormContact {
  name?: string;
  phone?: string;
  note?: string;
}

export const maxUnitContacts = 10;

export function toFormContacts(contacts: readonly UnitContact[], pick: (text: Text | Message) => string): FormContact[] {
  return contacts.map((contact) => ({ name: contact.name, phone: contact.phone, note: contact.note ? pick(contact.note) : '' }));
}

/** The edited contacts trimmed, empty notes left out. */
export function trimContacts(contacts: readonly FormContact[]): { name: string; phone: string; note?: string }[] {
  return contacts.map((contact) => {
    const note = contact.note?.trim() ?? '';
    const trimmed = { name: contact.name?.trim() ?? '', phone: contact.phone?.trim() ?? '' };
    return note ? { ...trimmed, note } : trimmed;
  });
}

/** The contacts to send: the trimmed edit when it differs from what the form started with, else undefined. */
export function changedContacts(initial: readonly FormContact[], edited: readonly FormContact[]): { name: string; phone: string; note?: string }[] | undefined {
  const before = trimContacts(initial);
  const after = trimContacts(edited);
  return JSON.stringify(before) === JSON.stringify(after) ? undefined : after;
}

/** A server field pointer (`/contacts/1/phone`) as an antd form name path (['contacts', 1, 'phone']). */
export function namePathOf(pointer: string): (string | number)[] {
  return pointer.replace(/^\//, '').split('/').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}
