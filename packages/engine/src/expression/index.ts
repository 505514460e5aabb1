export * from './feel.ts';
export type { ReferencePath } from './references.ts';
