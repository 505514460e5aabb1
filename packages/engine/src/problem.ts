import type { Message } from './text.ts';

/**
 * One mistake found in a programme folder. `file` is the folder-relative path, `pointer` a JSON
 * pointer inside that file, `element` a BPMN element id; `code` is stable for tests and tools.
 */
export interface Problem {
  file: string;
  pointer?: string;
  element?: string;
  code: string;
  message: Message;
}

/** Builds a problem, leaving out location parts that are not known. */
export function problem(
  file: string,
  code: string,
  message: Message,
  where: { pointer?: string | undefined; element?: string | undefined } = {},
): Problem {
  const result: Problem = { file, code, message };
  if (where.pointer !== undefined) result.pointer = where.pointer;
  if (where.element !== undefined) result.element = where.element;
  return result;
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins segments into a JSON pointer. */
export function toPointer(segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => '/' + pointerSegment(s)).join('');
}
