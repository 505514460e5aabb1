/**
 * Reading programme zips: nested folders, zip bombs and escaping paths (unit level; no database).
 */
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readProgrammeZip, safeEntryPath } from '../src/programmes/admin-zip.ts';
import { readProgrammeFolder } from '../src/programmes/read-folder.ts';
import { isAppError } from '../src/errors.ts';
import { programmesRoot } from './helpers/programme-app.ts';

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
    return undefined;
  } catch (error) {
    return isAppError(error) ? error.code : String(error);
  }
}

describe('programme zips', () => {
  it('reads a real folder zipped at the top or nested one level, leaving out clutter', async () => {
    const files = await readProgrammeFolder(path.join(programmesRoot, 'sd-maker-home-2020'));
    const entries = Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)]));
    expect(readProgrammeZip(zipSync(entries))).toEqual(files);
    const nested = Object.fromEntries(Object.entries(entries).map(([name, bytes]) => [`sd/${name}`, bytes]));
    nested['__MACOSX/sd/._programme.json'] = strToU8('junk');
    nested['sd/.DS_Store'] = strToU8('junk');
    expect(readProgrammeZip(zipSync(nested))).toEqual(files);
  });

  it('refuses archives without programme.json, deeper nesting, and non-zips', () => {
    expect(codeOf(() => readProgrammeZip(zipSync({ 'a/b/programme.json': strToU8('{}') })))).toBe('SB_ERR_PROGRAMME_ZIP_NO_MANIFEST');
    expect(codeOf(() => readProgrammeZip(strToU8('not a zip at all')))).toBe('SB_ERR_PROGRAMME_ZIP_UNREADABLE');
  });

  it('refuses a zip bomb by declared size and by file count before inflating', () => {
    // 60 MB of zeros compresses to a few tens of KB.
    const bomb = zipSync({ 'programme.json': strToU8('{}'), 'big.txt': new Uint8Array(60 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(codeOf(() => readProgrammeZip(bomb))).toBe('SB_ERR_PROGRAMME_ZIP_TOO_LARGE');
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}.txt`, strToU8('x')]));
    expect(codeOf(() => readProgrammeZip(zipSync({ ...many, 'programme.json': strToU8('{}') }), { maxFiles: 20, maxUnpackedBytes: 1e6 }))).toBe('SB_ERR_PROGRAMME_ZIP_TOO_LARGE');
  });

  it('refuses paths that are absolute or climb out of the folder', () => {
    for (const name of ['../evil.json', 'a/../../evil.json', '/etc/passwd', 'C:/x.json', 'a\\..\\b.json']) expect(safeEntryPath(name), name).toBeUndefined();
    expect(safeEntryPath('./forms/a.json')).toBe('forms/a.json');
    expect(codeOf(() => readProgrammeZip(zipSync({ 'programme.json': strToU8('{}'), '../evil.json': strToU8('{}') })))).toBe('SB_ERR_PROGRAMME_ZIP_UNSAFE_PATH');
  });
});
