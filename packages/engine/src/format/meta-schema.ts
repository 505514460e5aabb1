import type { ValidateFunction } from 'ajv';
import metaSchema from '../../schema/programme.schema.json';
import { problem, type Problem } from '../problem.ts';
import { createAjv } from '../validate/ajv.ts';
import { messageForAjvError, pointerForAjvError } from '../validate/messages.ts';
import type { ProgrammeManifest } from './types.ts';

/** The JSON Schema of programme.json (packages/engine/schema/programme.schema.json). */
export const programmeMetaSchema: Record<string, unknown> = metaSchema;

let validator: ValidateFunction | undefined;

/** Validates a parsed programme.json against the meta-schema; one problem per mistake, with its pointer. */
export function validateManifest(value: unknown): { manifest?: ProgrammeManifest; problems: Problem[] } {
  // The meta-schema's own patterns are ours (and use lookahead, which RE2 lacks): JavaScript's engine.
  validator ??= createAjv({ code: {} }).compile(programmeMetaSchema);
  const validate = validator;
  if (validate(value)) return { manifest: value as ProgrammeManifest, problems: [] };
  const problems: Problem[] = [];
  const errors = validate.errors ?? [];
  // A failed `oneOf` (a text that is neither a string nor {zh,en}) also reports each branch's
  // failure at the same place; one problem per place is enough.
  const oneOfAt = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  for (const error of errors) {
    if (error.keyword !== 'oneOf' && oneOfAt.has(error.instancePath) && error.schemaPath.includes('/oneOf/')) continue;
    const pointer = pointerForAjvError(error);
    const what = messageForAjvError(error);
    problems.push(
      problem('programme.json', 'SB_CHECK_MANIFEST', { zh: `programme.json ${pointer || '/'}：${what.zh}`, en: `programme.json ${pointer || '/'}: ${what.en}` }, { pointer }),
    );
  }
  return { problems };
}
