/**
 * Workflow step throughput: bare bpmn-engine kept in memory (signal, signal, …) against our
 * runner, which per step reads the JSON state, completes the task with the interpreter and
 * serialises again — what every API command pays. Same flow, same loop, same run.
 * Run alone: `pnpm tsx bench/workflow.bench.ts`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createFakeClock } from '../packages/engine/src/environment.ts';
import { completeTask, isStepFailure, loadFlow, startFlow, type StepResult } from '../packages/engine/src/workflow/index.ts';
import { signalLastWaiting, startBareInstance } from './bare-bpmn-engine.ts';
import type { BenchResult } from './types.ts';


const STEPS = 200;
const xml = readFileSync(fileURLToPath(new URL('../packages/engine/test/fixtures/flows/review-with-return.bpmn', import.meta.url)), 'utf8');
const variables = {
  basic: { recommender: 'jinan-kx' },
  windows: { recommend: { closes: '2020-10-25T23:59:59' }, report: { closes: '2020-10-30' } },
};

/** The return loop (recommend → return → revise → resubmit → recommend …) on one live bpmn-engine, never serialised. */
async function bareEngineStepsPerSecond(): Promise<number> {
  const instance = await startBareInstance(xml, variables);
  const started = performance.now();
  let next = 'return';
  for (let i = 0; i < STEPS; i += 1) {
    const done = signalLastWaiting(instance, next);
    next = done === 'recommend' ? 'resubmit' : 'return';
  }
  return STEPS / ((performance.now() - started) / 1000);
}

/** The same loop through completeTask, the state going through JSON text between steps. */
async function runnerStepsPerSecond(): Promise<{ rate: number; stateBytes: number }> {
  const flow = await loadFlow(xml);
  const env = { clock: createFakeClock('2020-10-01T00:00:00Z') };
  const first = await startFlow(flow, { variables, env });
  if (isStepFailure(first)) throw new Error(first.error.message.en);
  let stored = JSON.stringify(first.state);
  let last: StepResult = first;
  let maxBytes = stored.length;
  const started = performance.now();
  for (let i = 0; i < STEPS; i += 1) {
    const task = last.openTasks[0];
    if (!task) throw new Error('no open task');
    const outcome = task.definitionId === 'recommend' ? 'return' : 'resubmit';
    const next = await completeTask(flow, JSON.parse(stored), { taskId: task.id, outcome, reason: outcome === 'return' ? 'bench' : null }, env);
    if (isStepFailure(next)) throw new Error(next.error.message.en);
    last = next;
    stored = JSON.stringify(next.state);
    maxBytes = Math.max(maxBytes, stored.length);
  }
  return { rate: STEPS / ((performance.now() - started) / 1000), stateBytes: maxBytes };
}

export async function run(): Promise<BenchResult[]> {
  await bareEngineStepsPerSecond(); // warm-up: JIT and module loading out of the figures
  await runnerStepsPerSecond();
  const bare = await bareEngineStepsPerSecond();
  const runner = await runnerStepsPerSecond();
  const round = (n: number) => Math.round(n * 10) / 10;
  return [
    {
      name: 'workflow: completeTask with JSON state round trip per step',
      figure: round(runner.rate),
      unit: 'steps/s',
      baseline: { name: 'bare bpmn-engine in memory (signal only)', figure: round(bare) },
      ratio: Math.round((runner.rate / bare) * 100) / 100,
      target: '≥ 200 steps/s on one core (API target is 200 completions/s in total)',
      pass: runner.rate >= 200,
    },
    {
      name: 'workflow: largest serialised state during the return loop',
      figure: runner.stateBytes,
      unit: 'bytes',
      target: '≤ 16 KB',
      pass: runner.stateBytes <= 16_000,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const result of await run()) console.log(JSON.stringify(result));
}
