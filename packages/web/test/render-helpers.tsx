import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import { I18nProvider, type Language } from '../src/i18n/i18n.tsx';

export function renderWithI18n(ui: ReactNode, language: Language = 'zh') {
  return render(<I18nProvider initialLanguage={language}>{ui}</I18nProvider>);
}
