/**
 * After a stale save (SB_ERR_CONFLICT) the form reloads the server's latest data without losing what the user
 * typed: every leaf the user changed since the last successful load/save (`base` → `mine`) is applied on top of the
 * latest data (`theirs`). Tables are taken whole from `mine` when the user changed them, because rows have no
 * identity to merge by.
 */
export function mergeLocalEdits(base: unknown, mine: unknown, theirs: unknown): unknown {
  if (deepEqual(base, mine)) return theirs;
  if (isPlainObject(base) && isPlainObject(mine) && isPlainObject(theirs)) {
    const result: Record<string, unknown> = { ...theirs };
    const keys = new Set([...Object.keys(base), ...Object.keys(mine)]);
    for (const key of keys) {
      if (deepEqual(base[key], mine[key])) continue;
      if (!(key in mine)) {
        delete result[key];
        continue;
      }
      result[key] = mergeLocalEdits(base[key], mine[key], theirs[key]);
    }
    return result;
  }
  return mine;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && deepEqual(a[key], b[key]));
  }
  return false;
}
