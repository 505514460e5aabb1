import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/** Login and registration share one panel: how the service works on the left, the form on the right. */
export function AuthLayout({ title, hint, children }: { title: string; hint: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="sb-auth">
      <aside className="sb-auth__intro">
        <h2>{t('app.name')}</h2>
        <p>{t('auth.intro.lead')}</p>
        <ol>
          <li>{t('auth.intro.step1')}</li>
          <li>{t('auth.intro.step2')}</li>
          <li>{t('auth.intro.step3')}</li>
          <li>{t('auth.intro.step4')}</li>
        </ol>
        <p>{t('auth.intro.autosave')}</p>
      </aside>
      <section className="sb-auth__panel">
        <h1>{title}</h1>
        <div className="sb-auth__hint">{hint}</div>
        {children}
      </section>
    </div>
  );
}
