/**
 * `check` on hostile and large folders: a 32,000-gateway flow and a 50 MB file must be refused at once, and a
 * flow at the element budget checked in time linear in its size. Baseline: bpmn-moddle parsing the same XML alone
 * (the floor any check of it pays). Run alone: `pnpm tsx bench/check.bench.ts`.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkProgramme } from '../packages/engine/src/index.ts';
import { parseBpmnXml } from '../packages/engine/src/workflow/bpmn-moddle.ts';
import { gatewayChain } from '../packages/engine/test/helpers/flows.ts';
import type { BenchResult } from './types.ts';

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

const mini = readFolder(fileURLToPath(new URL('../packages/engine/test/fixtures/mini-filing', import.meta.url)));

async function ms(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export async function run(): Promise<BenchResult[]> {
  await checkProgramme(mini); // warm: Ajv, the meta-schema, moddle's registry
  const huge = gatewayChain(32_000);
  const refusedHuge = await ms(() => checkProgramme({ ...mini, 'flow.bpmn': huge }));
  const fifty = `{"pad":"${'x'.repeat(50 * 1024 * 1024)}"}`;
  const refusedFifty = await ms(() => checkProgramme({ ...mini, 'forms/basic.schema.json': fifty }));
  const small = gatewayChain(100);
  const large = gatewayChain(990); // 1,983 flow elements: just under the budget
  const parseSmall = await ms(() => parseBpmnXml(small));
  const parseLarge = await ms(() => parseBpmnXml(large));
  const checkSmall = await ms(() => checkProgramme({ ...mini, 'flow.bpmn': small }));
  const checkLarge = await ms(() => checkProgramme({ ...mini, 'flow.bpmn': large }));
  // Linear: ten times the gateways should cost about ten times as much (quadratic would be a hundred).
  const growth = checkLarge / checkSmall;
  return [
    { name: 'check refuses a 32,000-gateway flow (3.9 M characters)', figure: Math.round(refusedHuge), unit: 'ms', target: '< 2000 ms', pass: refusedHuge < 2000 },
    { name: 'check refuses a 50 MB form schema', figure: Math.round(refusedFifty), unit: 'ms', target: '< 1000 ms (the rest of the folder is still checked)', pass: refusedFifty < 1000 },
    {
      name: 'check of a 990-gateway flow (at the element budget)', figure: Math.round(checkLarge), unit: 'ms',
      baseline: { name: 'bpmn-moddle parsing it alone', figure: Math.round(parseLarge) }, ratio: checkLarge / parseLarge,
      target: '< 2000 ms', pass: checkLarge < 2000,
    },
    {
      name: 'check time growth from 100 to 990 gateways (9.9× the size)', figure: Number(growth.toFixed(1)), unit: '×',
      baseline: { name: 'parse time growth', figure: Number((parseLarge / parseSmall).toFixed(1)) },
      target: '< 30× (linear ≈ 10×; quadratic ≈ 100×)', pass: growth < 30,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const result of await run()) console.log(result);
}
