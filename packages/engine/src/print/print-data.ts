/**
 * The print data: everything a template may read, in one plain JSON object. Building it is a
 * pure step of its own so the server can store exactly what was printed (with its hash) next to
 * the version code, and /verify can answer from that record.
 */
import { sha256 } from '../hash/sha256.ts';
import type { Language, Text } from '../text.ts';
import { isVersionCode } from './version-code.ts';

/** What a template sees of the programme; the loader's model has more, and it passes through. */
export interface PrintProgramme {
  id: string;
  version: string;
  title: Text;
  issuer?: string;
  /** IANA zone that `zhDate` prints instants in (default Asia/Shanghai). */
  timeZone?: string;
  [key: string]: unknown;
}

/** Which print of the programme this is (an entry of programme.json `prints`). */
export interface PrintIdentity {
  id: string;
  title: Text;
}

/** The input to a print, as the server gathers it. */
export interface PrintInput {
  programme: PrintProgramme;
  print?: PrintIdentity;
  /** Application facts outside the forms: number, status, submittedAt, organisation … */
  application: Record<string, unknown>;
  /** Form data by section id: `data.basic.platformName`. */
  data: Record<string, unknown>;
  /** Computed values by section id, as the engine last computed them. */
  computed?: Record<string, unknown>;
  /** The version code of this generation (see newVersionCode). */
  version: string;
  printedAt: Date | string;
  /** For prints made inside a task (on-site check, recommendation letter): that task's data. */
  task?: Record<string, unknown>;
  lang?: Language;
}

/** The normalised print data: plain JSON, printedAt as ISO text, defaults filled in. */
export interface PrintData {
  programme: PrintProgramme;
  print: PrintIdentity | null;
  application: Record<string, unknown>;
  data: Record<string, unknown>;
  computed: Record<string, unknown>;
  version: string;
  printedAt: string;
  task: Record<string, unknown> | null;
  lang: Language;
}

/**
 * Normalises a print input into print data: a deep copy in plain JSON (Dates become ISO text,
 * `undefined` disappears), so that what is stored, hashed and rendered is the same thing.
 * Throws a TypeError for a malformed version code or time — those are programming errors.
 */
export function buildPrintData(input: PrintInput | PrintData): PrintData {
  if (!isVersionCode(input.version)) throw new TypeError(`buildPrintData: "${input.version}" is not a version code`);
  const printedAt = new Date(input.printedAt);
  if (Number.isNaN(printedAt.getTime())) throw new TypeError(`buildPrintData: printedAt "${String(input.printedAt)}" is not a time`);
  return toPlainJson({
    programme: input.programme,
    print: input.print ?? null,
    application: input.application,
    data: input.data,
    computed: input.computed ?? {},
    version: input.version,
    printedAt: printedAt.toISOString(),
    task: input.task ?? null,
    lang: input.lang === 'en' ? 'en' : 'zh',
  });
}

/** The print data as JSON with object keys sorted at every level: equal data, equal text. */
export function canonicalPrintJson(data: PrintData): string {
  return JSON.stringify(sortKeys(data));
}

/** SHA-256 (hex) of canonicalPrintJson — the "data hash" stored with each version. */
export function printDataHash(data: PrintData): string {
  return sha256(canonicalPrintJson(data));
}

function toPlainJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}
