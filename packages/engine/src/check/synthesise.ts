import type { JsonSchema, Programme } from '../format/types.ts';
import { compileProgramme } from '../validate/index.ts';
import { resolveLocalRef } from '../validate/form-plan.ts';

/**
 * Application data made up from the section schemas, for a folder without fixtures: `check`
 * still walks its flow with it. Each field gets a plain value of its type (an enum's first value,
 * a unit of its picker's role, a minimum, one table row), then computed fields are computed as a
 * save would. It need not be valid: the walk reads it, nothing validates it.
 */
export function synthesiseApplication(programme: Programme): Record<string, Record<string, unknown>> {
  const m = programme.manifest;
  const data: Record<string, Record<string, unknown>> = {};
  for (const section of programme.sections) {
    const value = valueFor(section.schema, section.schema, programme, 0);
    data[section.ref.id] = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  }
  try {
    const compiled = compileProgramme(programme);
    for (const section of m.sections) data[section.id] = compiled.saveSection(section.id, data[section.id], { sections: data }).data as Record<string, unknown>;
  } catch {
    // A programme that does not compile is reported by check before any walk.
  }
  return data;
}

/** The units a unit picker (`x-organisation`) offers. */
export function pickerUnits(programme: Programme, picker: { role?: unknown; category?: unknown }): string[] {
  const m = programme.manifest;
  const categories = new Set((m.organisations?.categories ?? [])
    .filter((c) => c.role === picker.role && (picker.category === undefined || c.id === picker.category)).map((c) => c.id));
  return (m.organisations?.units ?? []).filter((u) => categories.has(u.category)).map((u) => u.id);
}

function valueFor(schema: unknown, root: JsonSchema, programme: Programme, depth: number): unknown {
  const node = resolveLocalRef(schema, root);
  if (!node || depth > 20) return undefined;
  if (node['x-computed'] !== undefined) return undefined;
  if (node.const !== undefined) return node.const;
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0];
  const picker = node['x-organisation'] as { role?: unknown; category?: unknown } | undefined;
  if (picker) return pickerUnits(programme, picker)[0];
  if (node['x-attachment'] !== undefined) return node.type === 'array' ? ['check-attachment'] : 'check-attachment';
  const type = Array.isArray(node.type) ? node.type.find((t) => t !== 'null') : node.type;
  switch (type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      const properties = (node.properties ?? {}) as Record<string, unknown>;
      for (const [name, child] of Object.entries(properties)) {
        const value = valueFor(child, root, programme, depth + 1);
        if (value !== undefined) result[name] = value;
      }
      return result;
    }
    case 'array': {
      const rows = Math.max(1, typeof node.minItems === 'number' ? node.minItems : 1);
      const item = valueFor(node.items, root, programme, depth + 1);
      return item === undefined ? [] : Array.from({ length: Math.min(rows, 20) }, () => item);
    }
    case 'number':
    case 'integer':
      return typeof node.minimum === 'number' ? node.minimum : typeof node.exclusiveMinimum === 'number' ? node.exclusiveMinimum + 1 : 1;
    case 'boolean':
      return true;
    case 'string':
      return stringFor(node);
    default:
      return undefined;
  }
}

function stringFor(node: Record<string, unknown>): string {
  switch (node.format) {
    case 'date': return '2020-01-01';
    case 'date-time': return '2020-01-01T00:00:00Z';
    case 'mobile': return '13800000000';
    case 'landline': return '0531-88886666';
    case 'email': return 'check@example.com';
    default: {
      const min = typeof node.minLength === 'number' ? node.minLength : 1;
      return '样'.repeat(Math.min(Math.max(min, 1), 2000));
    }
  }
}
