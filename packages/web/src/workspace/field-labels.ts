/**
 * Names for what the server addresses by JSON pointer (`/infrastructure/siteArea`, `/team/members/1/name`): the
 * section's title and the field's title path from the section's schema, rows as 第 n 行. Screens that list fields
 * (the changes since a return, the precheck) show these, never the pointer.
 */
import type { SectionDefinition } from '../api/sections.ts';
import { pathFromPointer } from '../forms/json-pointer.ts';
import type { Language } from '../i18n/i18n.tsx';

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The sub-schema for one property, looking through the conditional and combined branches forms use. */
function propertySchema(schema: Schema, key: string): Schema | undefined {
  const properties = schema.properties;
  if (isSchema(properties) && isSchema(properties[key])) return properties[key];
  for (const branch of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[branch];
    if (!Array.isArray(list)) continue;
    for (const candidate of list) {
      const found = isSchema(candidate) ? propertySchema(candidate, key) : undefined;
      if (found) return found;
    }
  }
  for (const branch of ['then', 'else']) {
    const candidate = schema[branch];
    const found = isSchema(candidate) ? propertySchema(candidate, key) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** The schema of each step of `path` below `schema` (undefined where the schema says nothing). */
function schemasAlong(schema: Schema, path: string[]): Array<{ segment: string; schema: Schema | undefined; row: boolean }> {
  const steps: Array<{ segment: string; schema: Schema | undefined; row: boolean }> = [];
  let current: Schema | undefined = schema;
  for (const segment of path) {
    const row: boolean = current?.type === 'array' || (current !== undefined && isSchema(current.items) && /^\d+$/.test(segment));
    const next: Schema | undefined = !current ? undefined : row ? (isSchema(current.items) ? current.items : undefined) : propertySchema(current, segment);
    steps.push({ segment, schema: next, row });
    current = next;
  }
  return steps;
}

export interface FieldLabel {
  sectionId: string;
  section: string;
  /** The field's titles from the section down, rows as 第 n 行 / row n, joined with ›. Empty for the section itself. */
  field: string;
  /** The schema at the pointer, for reading values (attachments, choices). */
  schema: Schema | undefined;
}

export function fieldLabel(sections: SectionDefinition[], pointer: string, language: Language, sectionTitle: (section: SectionDefinition) => string): FieldLabel {
  const [sectionId = '', ...path] = pathFromPointer(pointer);
  const section = sections.find((candidate) => candidate.id === sectionId);
  if (!section) return { sectionId, section: sectionId, field: path.join(' › '), schema: undefined };
  const steps = schemasAlong(section.schema, path);
  const names = steps.map((step) => {
    if (step.row) return language === 'zh' ? `第 ${Number(step.segment) + 1} 行` : `row ${Number(step.segment) + 1}`;
    return typeof step.schema?.title === 'string' && step.schema.title ? step.schema.title : step.segment;
  });
  return { sectionId, section: sectionTitle(section), field: names.join(' › '), schema: steps.at(-1)?.schema };
}

/**
 * A value as a reader understands it: a file by its name, a choice by its title, a row by its values; otherwise the
 * value itself. `files` maps file ids to names (what the server recorded with the event).
 */
export interface ValueWords {
  /** Shown for a file whose name was not recorded (events from before names were kept). */
  file: string;
  yes: string;
  no: string;
}

export function valueText(schema: Schema | undefined, value: unknown, files: Record<string, string>, words: ValueWords): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'string' && (schema?.['x-attachment'] !== undefined || files[value] !== undefined)) return files[value] ?? words.file;
  if (Array.isArray(value)) return value.map((item) => valueText(isSchema(schema?.items) ? schema.items : undefined, item, files, words)).join('、');
  if (isSchema(value)) {
    return Object.entries(value)
      .filter(([, item]) => item !== undefined && item !== null && item !== '')
      .map(([key, item]) => {
        const itemSchema = schema ? propertySchema(schema, key) : undefined;
        const title = typeof itemSchema?.title === 'string' ? itemSchema.title : key;
        return `${title}：${valueText(itemSchema, item, files, words)}`;
      })
      .join('；');
  }
  const choices = Array.isArray(schema?.oneOf) ? schema.oneOf : Array.isArray(schema?.anyOf) ? schema.anyOf : [];
  for (const choice of choices) {
    if (isSchema(choice) && choice.const === value && typeof choice.title === 'string') return choice.title;
  }
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  return String(value);
}
