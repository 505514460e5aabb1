/**
 * The part of the engine the browser runs (no BPMN, no check): the same expressions, formats and
 * form validation as the server, so the form shows the server's verdict before saving.
 */
export * from './text.ts';
/** The one error registry: SB_ERR_* codes with HTTP status and Chinese and English messages. */
export * from './errors.ts';
export * from './expression/index.ts';
export type * from './format/types.ts';
export * from './validate/index.ts';
export * from './rules/index.ts';
