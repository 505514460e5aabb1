import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileProgramme, DETECTABLE_FILE_TYPES, loadProgramme } from '@shenbao/engine';
import '../src/programmes/pattern-engine.ts';
import { acceptableFileTypes, fileTypeExtensions, fileTypeLabels } from '../src/files/file-type.ts';

function readFolder(folder: string): Record<string, string> {
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

const mini = readFolder(fileURLToPath(new URL('../../engine/test/fixtures/mini-filing', import.meta.url)));

/** The test programme with one pattern added to a text field, bypassing check (as if something slipped through). */
function withPattern(pattern: string): Record<string, string> {
  const schema = JSON.parse(mini['forms/basic.schema.json']!) as { properties: Record<string, Record<string, unknown>> };
  const field = Object.values(schema.properties).find((p) => p.type === 'string' && p.format === undefined && p['x-attachment'] === undefined)!;
  field.pattern = pattern;
  return { ...mini, 'forms/basic.schema.json': JSON.stringify(schema) };
}

describe('schema patterns on the server run on RE2', () => {
  it('a catastrophically backtracking pattern answers at once on a hostile value (the JavaScript engine would hang for ages)', () => {
    const compiled = compileProgramme(loadProgramme(withPattern('^(a+)+$')).programme!);
    const schema = JSON.parse(mini['forms/basic.schema.json']!) as { properties: Record<string, Record<string, unknown>> };
    const name = Object.entries(schema.properties).find(([, p]) => p.type === 'string' && p.format === undefined && p['x-attachment'] === undefined)![0];
    const result = compiled.saveSection('basic', { [name]: `${'a'.repeat(5_000)}!` });
    expect(Object.keys(result.errors)).toContain(`/basic/${name}`);
  });

  it('a pattern RE2 cannot run (a lookahead) does not compile on the server, so check refuses it there too', () => {
    expect(() => compileProgramme(loadProgramme(withPattern('^(?=a)a$')).programme!)).toThrow();
  });
});

describe('the attachment types check accepts are the ones the server detects', () => {
  it('equal lists (jpeg being the name people use for jpg)', () => {
    const serverTypes = [...acceptableFileTypes].sort();
    expect(DETECTABLE_FILE_TYPES.filter((t) => t !== 'jpeg').sort()).toEqual(serverTypes);
  });

  it('every acceptable type has a label for messages and an extension; markup and programs are not acceptable', () => {
    for (const type of acceptableFileTypes) {
      expect(fileTypeLabels[type], type).toBeDefined();
      expect(fileTypeExtensions[type], type).toBeDefined();
    }
    expect(acceptableFileTypes).not.toContain('html');
    expect(acceptableFileTypes).not.toContain('exe');
  });
});
