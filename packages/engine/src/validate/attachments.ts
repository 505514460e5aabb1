/**
 * Attachment fields (`x-attachment`): where they are in a form, what limits they set, and which attachment ids a
 * form's data holds. The server uses this to apply a field's own limits to an upload and to refuse data that points
 * at files the applicant did not upload.
 */
import type { JsonSchema } from '../format/types.ts';
import { pointerSegment } from '../problem.ts';
import { resolveLocalRef } from './form-plan.ts';

export interface AttachmentLimits {
  /** Largest accepted file in bytes. */
  maxBytes: number;
  /** Accepted file types, lower case (pdf, jpg, png …). */
  accept: string[];
  /** Several files in one field (an array of ids). */
  multiple: boolean;
}

const UNITS: Record<string, number> = { B: 1, K: 1024, KB: 1024, M: 1024 ** 2, MB: 1024 ** 2, G: 1024 ** 3, GB: 1024 ** 3 };

/** "20MB", "3 mb", "500K" → bytes; a plain number is bytes. Returns undefined for anything else. */
export function parseByteSize(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return Math.floor(value);
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(B|KB?|MB?|GB?)?\s*$/i.exec(value);
  if (!match) return undefined;
  const bytes = Math.floor(Number(match[1]) * UNITS[(match[2] ?? 'B').toUpperCase()]!);
  return bytes > 0 ? bytes : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function limitsOf(schema: Record<string, unknown>): AttachmentLimits | undefined {
  const raw = schema['x-attachment'];
  if (!isObject(raw)) return undefined;
  const accept = Array.isArray(raw.accept) ? raw.accept.filter((a): a is string => typeof a === 'string').map((a) => a.toLowerCase().replace(/^\./, '')) : [];
  return {
    maxBytes: parseByteSize(raw.maxSize) ?? 20 * 1024 * 1024,
    accept: accept.map((a) => (a === 'jpeg' ? 'jpg' : a)),
    multiple: raw.multiple === true || schema.type === 'array',
  };
}

/**
 * The limits of the attachment field a JSON pointer names inside a form's data (`/rows/3/proof` → the `proof`
 * property of the table's items). Undefined when the pointer does not name an attachment field.
 */
export function attachmentLimitsAt(schema: JsonSchema, pointer: string): AttachmentLimits | undefined {
  const segments = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let current: Record<string, unknown> | undefined = resolveLocalRef(schema, schema) ?? schema;
  for (const segment of segments) {
    if (!current) return undefined;
    if (/^\d+$/.test(segment) && current.items !== undefined) {
      current = resolveLocalRef(current.items, schema);
      continue;
    }
    const properties: unknown = current.properties;
    current = isObject(properties) ? resolveLocalRef(properties[segment], schema) : undefined;
  }
  return current ? limitsOf(current) : undefined;
}

/** Every attachment id held in `data` with the pointer where it sits. */
export function attachmentIdsIn(schema: JsonSchema, data: unknown): Array<{ pointer: string; id: string }> {
  const found: Array<{ pointer: string; id: string }> = [];
  const walk = (node: Record<string, unknown> | undefined, value: unknown, at: string, depth: number): void => {
    if (!node || depth > 32 || value === undefined || value === null) return;
    if (limitsOf(node)) {
      const ids = Array.isArray(value) ? value : [value];
      ids.forEach((id, i) => {
        if (typeof id === 'string' && id !== '') found.push({ pointer: Array.isArray(value) ? `${at}/${i}` : at, id });
      });
      return;
    }
    if (Array.isArray(value)) {
      const items = resolveLocalRef(node.items, schema);
      value.forEach((item, i) => walk(items, item, `${at}/${i}`, depth + 1));
      return;
    }
    if (isObject(value) && isObject(node.properties)) {
      for (const [key, child] of Object.entries(value)) {
        walk(resolveLocalRef(node.properties[key], schema), child, `${at}/${pointerSegment(key)}`, depth + 1);
      }
    }
  };
  walk(resolveLocalRef(schema, schema) ?? schema, data, '', 0);
  return found;
}
