/** Print: programme templates → HTML documents (the server turns them into PDFs). */
export { compilePrintTemplate, PrintTemplateError, type PrintTemplate } from './compile-print-template.ts';
export { renderPrintHtml, PRINT_CONTENT_SECURITY_POLICY } from './print-document.ts';
export {
  buildPrintData,
  canonicalPrintJson,
  printDataHash,
  type PrintData,
  type PrintIdentity,
  type PrintInput,
  type PrintProgramme,
} from './print-data.ts';
export { BASE_PRINT_CSS, PRINT_PAGE_MARGINS, SANS_FONTS, SERIF_FONTS } from './print-stylesheet.ts';
export { PRINT_HELPER_NAMES, PRINT_BLOCK_HELPER_NAMES, EMPTY_MARK, DEFAULT_PRINT_TIME_ZONE } from './print-helpers.ts';
export { checkPrintTemplate, type PrintTemplateProblem } from './template-problems.ts';
export { templateEqComparisons, templateFieldPaths } from './template-field-paths.ts';
export { newVersionCode, normaliseVersionCode, isVersionCode, VERSION_CODE_ALPHABET, VERSION_CODE_LENGTH } from './version-code.ts';
