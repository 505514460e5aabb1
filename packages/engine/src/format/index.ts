export type * from './types.ts';
export * from './load-programme.ts';
export { contentHash } from './content-hash.ts';
export { programmeMetaSchema, validateManifest } from './meta-schema.ts';
export { outcomeNames } from './outcome-names.ts';
