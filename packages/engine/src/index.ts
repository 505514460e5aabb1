/** Side effects come in through an Environment (clock, ids, logger); helpers for tests. */
export * from './environment.ts';
/** Texts ({ zh, en }) and bilingual messages. */
export * from './text.ts';
/** The one error registry: SB_ERR_* codes with HTTP status and Chinese and English messages. */
export * from './errors.ts';
/** Problems found in programme folders. */
export * from './problem.ts';
/** FEEL expressions: compileExpression, evaluate, evaluateCondition. */
export * from './expression/index.ts';
/** The programme folder: types, loadProgramme, contentHash, the meta-schema. */
export * from './format/index.ts';
/** Form validation: compileProgramme, formats (mobile, landline, uscc, email, date). */
export * from './validate/index.ts';
/** Eligibility rules. */
export * from './rules/index.ts';
/** `check`: everything wrong with a programme folder. */
export * from './check/index.ts';
/** SHA-256 without node:crypto. */
export { sha256, sha256Bytes } from './hash/sha256.ts';
export * from './print/index.ts';
export * from './workflow/index.ts';
