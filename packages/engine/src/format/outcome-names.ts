import { textIn } from '../text.ts';
import type { ProgrammeManifest } from './types.ts';

/** Outcome id → its name as programme.json `outcomes` writes it (Chinese): what export columns see as `outcomes`. */
export function outcomeNames(manifest: ProgrammeManifest): Record<string, string> {
  return Object.fromEntries(Object.entries(manifest.outcomes ?? {}).map(([id, name]) => [id, textIn(name)]));
}
