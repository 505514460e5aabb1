/**
 * Schema `pattern`s run on every value an applicant sends: on the server they are compiled with RE2 (the `re2`
 * package, linear time), so no value can make a pattern backtrack for seconds on the event loop. Imported for its
 * effect by the modules that compile programmes (programme-runtime.ts, publish-check.ts), before they compile any.
 */
import RE2 from 're2';
import { usePatternEngine, type PatternEngine } from '@shenbao/engine';

// Ajv calls the engine as `engine(pattern, flags)`; RE2 is callable that way and understands Ajv's `u` flag.
usePatternEngine(RE2 as unknown as PatternEngine);
