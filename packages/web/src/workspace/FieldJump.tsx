import { useEffect } from 'react';
import { useRouter } from '../router/router.tsx';
import { pathFromPointer } from '../forms/json-pointer.ts';

/** How long to wait for the form to render the field before giving up (a slow phone, a big section). */
const waitMs = 10_000;

/**
 * `?field=/section/a/0/b` (a link from the precheck) scrolls to that field once the section's form has rendered it
 * and puts the focus in it. rjsf's ids are `root_` plus the path below the section, joined with `_`.
 */
export function FieldJump() {
  const { search } = useRouter();
  const pointer = search.get('field');
  useEffect(() => {
    if (!pointer) return undefined;
    const [, ...path] = pathFromPointer(pointer);
    const id = ['root', ...path].join('_');
    const started = Date.now();
    const timer = window.setInterval(() => {
      const element = document.getElementById(id);
      if (!element && Date.now() - started < waitMs) return;
      window.clearInterval(timer);
      if (!element) return;
      element.scrollIntoView({ block: 'center' });
      const focusable = element.matches('input, textarea, select, button') ? element : element.querySelector<HTMLElement>('input, textarea, select, button');
      focusable?.focus({ preventScroll: true });
    }, 100);
    return () => window.clearInterval(timer);
  }, [pointer]);
  return null;
}
