import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../src/environment.ts';
import { completeTask, createWarmEngineCache, isStepFailure, loadFlow, startFlow, type StepResult, type WarmEngineCache } from '../../src/workflow/index.ts';

const xml = readFileSync(new URL('../fixtures/flows/review-with-return.bpmn', import.meta.url), 'utf8');
const variables = { basic: { recommender: 'jinan-kx' }, windows: { recommend: { closes: '2020-10-25T23:59:59' }, report: { closes: '2020-10-30' } } };

/** Runs the return loop `steps` times; with a cache, each step hands its engine to the next. */
async function loop(steps: number, cache?: WarmEngineCache): Promise<Array<{ open: string[]; trail: string[] }>> {
  const flow = await loadFlow(xml);
  const env = { clock: createFakeClock('2020-10-01T00:00:00Z') };
  let revision = 0;
  const first = await startFlow(flow, { variables, env, ...(cache ? { warm: { cache, writeKey: `app@${revision + 1}` } } : {}) });
  if (isStepFailure(first)) throw new Error(first.error.message.en);
  revision += 1;
  let last: StepResult = first;
  const seen: Array<{ open: string[]; trail: string[] }> = [];
  for (let i = 0; i < steps; i++) {
    const task = last.openTasks[0]!;
    const outcome = task.definitionId === 'recommend' ? 'return' : 'resubmit';
    const state = JSON.parse(JSON.stringify(last.state));
    const next = await completeTask(flow, state, { taskId: task.id, outcome, reason: 'r' }, env,
      cache ? { cache, readKey: `app@${revision}`, writeKey: `app@${revision + 1}` } : undefined);
    if (isStepFailure(next)) throw new Error(next.error.message.en);
    revision += 1;
    last = next;
    seen.push({ open: next.openTasks.map((t) => `${t.id}:${t.organisation}`), trail: next.trail });
  }
  return seen;
}

describe('warm engines', () => {
  it('give exactly the steps a cold engine gives', async () => {
    const cache = createWarmEngineCache();
    expect(await loop(12, cache)).toEqual(await loop(12));
    expect(cache.size).toBe(1);
  });

  it('are never used for a state they are not in', async () => {
    const flow = await loadFlow(xml);
    const env = { clock: createFakeClock('2020-10-01T00:00:00Z') };
    const cache = createWarmEngineCache();
    const start = await startFlow(flow, { variables, env, warm: { cache, writeKey: 'app@1' } });
    if (isStepFailure(start)) throw new Error('start failed');
    // A step whose transaction is rolled back: it took the engine and left one under the next key.
    const task = start.openTasks[0]!;
    const rolledBack = await completeTask(flow, start.state, { taskId: task.id, outcome: 'return', reason: 'r' }, env, { cache, readKey: 'app@1', writeKey: 'app@2' });
    if (isStepFailure(rolledBack)) throw new Error('step failed');
    // Retried from the state still in the database (revision 1): the cache has nothing for it, so it recovers.
    const retried = await completeTask(flow, start.state, { taskId: task.id, outcome: 'approve' }, env, { cache, readKey: 'app@1', writeKey: 'app@2' });
    if (isStepFailure(retried)) throw new Error('retry failed');
    expect(retried.openTasks.map((t) => t.definitionId)).not.toContain('revise');
    // The orphan left by the rolled-back step was replaced, and a stale stepId never matches.
    const forged = { ...start.state, stepId: 'someone-else' };
    cache.put('app@1', { session: (cache.take('app@2'))!.session, stepId: 'not-this-state' });
    const again = await completeTask(flow, forged, { taskId: task.id, outcome: 'approve' }, env, { cache, readKey: 'app@1', writeKey: 'app@2' });
    expect(isStepFailure(again)).toBe(false);
  });
});
