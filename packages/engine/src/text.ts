/**
 * Texts users read. Programme folders may write a plain (Chinese) string or a bilingual object;
 * engine-generated messages are always bilingual.
 */

/** A programme text: Chinese string, or Chinese with an optional English. */
export type Text = string | { zh: string; en?: string };

/** A message the engine produces: always in both languages. */
export interface Message {
  zh: string;
  en: string;
}

/** The languages the platform speaks. */
export type Language = 'zh' | 'en';

/** Picks the text in `language`, falling back to Chinese where English is missing. */
export function textIn(text: Text | undefined, language: Language = 'zh'): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return language === 'en' && text.en ? text.en : text.zh;
}

/** Turns a programme text into a full message (English falls back to the Chinese). */
export function toMessage(text: Text): Message {
  if (typeof text === 'string') return { zh: text, en: text };
  return { zh: text.zh, en: text.en ?? text.zh };
}

/** Builds a message from its two languages. */
export function message(zh: string, en: string): Message {
  return { zh, en };
}

/** True when `value` has the shape of a Text. */
export function isText(value: unknown): value is Text {
  if (typeof value === 'string') return true;
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.zh === 'string' && (record.en === undefined || typeof record.en === 'string');
}
