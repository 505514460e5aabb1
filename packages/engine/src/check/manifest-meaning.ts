import type { Programme, ProgrammeManifest } from '../format/types.ts';
import { problem, type Problem } from '../problem.ts';
import { localToInstant } from '../workflow/deadlines.ts';

/**
 * What programme.json's names must mean, beyond existing: the time zone is one the platform can
 * compute in, every date is a day that exists, windows open before they close as instants (a bare
 * closing date is the end of that day, as the server reads it), the prints an applicant must
 * make are ones the applicant may print, and roles are of the kind their place needs.
 */
export function checkManifestMeaning(programme: Programme): Problem[] {
  const m = programme.manifest;
  const found: Problem[] = [];
  const at = (pointer: string, code: string, zh: string, en: string) => found.push(problem('programme.json', code, { zh, en }, { pointer }));

  const zoneOk = isTimeZone(m.timeZone);
  if (!zoneOk) {
    at('/timeZone', 'SB_CHECK_TIME_ZONE', `时区“${m.timeZone}”不存在：请写 IANA 时区名，如 Asia/Shanghai`, `Time zone "${m.timeZone}" does not exist: write an IANA zone name such as Asia/Shanghai`);
  }

  const dates: Array<[string, string | undefined]> = [['/notice/date', m.notice?.date]];
  for (const [id, w] of Object.entries(m.windows)) dates.push([`/windows/${id}/opens`, w.opens], [`/windows/${id}/closes`, w.closes]);
  const impossible = new Set<string>();
  for (const [pointer, value] of dates) {
    if (value === undefined || existingDateTime(value)) continue;
    impossible.add(pointer);
    at(pointer, 'SB_CHECK_DATE', `日期“${value}”不存在（如 2月30日、7月32日或 24:00 之后）`, `"${value}" is not a date and time that exists (such as February 30, July 32 or past 23:59)`);
  }

  // Windows in order, as instants: opens at its start, closes at its end when only a date is given.
  if (zoneOk) {
    for (const [id, w] of Object.entries(m.windows)) {
      if (w.opens === undefined || w.closes === undefined) continue;
      if (impossible.has(`/windows/${id}/opens`) || impossible.has(`/windows/${id}/closes`)) continue;
      const opens = instant(w.opens, m.timeZone, 'start');
      const closes = instant(w.closes, m.timeZone, 'end');
      if (opens !== undefined && closes !== undefined && opens >= closes) {
        at(`/windows/${id}`, 'SB_CHECK_WINDOW_ORDER', `时段“${id}”的开始时间（${w.opens}）不早于结束时间（${w.closes}）`, `Window "${id}" does not open (${w.opens}) before it closes (${w.closes})`);
      }
    }
  }

  found.push(...printAccess(m));
  found.push(...roleKinds(m));
  return found;
}

/** True when the platform can compute local times in the zone (what the server does with it). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/;

/** True when a `YYYY-MM-DD[THH:mm[:ss]]` text names a moment that exists (no 2020-07-32, no 25:00). */
export function existingDateTime(text: string): boolean {
  const match = DATE_TIME.exec(text);
  if (!match) return true; // the meta-schema judges the shape
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  if (mo! < 1 || mo! > 12 || d! < 1) return false;
  const daysInMonth = new Date(Date.UTC(y!, mo!, 0)).getUTCDate();
  return d! <= daysInMonth && h! <= 23 && mi! <= 59 && s! <= 59;
}

/** A window's local time as an instant the way the server reads it (a bare date: start or end of that day). */
function instant(local: string, zone: string, dateOnlyMeans: 'start' | 'end'): number | undefined {
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(local)) return new Date(local).getTime();
  const text = dateOnlyMeans === 'start' && /^\d{4}-\d{2}-\d{2}$/.test(local) ? `${local}T00:00:00` : local;
  return localToInstant(text, zone)?.getTime();
}

/** The prints submit makes the applicant produce must be ones the applicant may print. */
function printAccess(m: ProgrammeManifest): Problem[] {
  const found: Problem[] = [];
  const applicantRoles = new Set(Object.entries(m.roles).filter(([, r]) => r.kind === 'applicant').map(([id]) => id));
  const prints = new Map((m.prints ?? []).map((p) => [p.id, p]));
  for (const key of ['requireStampedScan', 'commitment'] as const) {
    const print = prints.get(m.submit?.[key] ?? '');
    if (!print || print.roles.some((role) => applicantRoles.has(role))) continue;
    found.push(problem('programme.json', 'SB_CHECK_PRINT_ACCESS', {
      zh: `提交前申报人必须打印“${print.id}”（submit.${key}），但该打印的 roles 中没有申报人角色：每次提交都会被拒绝。请把申报人角色加入 roles`,
      en: `Submit requires the applicant to print "${print.id}" (submit.${key}), but its roles hold no applicant role, so every submit would be refused: add the applicant role to its roles`,
    }, { pointer: `/submit/${key}` }));
  }
  return found;
}

/** Categories group reviewing units: their role must be a reviewer role. */
function roleKinds(m: ProgrammeManifest): Problem[] {
  const found: Problem[] = [];
  (m.organisations?.categories ?? []).forEach((c, i) => {
    if (m.roles[c.role]?.kind === 'applicant') {
      found.push(problem('programme.json', 'SB_CHECK_ROLE_KIND', {
        zh: `单位类别“${c.id}”的角色“${c.role}”是申报人角色：审核单位的类别应属于审核角色（kind: reviewer）`,
        en: `Category "${c.id}" belongs to "${c.role}", an applicant role: categories of reviewing units belong to reviewer roles`,
      }, { pointer: `/organisations/categories/${i}/role` }));
    }
  });
  return found;
}
