import type { MouseEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

export interface ContentsEntry {
  id: string;
  title: string;
}

/**
 * A short table of contents for a long review page: one link per section and earlier step. Links scroll in place
 * (the hash stays out of the router, which owns the path).
 */
export function ReviewContents({ entries }: { entries: ContentsEntry[] }) {
  const { t } = useI18n();
  const jump = (event: MouseEvent<HTMLAnchorElement>, id: string) => {
    event.preventDefault();
    document.getElementById(id)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };
  return (
    <nav className="sb-review-contents" aria-label={t('review.contents')} data-testid="review-contents">
      <strong>{t('review.contents')}</strong>
      <ol>
        {entries.map((entry) => (
          <li key={entry.id}><a href={`#${entry.id}`} onClick={(event) => jump(event, entry.id)}>{entry.title}</a></li>
        ))}
      </ol>
    </nav>
  );
}
