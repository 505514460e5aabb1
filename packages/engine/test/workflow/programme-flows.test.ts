import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkProgramme } from '../../src/check/index.ts';
import { checkProgrammeFlow, loadFlow, walkFlowPaths } from '../../src/workflow/index.ts';

/** The real programmes: every flow.bpmn must load and be walkable with its first fixture's data. */
const root = fileURLToPath(new URL('../../../../programmes/', import.meta.url));
const withFlows = existsSync(root) ? readdirSync(root).filter((id) => existsSync(join(root, id, 'flow.bpmn'))) : [];

function fixtureVariables(id: string): Record<string, unknown> {
  const programme = JSON.parse(readFileSync(join(root, id, 'programme.json'), 'utf8')) as { windows?: unknown; fixtures?: string[] };
  const first = programme.fixtures?.[0];
  const fixture = first ? (JSON.parse(readFileSync(join(root, id, first), 'utf8')) as { data?: Record<string, unknown> }) : {};
  return { ...fixture.data, windows: programme.windows ?? {}, application: { number: 'TEST-1', status: 'submitted' } };
}

describe.skipIf(withFlows.length === 0)('programme flows', () => {
  it.each(withFlows)('%s: loads, every element is reached, and some path reaches an end', async (id) => {
    const flow = await loadFlow(readFileSync(join(root, id, 'flow.bpmn'), 'utf8'));
    const walk = await walkFlowPaths(flow, fixtureVariables(id));
    expect(walk.failures).toEqual([]);
    expect(walk.unreached).toEqual([]);
    expect(walk.paths.some((path) => path.at(-1) !== '…')).toBe(true);
    expect(Object.keys(flow.userTasks).length).toBeGreaterThan(0);
  }, 60_000); // a walk is dozens of engine steps; shared CI machines are slow
});

/** All text files of a programme folder, relative path → text, as the loader takes them. */
function folderFiles(id: string, dir = '', files: Record<string, string> = {}): Record<string, string> {
  for (const entry of readdirSync(join(root, id, dir), { withFileTypes: true })) {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) folderFiles(id, relative, files);
    else if (/\.(json|bpmn|hbs|css|md)$/.test(entry.name)) files[relative] = readFileSync(join(root, id, relative), 'utf8');
  }
  return files;
}

describe.skipIf(withFlows.length === 0)('checkProgrammeFlow plugged into checkProgramme', () => {
  it.each(withFlows)('%s: no flow problems', async (id) => {
    const problems = await checkProgramme(folderFiles(id), { extraChecks: [checkProgrammeFlow] });
    expect(problems.filter((p) => p.code.startsWith('flow/'))).toEqual([]);
  }, 60_000);
});
