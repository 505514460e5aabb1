/**
 * Tries every declared outcome at every open user task, and every boundary deadline, from a
 * start with the given fixture variables; reports which flow nodes and sequence flows no path
 * reached. Bounded so that return loops end: a task definition is worked at most twice per path,
 * a deadline fired at most once per path, and the walk stops after `maxPaths` finished paths.
 */
import { createFakeClock } from '../environment.ts';
import { completeTask, fireTimer, startFlow } from './runner.ts';
import type { WorkflowFailure } from './errors.ts';
import { isStepFailure, type FlowDefinition, type OpenTask, type StepOutcome, type StepResult, type WorkflowEnvironment } from './types.ts';

export interface FlowWalk {
  reached: string[];
  unreached: string[];
  /** Each finished path as the flow node ids it went through, with the choice made at each task (`recommend:approve`). */
  paths: string[][];
  /** Steps that failed (a FEEL error, a gateway with no way out …) and the path that led there. */
  failures: Array<{ path: string[]; error: WorkflowFailure }>;
  /** True when maxPaths cut the walk short. */
  truncated: boolean;
  /** Every task opened on any path, as it opened (with the organisation it was routed to). */
  opened: OpenTask[];
}

export interface WalkOptions {
  maxPaths?: number;
  /** Visits of one task definition allowed per path (2: one return loop). */
  maxVisitsPerTask?: number;
  env?: WorkflowEnvironment;
}

export async function walkFlowPaths(flow: FlowDefinition, fixtureVariables: Record<string, unknown>, options: WalkOptions = {}): Promise<FlowWalk> {
  const maxPaths = options.maxPaths ?? 200;
  const maxVisits = options.maxVisitsPerTask ?? 2;
  const env = options.env ?? { clock: createFakeClock('2020-01-01T00:00:00Z') };
  const reached = new Set<string>();
  const walk: FlowWalk = { reached: [], unreached: [], paths: [], failures: [], truncated: false, opened: [] };
  const openedIds = new Set<string>();

  const record = (result: StepResult, path: string[]): string[] => {
    for (const id of result.trail) reached.add(id);
    for (const id of result.takenFlows) reached.add(id);
    for (const task of result.openTasks) {
      const key = `${task.definitionId}|${task.organisation ?? ''}`;
      if (!openedIds.has(key)) {
        openedIds.add(key);
        walk.opened.push(task);
      }
    }
    return [...path, ...result.trail];
  };

  const explore = async (result: StepResult, path: string[], visits: Map<string, number>): Promise<void> => {
    if (walk.paths.length >= maxPaths) {
      walk.truncated = true;
      return;
    }
    if (result.status === 'completed') {
      walk.paths.push(path);
      return;
    }
    let moved = false;
    const next = async (step: StepOutcome, label: string, key: string) => {
      moved = true;
      const branchPath = [...path, label];
      if (isStepFailure(step)) {
        walk.failures.push({ path: branchPath, error: step.error });
        return;
      }
      await explore(step, record(step, branchPath), new Map(visits).set(key, (visits.get(key) ?? 0) + 1));
    };
    for (const task of result.openTasks) {
      if ((visits.get(task.definitionId) ?? 0) >= maxVisits) continue;
      for (const outcome of task.outcomes) {
        const step = await completeTask(flow, result.state, { taskId: task.id, outcome, reason: outcome === 'return' ? 'walk' : null, actor: 'walk' }, env);
        await next(step, `${task.definitionId}:${outcome}`, task.definitionId);
      }
    }
    for (const timer of result.timers) {
      if (!timer.boundaryEventId || (visits.get(timer.boundaryEventId) ?? 0) >= 1) continue;
      await next(await fireTimer(flow, result.state, timer.id, env), `${timer.boundaryEventId}:fired`, timer.boundaryEventId);
    }
    // Every choice used up its visits: the path stops here, unfinished but not wrong.
    if (!moved) walk.paths.push([...path, '…']);
  };

  const start = await startFlow(flow, { variables: fixtureVariables, env });
  if (isStepFailure(start)) {
    walk.failures.push({ path: [], error: start.error });
  } else {
    await explore(start, record(start, []), new Map());
  }
  walk.reached = flow.elementIds.filter((id) => reached.has(id));
  walk.unreached = flow.elementIds.filter((id) => !reached.has(id));
  return walk;
}
