import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './messages.en.ts';
import { zhCN, type MessageKey, type MessageTable } from './messages.zh-CN.ts';
import { readStoredLanguage, storeLanguage, type Language } from './language-storage.ts';

export type { Language } from './language-storage.ts';
export type { MessageKey } from './messages.zh-CN.ts';

/** A bilingual message as the API and the engine send it. */
export interface Message {
  zh: string;
  en: string;
}

/** A programme text: plain Chinese or Chinese with an optional English. */
export type Text = string | { zh: string; en?: string };

const tables: Record<Language, MessageTable> = { zh: zhCN, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
  /** Picks the current language from an API message or programme text (English falls back to Chinese). */
  pick: (text: Text | Message | undefined | null) => string;
}

/** Fills `{name}` placeholders; unknown placeholders stay visible so a missing parameter is noticed. */
export function formatMessage(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translate(language: Language, key: MessageKey, params?: Record<string, string | number>): string {
  return formatMessage(tables[language][key], params);
}

export function pickText(language: Language, text: Text | Message | undefined | null): string {
  if (text === undefined || text === null) return '';
  if (typeof text === 'string') return text;
  return language === 'en' && text.en ? text.en : text.zh;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, initialLanguage }: { children: ReactNode; initialLanguage?: Language }) {
  const [language, setLanguageState] = useState<Language>(() => initialLanguage ?? readStoredLanguage());

  const setLanguage = useCallback((next: Language) => {
    storeLanguage(next);
    setLanguageState(next);
  }, []);

  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  }, [language]);

  const value = useMemo<I18n>(
    () => ({
      language,
      setLanguage,
      t: (key, params) => translate(language, key, params),
      pick: (text) => pickText(language, text),
    }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
