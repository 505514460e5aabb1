/** JSON pointers (RFC 6901), the address every field error and field state uses. */

export type PathSegment = string | number;

export function pointerFromPath(path: readonly PathSegment[]): string {
  let pointer = '';
  for (const segment of path) pointer += '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
  return pointer;
}

export function pathFromPointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Reads a value by path; undefined when any step is missing. */
export function getAtPath(value: unknown, path: readonly PathSegment[]): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment as string];
  }
  return current;
}

/**
 * Returns a copy of `root` with `value` at `path`, copying only the objects along the path (the rest is shared),
 * so unchanged rows keep their identity and memoised rows do not re-render.
 */
export function setAtPath<T>(root: T, path: readonly PathSegment[], value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path as [PathSegment, ...PathSegment[]];
  const container: Record<string | number, unknown> | unknown[] =
    Array.isArray(root) ? [...(root as unknown[])] : { ...((root ?? {}) as Record<string, unknown>) };
  const child = (container as Record<string | number, unknown>)[head];
  (container as Record<string | number, unknown>)[head] = setAtPath(child, rest, value);
  return container as T;
}
