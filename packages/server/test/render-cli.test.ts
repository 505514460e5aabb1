/**
 * `pnpm shenbao render` on each real programme's main book: the PDF is read back and must carry the version code on
 * every page and the fixture's own words (the applicant's name as the fixture spells it).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProgrammeFolder } from '../src/programmes/read-folder.ts';
import { loadProgramme } from '@shenbao/engine';
import { repositoryRoot, runCli } from './helpers/cli-process.ts';
import { pdfPages } from './print/pdf-text.ts';

const programmes = ['sd-maker-home-2020', 'national-makerspace-filing-2021', 'sx-makerspace-2022', 'national-specialised-makerspace-4th', 'jn-sme-platform-2020'];

/** The book a programme asks to be stamped, or its first print. */
async function mainPrint(programmeId: string): Promise<string> {
  const { programme } = loadProgramme(await readProgrammeFolder(path.join(repositoryRoot, 'programmes', programmeId)));
  const manifest = programme!.manifest;
  return manifest.submit?.requireStampedScan ?? manifest.prints?.find((p) => p.stampedScan)?.id ?? manifest.prints![0]!.id;
}

/** A short text value the fixture's first section holds (short: long ones wrap inside table cells). */
async function sampleText(programmeId: string): Promise<string> {
  const fixture = JSON.parse(await readFile(path.join(repositoryRoot, 'programmes', programmeId, 'fixtures', 'complete.json'), 'utf8'));
  const [first] = Object.values(fixture.data as Record<string, Record<string, unknown>>);
  const value = Object.values(first!).find((v) => typeof v === 'string' && /[\u4e00-\u9fff]/.test(v) && v.length >= 2 && v.length <= 10);
  return value as string;
}

describe('pnpm shenbao render', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sb-render-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it.each(programmes)('renders the main book of %s with the version on every page', async (programmeId) => {
    const printId = await mainPrint(programmeId);
    const out = path.join(dir, `${programmeId}.pdf`);
    const run = await runCli(['render', `programmes/${programmeId}`, '--print', printId, '--fixture', `programmes/${programmeId}/fixtures/complete.json`, '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const version = /版本号 ([0-9A-Z]{4}-[0-9A-Z]{4})/.exec(run.stdout)?.[1];
    expect(version).toBeDefined();
    const pages = await pdfPages(await readFile(out));
    expect(pages.length).toBeGreaterThanOrEqual(1);
    for (const page of pages) expect(page).toContain(version!);
    const text = await sampleText(programmeId);
    expect(pages.join('\n').replace(/\s+/g, '')).toContain(text.replace(/\s+/g, ''));
  }, 60_000);

  it('says which prints exist when asked for one that does not', async () => {
    const run = await runCli(['render', 'programmes/sd-maker-home-2020', '--print', 'nope', '--fixture', 'programmes/sd-maker-home-2020/fixtures/complete.json', '--out', path.join(dir, 'x.pdf')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('没有打印件 nope');
    expect(run.stdout).toContain('book');
  });
});
