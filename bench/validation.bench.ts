/**
 * Validation cost: the engine's full server-side validation of an application (form pass with
 * computed fields and fillability, Ajv, eligibility rules) against bare Ajv on the same schemas
 * and data, measured in the same run. The application is shaped like the national makerspace
 * filing with a 200-row site table. Figures are throughputs (applications per second), so the
 * ratio full / bare is the share of bare Ajv's speed the engine keeps. Target: ≥ 0.8.
 * Run alone: `pnpm tsx bench/validation.bench.ts`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readProgrammeFolder } from '../packages/server/src/programmes/read-folder.ts';
import { fileURLToPath } from 'node:url';
import { compileProgramme, compileRules, createAjv, evaluateRules, loadProgramme, silentLogger, type Programme } from '../packages/engine/src/index.ts';
import { compileFormPass } from '../packages/engine/src/validate/form-pass.ts';
import { planObject } from '../packages/engine/src/validate/form-plan.ts';
import type { BenchResult } from './types.ts';
import { checkFloor, compileFloor } from './validation-floor.ts';

const ROWS = 200;
const repoRoot = fileURLToPath(new URL('../', import.meta.url));


/** The real national filing when it exists, else the engine's own test programme of the same shape. */
async function benchProgramme(): Promise<{ programme: Programme; label: string }> {
  const candidates = [
    { folder: join(repoRoot, 'programmes/national-makerspace-filing-2021'), label: 'national-makerspace-filing-2021' },
    { folder: join(repoRoot, 'packages/engine/test/fixtures/mini-filing'), label: 'mini-filing (test programme)' },
  ];
  for (const { folder, label } of candidates) {
    if (!existsSync(join(folder, 'programme.json'))) continue;
    const { programme, problems } = loadProgramme(await readProgrammeFolder(folder));
    if (programme) return { programme, label };
    console.warn(`bench: ${label} does not load (${problems.length} problems), trying the next programme`);
  }
  throw new Error('bench: no programme to measure');
}

/** The valid fixture with every table grown to `ROWS` rows by repeating its rows. */
function application(programme: Programme): Record<string, Record<string, unknown>> {
  const fixture = programme.fixtures.find((f) => f.expect.valid) ?? programme.fixtures[0];
  if (!fixture) throw new Error('bench: the programme has no fixture');
  const data = structuredClone(fixture.data);
  const site = data.site as Record<string, unknown> | undefined;
  const rows = site?.rows;
  if (!Array.isArray(rows) || rows.length === 0) throw new Error('bench: the fixture has no site rows');
  site!.rows = Array.from({ length: ROWS }, (_, i) => structuredClone(rows[i % rows.length]));
  return data;
}

/**
 * Median microseconds per call of each piece of work, measured in turns: a batch of each in every
 * round, so that whatever else the machine does at a moment weighs on both sides alike (measured
 * one after the other, two runs on the same machine gave 0.58 and 0.68).
 */
function measureInTurns(work: Record<string, () => void>, rounds = 61, perBatch = 20): Record<string, number> {
  // Warm up for a fixed time, not a fixed count: V8 optimises generated code (Ajv's and the engine's) only after many
  // calls, and a server validates for hours; 60 calls left the slower side measured half in unoptimised tiers.
  for (const fn of Object.values(work)) {
    const warmUntil = performance.now() + 300;
    while (performance.now() < warmUntil) fn();
  }
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(work).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, fn] of Object.entries(work)) {
      const start = performance.now();
      for (let i = 0; i < perBatch; i++) fn();
      samples[name]!.push(((performance.now() - start) * 1000) / perBatch);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return Object.fromEntries(Object.entries(samples).map(([name, xs]) => [name, median(xs)]));
}

/**
 * Detail printed besides the result (not part of it): what the engine's own share is made of —
 * the form pass of every section and the rules; the rest of "full" is Ajv.
 */
function printDetail(programme: Programme, data: Record<string, Record<string, unknown>>, computed: Record<string, Record<string, unknown>>): void {
  const application = { ...data };
  const passes = programme.sections.map((s) => ({ id: s.ref.id, pass: compileFormPass(planObject(s.schema, s.schema, '', []), s.schema) }));
  const rules = compileRules(programme.manifest.rules ?? []);
  const context = compileProgramme(programme).applicationContext(computed);
  const micros = measureInTurns({
    pass: () => {
      for (const { id, pass } of passes) pass(data[id] ?? {}, { application, logger: silentLogger });
    },
    rules: () => void evaluateRules(rules, context),
  }, 21);
  console.error(`validation bench detail (medians): engine's own work: form pass ${micros.pass!.toFixed(1)} µs, rules ${micros.rules!.toFixed(1)} µs`);
}

export async function run(): Promise<BenchResult[]> {
  const { programme, label } = await benchProgramme();
  const data = application(programme);
  const compiled = compileProgramme(programme);

  const full = compiled.validateApplication(data);
  if (Object.keys(full.errors).length > 0) throw new Error(`bench: the application is not valid: ${Object.keys(full.errors).join(', ')}`);

  // Bare Ajv on the same schemas, given the already-computed data so that it validates the same values.
  const ajv = createAjv();
  const bare = programme.sections.map((s) => ({ id: s.ref.id, validate: ajv.compile(s.schema) }));
  const computed = full.data;
  const bareValidate = () => {
    for (const { id, validate } of bare) validate(computed[id] ?? {});
  };

  // The hand-written lower bound (see validation-floor.ts), with validators of its own so that its objects do not
  // reach the type feedback of the two measured sides.
  const floorAjv = createAjv();
  const floor = compileFloor(programme, Object.fromEntries(programme.sections.map((s) => [s.ref.id, floorAjv.compile(s.schema)])));
  if (floor) checkFloor(floor(data), full);

  const micros = measureInTurns({ bare: bareValidate, full: () => compiled.validateApplication(data), ...(floor ? { floor: () => floor(data) } : {}) });
  const bareMicros = micros.bare!;
  const fullMicros = micros.full!;
  const perSecond = (micros: number) => Math.round(1_000_000 / micros);
  const ratio = bareMicros / fullMicros;
  console.error(`validation bench: bare Ajv ${bareMicros.toFixed(1)} µs, full ${fullMicros.toFixed(1)} µs per application (medians of 61 batches of 20, taken in turns)`);
  if (micros.floor !== undefined) {
    console.error(`validation bench: hand-written lower bound for this programme ${micros.floor.toFixed(1)} µs, ${(bareMicros / micros.floor).toFixed(3)}× bare Ajv (see bench/validation-floor.ts)`);
  }
  printDetail(programme, data, computed);
  return [
    {
      name: `full validation (schema + computed + rules), ${label}, ${ROWS} site rows`,
      figure: perSecond(fullMicros),
      unit: 'applications/s',
      baseline: { name: 'bare Ajv, same schemas and data', figure: perSecond(bareMicros) },
      ratio: Number(ratio.toFixed(3)),
      target: '≥ 0.8× bare Ajv',
      pass: ratio >= 0.8,
    },
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  run().then((results) => console.log(JSON.stringify(results, null, 2)), (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
