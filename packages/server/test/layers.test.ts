/**
 * The import rules (`pnpm lint:imports`, .dependency-cruiser.cjs) catch what they exist for: an import from a lower
 * server area to a higher one, an import between two areas on one floor, and a circle of type-only imports. Run on a
 * small fixture tree laid out like packages/server/src, with the real layer table.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const { layerRules } = require('../layer-rules.cjs') as { layerRules: (table: unknown, root: string) => unknown[] };
const table = require('../layers.json') as { floors: Array<{ areas: string[] }> };

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const fixtureRoot = 'packages/server/test/fixtures/layers/src';

async function violations(): Promise<Array<{ rule: string; from: string; to: string }>> {
  const previous = process.cwd();
  process.chdir(repoRoot);
  try {
    const result = await cruise([fixtureRoot], {
      validate: true,
      tsPreCompilationDeps: true,
      ruleSet: {
        forbidden: [
          { name: 'no-circular', severity: 'error', from: { path: `^${fixtureRoot}/` }, to: { circular: true } },
          ...(layerRules(table, fixtureRoot) as never[]),
        ],
      },
    });
    const output = result.output as { summary: { violations: Array<{ rule: { name: string }; from: string; to: string }> } };
    return output.summary.violations.map((v) => ({ rule: v.rule.name, from: path.basename(v.from), to: path.basename(v.to) }));
  } finally {
    process.chdir(previous);
  }
}

describe('import rules', () => {
  it('refuse an upward import, an import between areas on one floor and a type-only circle, and nothing else', async () => {
    const found = await violations();
    expect(found).toContainEqual({ rule: 'layers: files', from: 'upward.ts', to: 'step.ts' });
    expect(found).toContainEqual({ rule: 'layers: prints', from: 'sibling.ts', to: 'table.ts' });
    // A circle is reported once, at the file the cruise reached first.
    const circles = found.filter((v) => v.rule === 'no-circular');
    expect(circles).toHaveLength(1);
    expect(['left.ts', 'right.ts']).toContain(circles[0]!.from);
    // workflow → files runs downward: allowed. files/upward.ts → workflow also closes no circle (step.ts imports limit.ts).
    expect(found).not.toContainEqual(expect.objectContaining({ from: 'step.ts' }));
    expect(found).toHaveLength(3);
  });

  it('place every area of the server on exactly one floor', () => {
    const areas = table.floors.flatMap((f) => f.areas);
    expect(new Set(areas).size).toBe(areas.length);
  });
});
