/**
 * Publishing on every start: a folder identical to the current version is "unchanged" at once (not checked again,
 * nothing stored); changed content is checked and becomes a new version; returning to old content makes that
 * version current again.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readProgrammeFolder } from '../src/programmes/read-folder.ts';
import { describeEachDatabase } from './helpers/database.ts';
import { programmesRoot, startProgrammeApp, type ProgrammeTestApp } from './helpers/programme-app.ts';

describeEachDatabase('publishing an unchanged folder', (database) => {
  let t: ProgrammeTestApp;
  beforeAll(async () => {
    t = await startProgrammeApp(database());
  });
  afterAll(async () => t.close());

  it('answers unchanged for the current content, checks and stores changed content, and can go back', async () => {
    const files = await readProgrammeFolder(path.join(programmesRoot, 'jn-sme-platform-2020'));
    const first = await t.app.services.programmes.publish(files, null);
    expect(first.status).toBe('published');
    const again = await t.app.services.programmes.publish(files, null);
    expect(again).toMatchObject({ status: 'unchanged', versionId: first.versionId, problems: [] });

    const manifest = JSON.parse(files['programme.json']!) as Record<string, unknown>;
    const broken = { ...files, 'programme.json': JSON.stringify({ ...manifest, timeZone: 'Mars/Olympus' }) };
    const refused = await t.app.services.programmes.publish(broken, null);
    expect(refused.status).toBe('refused');
    expect(refused.problems.length).toBeGreaterThan(0);

    const changed = { ...files, 'programme.json': JSON.stringify({ ...manifest, version: `${String(manifest.version)}-b` }) };
    const second = await t.app.services.programmes.publish(changed, null);
    expect(second.status).toBe('published');
    expect(second.versionId).not.toBe(first.versionId);
    expect((await t.app.services.programmes.get('jn-sme-platform-2020')).currentVersionId).toBe(second.versionId);

    // The first content again: not the current version, so it goes through the check and becomes current again.
    const back = await t.app.services.programmes.publish(files, null);
    expect(back).toMatchObject({ status: 'unchanged', versionId: first.versionId });
    expect((await t.app.services.programmes.get('jn-sme-platform-2020')).currentVersionId).toBe(first.versionId);
  }, 120_000);
});
