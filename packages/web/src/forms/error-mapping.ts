import type { ErrorSchema } from '@rjsf/utils';
import { pickText, type Language } from '../i18n/i18n.tsx';
import type { FormErrors } from './engine-adapter.ts';
import { pathFromPointer } from './json-pointer.ts';

/**
 * Turns the engine's / server's `{ "/json/pointer": [{ zh, en }] }` into rjsf's nested ErrorSchema (passed as
 * `extraErrors`), in the user's language. Pointers are section-relative; '' is the section itself.
 */
export function formErrorsToErrorSchema(errors: FormErrors, language: Language): ErrorSchema {
  const schema: Record<string, unknown> = {};
  for (const [pointer, messages] of Object.entries(errors)) {
    if (messages.length === 0) continue;
    let node = schema;
    for (const segment of pathFromPointer(pointer)) {
      const child = node[segment];
      if (typeof child === 'object' && child !== null) {
        node = child as Record<string, unknown>;
      } else {
        const created: Record<string, unknown> = {};
        node[segment] = created;
        node = created;
      }
    }
    const list = (node.__errors as string[] | undefined) ?? [];
    for (const message of messages) {
      const text = pickText(language, message);
      if (!list.includes(text)) list.push(text);
    }
    node.__errors = list;
  }
  return schema as ErrorSchema;
}

/** How many fields carry at least one error. */
export function countFieldErrors(errors: FormErrors): number {
  return Object.values(errors).filter((messages) => messages.length > 0).length;
}
