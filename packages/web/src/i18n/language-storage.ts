/** The interface languages; Chinese is the default for every new visitor. */
export type Language = 'zh' | 'en';

const storageKey = 'shenbao.language';

/** Reads the language chosen earlier on this browser (localStorage may be unavailable in private modes). */
export function readStoredLanguage(): Language {
  try {
    return globalThis.localStorage?.getItem(storageKey) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function storeLanguage(language: Language): void {
  try {
    globalThis.localStorage?.setItem(storageKey, language);
  } catch {
    // Not persisting is acceptable: the choice still holds for this page view.
  }
}
