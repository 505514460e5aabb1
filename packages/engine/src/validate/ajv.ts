import Ajv2020 from 'ajv/dist/2020.js';
import type { Options } from 'ajv';
import addFormats from 'ajv-formats';
import { SHENBAO_FORMATS } from './formats.ts';

/**
 * The Ajv set-up shared by programme forms. The `x-` keywords are registered as annotations
 * whose own shape Ajv checks when a schema compiles; their behaviour (computing, clearing,
 * conditional requiredness) is done by the engine's form pass, not by Ajv, because it needs FEEL
 * and the surrounding data.
 */

const expressionKeyword = { type: 'string', pattern: '^=' } as const;

/** The engine's schema keywords and the shape each must have. */
export const EXTENSION_KEYWORDS: Readonly<Record<string, Record<string, unknown>>> = {
  'x-computed': expressionKeyword,
  'x-fillable': expressionKeyword,
  'x-required': expressionKeyword,
  'x-attachment': {
    type: 'object',
    additionalProperties: false,
    properties: {
      maxSize: { type: 'string', pattern: '^\\d+(\\.\\d+)?\\s*(B|KB|MB|GB)$' },
      accept: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[a-z0-9]+$' } },
      multiple: { type: 'boolean' },
      maxFiles: { type: 'integer', minimum: 1 },
    },
  },
  'x-organisation': {
    type: 'object',
    additionalProperties: false,
    required: ['role'],
    properties: { role: { type: 'string' }, category: { type: 'string' } },
  },
  'x-format': { enum: ['percent', 'amount', 'area', 'integer', 'textarea'] },
};

// ajv and ajv-formats are CommonJS modules; depending on the bundler's interop the default import
// is the callable itself or a namespace holding it under `default`. Take the callable either way.
type AjvClass = typeof Ajv2020;
const AjvConstructor: AjvClass = ((Ajv2020 as unknown as { default?: AjvClass }).default ?? Ajv2020) as AjvClass;
type AddFormats = typeof addFormats.default;
const applyFormats: AddFormats = ((addFormats as unknown as { default?: AddFormats }).default ?? addFormats) as AddFormats;

/** A regular-expression engine Ajv compiles schema `pattern`s with (Ajv's `code.regExp`). */
export type PatternEngine = NonNullable<NonNullable<Options['code']>['regExp']>;

let patternEngine: PatternEngine | undefined;

/**
 * Makes every Ajv instance created from now on compile schema patterns with `engine` — the
 * server sets RE2 (linear time, the `re2` package) so that no applicant value can make a pattern
 * run long; the engine itself stays free of native code, and the browser keeps its own engine
 * (`check` refuses patterns that could backtrack there: check/pattern-checks.ts).
 */
export function usePatternEngine(engine: PatternEngine | undefined): void {
  patternEngine = engine;
}

/** An Ajv 2020-12 instance with all errors, verbose data, standard formats, the engine's formats and keywords. */
export function createAjv(options: Options = {}): InstanceType<AjvClass> {
  const ajv = new AjvConstructor({
    ...(patternEngine ? { code: { regExp: patternEngine } } : {}),
    allErrors: true,
    verbose: true,
    strict: true,
    // "pattern without type" and similar are style warnings, not mistakes worth failing a folder over.
    strictTypes: false,
    strictTuples: false,
    allowUnionTypes: true,
    ...options,
  });
  applyFormats(ajv);
  for (const [name, test] of Object.entries(SHENBAO_FORMATS)) ajv.addFormat(name, { type: 'string', validate: test });
  for (const [keyword, metaSchema] of Object.entries(EXTENSION_KEYWORDS)) ajv.addKeyword({ keyword, metaSchema });
  return ajv;
}

/** The Ajv instance type. */
export type AjvInstance = ReturnType<typeof createAjv>;
