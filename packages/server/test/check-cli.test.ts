/**
 * `shenbao check` spawned as an operator runs it: a clean real folder exits 0; a broken copy exits 1 and names the
 * file, pointer and code of the mistake.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli-process.ts';
import { programmesRoot } from './helpers/programme-app.ts';

const programmeId = 'sd-maker-home-2020';

describe('shenbao check (spawned)', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'shenbao-check-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('passes a clean folder with exit 0 and a summary line', async () => {
    const result = await runCli(['check', path.join(programmesRoot, programmeId)]);
    expect(result.stdout).toContain(`${programmeId}：检查通过`);
    expect(result.code).toBe(0);
  }, 60_000);

  it('fails a broken copy with exit 1, naming file, pointer and code', async () => {
    const broken = path.join(work, 'broken');
    cpSync(path.join(programmesRoot, programmeId), broken, { recursive: true });
    const manifestPath = path.join(broken, 'programme.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    manifest.exports[0].columns[1].expr = '=service.noSuchField';
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    const result = await runCli(['check', broken]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/programme\.json#\/exports\/0\/columns\/1\/expr: SB_CHECK_UNKNOWN_NAME .*noSuchField.* \/ /);
    expect(result.stdout).toContain('不能发布 / ');
  }, 60_000);

  it('refuses to run without a folder (exit 2)', async () => {
    expect((await runCli(['check'])).code).toBe(2);
  }, 60_000);
});
