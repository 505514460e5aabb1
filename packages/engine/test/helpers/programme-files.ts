import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProgrammeFiles } from '../../src/index.ts';

/** The repository root, from this file's location. */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** Reads a folder into `relative path → text`, the form the engine takes. */
export function readFolder(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(folder, path).split(sep).join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(folder);
  return files;
}

/** The small valid test programme in test/fixtures/mini-filing. */
export function miniFiling(): Record<string, string> {
  return readFolder(fileURLToPath(new URL('../fixtures/mini-filing', import.meta.url)));
}

/** A real programme folder under programmes/, or undefined when it does not exist (yet). */
export function realProgramme(id: string): ProgrammeFiles | undefined {
  const folder = join(repoRoot, 'programmes', id);
  return existsSync(join(folder, 'programme.json')) ? readFolder(folder) : undefined;
}

/** Returns a copy of the folder with one JSON file changed by `edit`. */
export function editJson(files: Record<string, string>, path: string, edit: (value: any) => void): Record<string, string> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const value: unknown = JSON.parse(files[path]!);
  edit(value);
  return { ...files, [path]: JSON.stringify(value, null, 2) };
}
