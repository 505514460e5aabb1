/**
 * Compiles a programme's print template once (per programme version) into a reusable renderer.
 * Each template gets its own Handlebars environment, so helpers registered for one programme can
 * never leak into another, and only the documented helpers exist.
 */
import Handlebars from 'handlebars';
import type { Message } from '../text.ts';
import { DEFAULT_PRINT_TIME_ZONE, PRINT_HELPER_NAMES, registerPrintHelpers } from './print-helpers.ts';
import type { PrintData } from './print-data.ts';
import { checkPrintTemplate, parsePrintTemplate, type PrintTemplateProblem } from './template-problems.ts';
import { templateFieldPaths } from './template-field-paths.ts';

/** A compiled print template. */
export interface PrintTemplate {
  /** The programme's stylesheet for this print, placed after the base stylesheet. */
  readonly css: string;
  /** The data paths the template reads (see templateFieldPaths). */
  readonly fieldPaths: readonly string[];
  /** The template's own HTML (the document body), from normalised print data. */
  renderBody(data: PrintData): string;
}

/** Thrown by compilePrintTemplate; `problems` says what is wrong, in Chinese and English. */
export class PrintTemplateError extends Error {
  readonly code = 'SB_CHECK_PRINT_TEMPLATE';
  readonly problems: PrintTemplateProblem[];
  readonly zh: string;
  readonly en: string;

  constructor(problems: PrintTemplateProblem[], name = '') {
    const where = name ? `（${name}）` : '';
    const whereEn = name ? ` (${name})` : '';
    const first: Message = problems[0]?.message ?? { zh: '未知错误', en: 'unknown error' };
    const zh = `打印模板${where}有 ${problems.length} 处错误：${first.zh}`;
    const en = `Print template${whereEn} has ${problems.length} problem(s): ${first.en}`;
    super(en);
    this.name = 'PrintTemplateError';
    this.problems = problems;
    this.zh = zh;
    this.en = en;
  }
}

/**
 * Handlebars' compiler counts `log`, `helperMissing` and `blockHelperMissing` as known helpers
 * unless told otherwise; switching them off makes `{{log}}` a plain (empty) lookup like any
 * other unknown name, instead of a call into a helper we removed.
 */
const KNOWN_HELPERS = {
  ...Object.fromEntries(PRINT_HELPER_NAMES.map((name) => [name, true])),
  log: false,
  helperMissing: false,
  blockHelperMissing: false,
};

/** Handlebars options: only our helpers exist (unknown ones fail at compile time), output escaped. */
const COMPILE_OPTIONS = {
  knownHelpers: KNOWN_HELPERS,
  knownHelpersOnly: true,
  strict: false, // optional fields may be absent; a missing value prints as nothing
  noEscape: false,
  preventIndent: true,
} satisfies CompileOptions;

type CompileOptions = Parameters<typeof Handlebars.compile>[1];

/**
 * Compiles `source` (a print/*.hbs file) with its stylesheet. Throws PrintTemplateError when the
 * template has problems (checkPrintTemplate lists them without throwing). `name` — the file —
 * only labels error messages.
 */
export function compilePrintTemplate(source: string, css: string, name = ''): PrintTemplate {
  const problems = checkPrintTemplate(source);
  if (problems.length > 0) throw new PrintTemplateError(problems, name);
  const parsed = parsePrintTemplate(source);
  if ('problem' in parsed) throw new PrintTemplateError([parsed.problem], name);

  const hb = Handlebars.create();
  registerPrintHelpers(hb);
  try {
    // compile() defers its work to the first call; precompile() fails now on what would fail then.
    hb.precompile(parsed.ast, COMPILE_OPTIONS);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new PrintTemplateError(
      [{ code: 'SB_CHECK_PRINT_TEMPLATE_SYNTAX', message: { zh: `打印模板无法编译：${detail}`, en: `The print template does not compile: ${detail}` } }],
      name,
    );
  }
  const render = hb.compile<PrintData>(parsed.ast, COMPILE_OPTIONS);
  const fieldPaths = Object.freeze(templateFieldPaths(source));

  return Object.freeze({
    css,
    fieldPaths,
    renderBody(data: PrintData): string {
      return render(data, {
        data: { lang: data.lang, timeZone: data.programme.timeZone ?? DEFAULT_PRINT_TIME_ZONE },
      });
    },
  });
}
