/**
 * Contacts an administrator enters for a unit (联系人及电话), checked the way applicants will read them: a name, and a
 * phone written as notices write them — one number or several ("010-58884274、58884276"), with area code, extension
 * (转) or brackets — but nothing else.
 */
import { AppError } from '../errors.ts';
import type { UnitContact } from './organisations.service.ts';

export interface UnitContactInput {
  name?: string | null;
  phone?: string | null;
  note?: string | null;
}

export const maxContacts = 10;
const maxName = 40;
const maxPhone = 60;
const maxNote = 200;
/** Digits, separators between numbers and their parts, brackets around an area code, 转 before an extension. */
const phoneCharacters = /^[0-9\s\-+()（）、,，/转]+$/u;

type FieldErrors = Record<string, Array<{ zh: string; en: string }>>;

/** The contacts trimmed and checked; throws SB_ERR_VALIDATION naming each bad field (`/contacts/1/phone`). */
export function checkUnitContacts(input: readonly UnitContactInput[]): UnitContact[] {
  const fields: FieldErrors = {};
  const fail = (pointer: string, zh: string, en: string) => (fields[pointer] ??= []).push({ zh, en });
  if (input.length > maxContacts) fail('/contacts', `联系人最多 ${maxContacts} 位`, `At most ${maxContacts} contacts`);
  const contacts = input.map((entry, index) => {
    const name = (entry.name ?? '').trim();
    const phone = (entry.phone ?? '').trim();
    const note = (entry.note ?? '').trim();
    const at = `/contacts/${index}`;
    if (!name) fail(`${at}/name`, '请填写联系人姓名', "Enter the contact's name");
    else if ([...name].length > maxName) fail(`${at}/name`, `联系人姓名不超过 ${maxName} 个字`, `The name may have at most ${maxName} characters`);
    if (!phone) fail(`${at}/phone`, '请填写联系电话', 'Enter a phone number');
    else if (!phoneCharacters.test(phone) || (phone.match(/\d/g) ?? []).length < 7 || [...phone].length > maxPhone) {
      fail(`${at}/phone`, '联系电话格式不正确，如 0351-4223750 或 13800000000，多个号码用“、”分隔', 'Not a phone number: write e.g. 0351-4223750 or 13800000000, several separated by 、');
    }
    if ([...note].length > maxNote) fail(`${at}/note`, `备注不超过 ${maxNote} 个字`, `The note may have at most ${maxNote} characters`);
    return note ? { name, phone, note } : { name, phone };
  });
  if (Object.keys(fields).length > 0) throw new AppError('SB_ERR_VALIDATION', {}, { fields });
  return contacts;
}
