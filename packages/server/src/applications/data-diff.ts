/**
 * What changed between two versions of an application's data, as JSON pointers with the old and new values, so a
 * reviewer sees what the applicant changed since the return. Arrays are compared row by row.
 */
export interface DataChange {
  pointer: string;
  before: unknown;
  after: unknown;
}

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function diffData(before: unknown, after: unknown, pointer = '', limit = 500): DataChange[] {
  const changes: DataChange[] = [];
  const walk = (a: unknown, b: unknown, at: string): void => {
    if (changes.length >= limit) return;
    if (isRecord(a) && isRecord(b)) {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[key], b[key], `${at}/${escapeSegment(key)}`);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], `${at}/${i}`);
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ pointer: at, before: a ?? null, after: b ?? null });
  };
  walk(before, after, pointer);
  return changes;
}
