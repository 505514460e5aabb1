import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { repoRoot } from './helpers/programme-files.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

// Like fastify's error codes: every problem code `check` can emit is listed in the format
// document, and the document lists no code that does not exist.
it('every SB_CHECK_ code in the engine is documented in docs/programme-format.md, and only those', () => {
  const src = fileURLToPath(new URL('../src', import.meta.url));
  const used = new Set(sources(src).flatMap((file) => readFileSync(file, 'utf8').match(/SB_CHECK_[A-Z_]+/g) ?? []));
  const documented = new Set(readFileSync(join(repoRoot, 'docs/programme-format.md'), 'utf8').match(/SB_CHECK_[A-Z_]+/g) ?? []);
  expect([...used].sort()).toEqual([...documented].sort());
});
