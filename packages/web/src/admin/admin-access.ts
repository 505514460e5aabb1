/**
 * Who sees the administration area. Kept tiny and free of antd/page imports: the app shell imports it to decide
 * whether to show the menu entry, and everything else of the admin area loads lazily.
 * The server enforces the same rules on every operation; this only decides what to offer.
 */
import type { Me } from '../api/auth.ts';
import type { Message } from '../i18n/i18n.tsx';

export const adminBasePath = '/admin';

/** The shell's menu label (the admin message table itself is in the lazy chunk). */
export const adminNavLabel: Message = { zh: '系统管理', en: 'Administration' };

export function isPlatformAdmin(me: Me | null | undefined): boolean {
  return Boolean(me?.grants.some((grant) => grant.role === 'platform_admin'));
}

/** Programme ids the user administers; `'*'` when a grant covers every programme. */
export function administeredProgrammes(me: Me | null | undefined): Set<string> {
  const ids = new Set<string>();
  for (const grant of me?.grants ?? []) {
    if (grant.role === 'platform_admin') ids.add('*');
    if (grant.role === 'programme_admin') ids.add(grant.programmeId ? grant.programmeId : '*');
  }
  return ids;
}

/** Platform administrators and programme administrators (of any programme) get the admin menu. */
export function isAdmin(me: Me | null | undefined): boolean {
  return administeredProgrammes(me).size > 0;
}

export function administers(me: Me | null | undefined, programmeId: string): boolean {
  const ids = administeredProgrammes(me);
  return ids.has('*') || ids.has(programmeId);
}
