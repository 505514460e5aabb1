export * from './compile-programme.ts';
export * from './formats.ts';
export * from './uscc.ts';
export { createAjv, EXTENSION_KEYWORDS, usePatternEngine, type PatternEngine } from './ajv.ts';
export { messageForAjvError, pointerForAjvError, REQUIRED_MESSAGE } from './messages.ts';
export { withoutEmpty } from './clean.ts';
export { attachmentLimitsAt, attachmentIdsIn, parseByteSize, type AttachmentLimits } from './attachments.ts';
