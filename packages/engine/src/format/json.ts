import type { Problem } from '../problem.ts';
import { problem } from '../problem.ts';
import { jsonDepthProblem } from './limits.ts';

/**
 * Parses a file's JSON, turning a syntax error into a problem instead of an exception. A text
 * nested deeper than the limit is refused before parsing (everything that walks parsed JSON
 * recurses).
 */
export function parseJsonFile(file: string, text: string): { value?: unknown; problem?: Problem } {
  const tooDeep = jsonDepthProblem(file, text);
  if (tooDeep) return { problem: tooDeep };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { problem: problem(file, 'SB_CHECK_INVALID_JSON', { zh: `不是合法的 JSON：${detail}`, en: `Not valid JSON: ${detail}` }) };
  }
}
