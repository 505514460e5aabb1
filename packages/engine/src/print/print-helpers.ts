/**
 * The helpers a print template may call. The set is small on purpose: templates lay out data,
 * every calculation worth a name belongs in the programme's computed fields (FEEL).
 *
 * Helpers read the current language and the programme's time zone from Handlebars' private data
 * (`@lang`, `@timeZone`), which renderPrintHtml fills in — so one compiled template serves both
 * languages and no helper needs global state.
 */
import Handlebars from 'handlebars';
import { textIn, isText, type Language } from '../text.ts';

/** Shown by `default` (and by nothing else) for an empty value. */
export const EMPTY_MARK = '—';

/** The time zone dates are printed in when the programme names none. */
export const DEFAULT_PRINT_TIME_ZONE = 'Asia/Shanghai';

type HelperOptions = Handlebars.HelperOptions & { data?: { lang?: Language; timeZone?: string } };

/** Helpers written as `{{name …}}` or inside sub-expressions. */
const printHelpers = {
  zhDate,
  amount,
  check,
  eq,
  pageBreak,
  text,
  default: defaultTo,
  index1,
  sum,
} satisfies Record<string, (...args: never[]) => unknown>;

/** Handlebars' own helpers that templates may use; `log` and `helperMissing` are not among them. */
export const BUILT_IN_HELPER_NAMES = ['if', 'unless', 'each', 'with', 'lookup'] as const;

/** Every helper name a print template may call. */
export const PRINT_HELPER_NAMES: readonly string[] = [...BUILT_IN_HELPER_NAMES, ...Object.keys(printHelpers)];

/** Helpers that take a block (`{{#name}}…{{/name}}`). */
export const PRINT_BLOCK_HELPER_NAMES: readonly string[] = ['if', 'unless', 'each', 'with'];

/**
 * Registers the print helpers on an isolated Handlebars environment and removes `log`, which
 * would write to the console from inside a template.
 */
export function registerPrintHelpers(hb: typeof Handlebars): void {
  hb.unregisterHelper('log');
  for (const [name, helper] of Object.entries(printHelpers)) hb.registerHelper(name, helper as Handlebars.HelperDelegate);
}

/**
 * `{{zhDate value}}` → 2020年10月20日; `{{zhDate value time=true}}` → 2020年10月20日 14:05.
 * A date-only string prints as written; an instant (ISO with offset or Z, or a Date) prints in
 * the programme's time zone; a local date-time without offset is taken as already local.
 * Anything unreadable prints as given, so a bad value shows up on paper instead of vanishing.
 */
function zhDate(value: unknown, options: HelperOptions): string {
  if (value === null || value === undefined || value === '') return '';
  const withTime = options.hash?.time === true;
  const parts = dateParts(value, options.data?.timeZone ?? DEFAULT_PRINT_TIME_ZONE);
  if (!parts) return String(value);
  const date = `${parts.year}年${parts.month}月${parts.day}日`;
  if (!withTime || parts.hour === undefined) return date;
  return `${date} ${parts.hour}:${parts.minute}`;
}

interface DateParts {
  year: string;
  month: string;
  day: string;
  hour?: string;
  minute?: string;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$/;

function dateParts(value: unknown, timeZone: string): DateParts | null {
  if (typeof value === 'string') {
    const local = LOCAL_DATE.exec(value.trim());
    if (local) {
      const [, year, month, day, hour, minute] = local as unknown as [string, string, string, string, string?, string?];
      const parts: DateParts = { year, month: String(Number(month)), day: String(Number(day)) };
      if (hour !== undefined && minute !== undefined) Object.assign(parts, { hour, minute });
      return parts;
    }
  }
  const instant = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  if (!instant || Number.isNaN(instant.getTime())) return null;
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const byType = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return { year: byType.year ?? '', month: byType.month ?? '', day: byType.day ?? '', hour: byType.hour ?? '00', minute: byType.minute ?? '00' };
}

/**
 * `{{amount value}}` → 1,234.50 — thousands separators and two decimals, for sums of money the
 * notices state in 万元. `digits=0` changes the decimals; `unit="万元"` appends a unit.
 * Empty or non-numeric values print nothing (wrap in `default` for a dash).
 */
function amount(value: unknown, options: HelperOptions): string {
  const number = toNumber(value);
  if (number === null) return '';
  const digits = typeof options.hash?.digits === 'number' ? Math.max(0, Math.min(6, options.hash.digits)) : 2;
  const formatted = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(number);
  const unit = typeof options.hash?.unit === 'string' ? options.hash.unit : '';
  return formatted + unit;
}

/**
 * `{{check value "高校"}}` → ☑ when the value equals the option (or, for a multiple choice, holds
 * it), otherwise ☐. `{{check flag}}` → ☑ for `true`.
 */
function check(value: unknown, ...rest: unknown[]): string {
  const args = rest.slice(0, -1);
  const ticked = args.length === 0 ? value === true : Array.isArray(value) ? value.includes(args[0]) : value === args[0];
  return ticked ? '☑' : '☐';
}

/** `{{#if (eq a b)}}` — strict equality, for conditions in templates. */
function eq(a: unknown, b: unknown): boolean {
  return a === b;
}

/** `{{pageBreak}}` — the next content starts on a new page. */
function pageBreak(): Handlebars.SafeString {
  return new Handlebars.SafeString('<div class="sb-page-break"></div>');
}

/** `{{text programme.title}}` — a programme text in the current language (Chinese fallback). */
function text(value: unknown, options: HelperOptions): string {
  if (!isText(value)) return value === null || value === undefined ? '' : String(value);
  return textIn(value, options.data?.lang ?? 'zh');
}

/**
 * `{{default value}}` → the value, or a dash when it is empty (null, missing, '' or an empty
 * list); `{{default value "无"}}` uses another placeholder.
 */
function defaultTo(value: unknown, ...rest: unknown[]): unknown {
  const args = rest.slice(0, -1);
  const empty = value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  if (!empty) return value;
  return args.length > 0 ? args[0] : EMPTY_MARK;
}

/** `{{index1 @index}}` → 1, 2, 3 … — row numbers (序号) in tables. */
function index1(index: unknown): number | string {
  return typeof index === 'number' ? index + 1 : '';
}

/**
 * `{{sum rows "area"}}` → the total of one numeric column of a table; missing and non-numeric
 * cells count as 0. Rounded to 10 decimals so 0.1 + 0.2 prints as 0.3.
 */
function sum(rows: unknown, field: unknown): number {
  if (!Array.isArray(rows) || typeof field !== 'string') return 0;
  let total = 0;
  for (const row of rows) {
    if (row && typeof row === 'object') total += toNumber((row as Record<string, unknown>)[field]) ?? 0;
  }
  return Math.round(total * 1e10) / 1e10;
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value.replace(/,/g, ''));
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

