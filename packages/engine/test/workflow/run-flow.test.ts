import { beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock } from '../../src/environment.ts';
import {
  completeTask,
  fireTimer,
  isStepFailure,
  rescheduleDeadlines,
  startFlow,
  withdrawFlow,
  type CompleteTaskCommand,
  type FlowDefinition,
  type StepOutcome,
  type StepResult,
} from '../../src/workflow/index.ts';
import { loadTestFlow, reviewVariables, throughJson } from './flow-fixtures.ts';

let flow: FlowDefinition;
beforeAll(async () => {
  flow = await loadTestFlow('review-with-return');
});

const env = () => ({ clock: createFakeClock('2020-10-01T02:00:00Z') });

function ok(result: StepOutcome): StepResult {
  if (isStepFailure(result)) throw new Error(`step failed: ${result.error.code} ${result.error.message.en}`);
  return result;
}

/** Completes the only open task of `definitionId`, with the state passed through JSON as the server stores it. */
async function act(previous: StepResult, definitionId: string, command: Omit<CompleteTaskCommand, 'taskId'>, environment = env()) {
  const task = previous.openTasks.find((t) => t.definitionId === definitionId);
  if (!task) throw new Error(`no open ${definitionId}; open: ${previous.openTasks.map((t) => t.id).join(', ')}`);
  return ok(await completeTask(flow, throughJson(previous.state), { ...command, taskId: task.id }, environment));
}

describe('running the review flow, one fresh engine per step', () => {
  it('opens the unit review with its organisation, role, form and deadline resolved', async () => {
    const started = ok(await startFlow(flow, { variables: reviewVariables, env: env() }));
    expect(started.status).toBe('waiting');
    expect(started.openTasks).toEqual([
      expect.objectContaining({
        id: 'recommend-1',
        definitionId: 'recommend',
        role: 'recommender',
        formKey: 'recommend-review',
        organisation: 'jinan-kx',
        outcomes: ['approve', 'return'],
        withdrawable: true,
        kind: 'review',
        openedAt: '2020-10-01T02:00:00.000Z',
        // 23:59:59 in Asia/Shanghai (UTC+8) on the notice's date
        dueAt: '2020-10-25T15:59:59.000Z',
      }),
    ]);
    expect(started.timers).toEqual([{ id: 'recommend-1/deadline', kind: 'task-deadline', taskId: 'recommend-1', dueAt: '2020-10-25T15:59:59.000Z' }]);
    expect(started.trail).toEqual(['submitted', 'recommend']);
  });

  it('goes round the return loop and on to recognition, with actions in order and a final outcome', async () => {
    const started = ok(await startFlow(flow, { variables: reviewVariables, env: env() }));
    const returned = await act(started, 'recommend', { outcome: 'return', reason: '场地证明不清晰', actor: 'u-recommender' });
    expect(returned.openTasks.map((t) => [t.id, t.role, t.kind, t.organisation])).toEqual([['revise-2', 'applicant', 'revise', null]]);
    // the revise task's deadline is a duration from the moment it opened
    expect(returned.openTasks[0]?.dueAt).toBe('2020-10-11T02:00:00.000Z');

    const resubmitted = await act(returned, 'revise', { outcome: 'resubmit', variables: { basic: { recommender: 'qingdao-kx' } } });
    expect(resubmitted.openTasks.map((t) => t.id)).toEqual(['recommend-3']);
    // the applicant changed the recommending unit while revising: the new task follows the new data
    expect(resubmitted.openTasks[0]?.organisation).toBe('qingdao-kx');

    const approved = await act(resubmitted, 'recommend', { outcome: 'approve', data: { opinion: '同意' } });
    expect(approved.actions).toEqual([{ elementId: 'freeze', action: 'freeze' }]);
    expect(approved.openTasks.map((t) => [t.id, t.kind])).toEqual([['report-4', 'report']]);
    expect(approved.timers).toEqual([
      { id: 'report-4/reportDeadline', kind: 'task-deadline', taskId: 'report-4', dueAt: '2020-10-30T15:59:59.000Z', boundaryEventId: 'reportDeadline' },
    ]);

    const reported = await act(approved, 'report', { outcome: 'report', data: { rank: 1 } });
    expect(reported.openTasks.map((t) => [t.id, t.organisation])).toEqual([['decide-5', 'province-office']]);
    expect(reported.timers).toEqual([]);

    const decided = await act(reported, 'decide', { outcome: 'recognise' });
    expect(decided.status).toBe('completed');
    expect(decided.actions).toEqual([
      { elementId: 'printCertificate', action: 'print', print: 'certificate' },
      { elementId: 'notifyApplicant', action: 'notify', message: 'recognised' },
    ]);
    expect(decided.outcome).toEqual({ endEventId: 'recognised', outcome: 'recognised', validFor: 'P3Y' });
    expect(decided.openTasks).toEqual([]);
    expect(decided.state.engine).toBeNull();
  });

  it('takes the default flow when no condition holds', async () => {
    const started = ok(await startFlow(flow, { variables: reviewVariables, env: env() }));
    const approved = await act(started, 'recommend', { outcome: 'approve' });
    const reported = await act(approved, 'report', { outcome: 'report' });
    const rejected = await act(reported, 'decide', { outcome: 'reject' });
    expect(rejected.outcome).toEqual({ endEventId: 'rejected', outcome: 'rejected' });
    expect(rejected.actions).toEqual([]);
  });

  it('lets gateways see the task result and keeps it for later steps', async () => {
    const started = ok(await startFlow(flow, { variables: reviewVariables, env: env() }));
    const approved = await act(started, 'recommend', { outcome: 'approve', data: { opinion: '同意推荐' }, actor: 'u-7' });
    const notReported = await act(approved, 'report', { outcome: 'notReport' });
    expect(notReported.outcome?.outcome).toBe('notReported');
    expect(JSON.stringify(approved.state.engine)).toContain('同意推荐');
  });

  it('keeps the state small and plain JSON while waiting', async () => {
    const started = ok(await startFlow(flow, { variables: reviewVariables, env: env() }));
    const text = JSON.stringify(started.state);
    expect(JSON.parse(text)).toEqual(started.state);
    expect(text.length).toBeLessThan(16_000);
    expect(text).not.toContain('"source"');
  });

  it('gives the same tasks and timers for the same inputs on the same clock', async () => {
    const a = ok(await startFlow(flow, { variables: reviewVariables, env: env() }));
    const b = ok(await startFlow(flow, { variables: reviewVariables, env: env() }));
    expect(a.openTasks).toEqual(b.openTasks);
    expect(a.timers).toEqual(b.timers);
  });
});

describe('timers are data the server fires', () => {
  it('a boundary deadline moves the flow to its event; the task closes', async () => {
    const started = ok(await startFlow(flow, { variables: reviewVariables, env: env() }));
    const approved = await act(started, 'recommend', { outcome: 'approve' });
    const timer = approved.timers[0];
    expect(timer?.boundaryEventId).toBe('reportDeadline');
    const fired = ok(await fireTimer(flow, throughJson(approved.state), timer?.id ?? '', env()));
    expect(fired.status).toBe('completed');
    expect(fired.outcome).toEqual({ endEventId: 'notReported', outcome: 'notReported' });
    expect(fired.trail).toEqual(['reportDeadline', 'notReported']);
    expect(fired.openTasks).toEqual([]);
  });

  it('a deadline without a boundary event only marks the task overdue', async () => {
    const started = ok(await startFlow(flow, { variables: reviewVariables, env: env() }));
    const fired = ok(await fireTimer(flow, throughJson(started.state), 'recommend-1/deadline', env()));
    expect(fired.status).toBe('waiting');
    expect(fired.openTasks.map((t) => [t.id, t.overdue])).toEqual([['recommend-1', true]]);
    expect(fired.timers).toEqual([]);
    // the overdue task can still be worked
    const approved = await act(fired, 'recommend', { outcome: 'approve' });
    expect(approved.openTasks.map((t) => t.id)).toEqual(['report-2']);
  });

  it('a fired timer is gone: firing it again is refused', async () => {
    const started = ok(await startFlow(flow, { variables: reviewVariables, env: env() }));
    const fired = ok(await fireTimer(flow, started.state, 'recommend-1/deadline', env()));
    const again = await fireTimer(flow, fired.state, 'recommend-1/deadline', env());
    expect(isStepFailure(again) && again.error.code).toBe('SB_ERR_TIMER_NOT_PENDING');
  });
});

describe('refused commands come back as data', () => {
  it('refuses a task that is not open, also one already completed on a newer state', async () => {
    const started = ok(await startFlow(flow, { variables: reviewVariables, env: env() }));
    const unknown = await completeTask(flow, started.state, { taskId: 'nope-9', outcome: 'approve' }, env());
    expect(isStepFailure(unknown) && unknown.error).toMatchObject({ code: 'SB_ERR_TASK_NOT_OPEN', message: { zh: expect.stringContaining('nope-9') } });
    const approved = await act(started, 'recommend', { outcome: 'approve' });
    const twice = await completeTask(flow, approved.state, { taskId: 'recommend-1', outcome: 'approve' }, env());
    expect(isStepFailure(twice) && twice.error.code).toBe('SB_ERR_TASK_NOT_OPEN');
  });

  it('refuses an outcome the task does not offer', async () => {
    const started = ok(await startFlow(flow, { variables: reviewVariables, env: env() }));
    const wrong = await completeTask(flow, started.state, { taskId: 'recommend-1', outcome: 'recognise' }, env());
    expect(isStepFailure(wrong) && wrong.error).toMatchObject({ code: 'SB_ERR_OUTCOME_NOT_ALLOWED', params: { allowed: 'approve, return' } });
  });

  it('refuses a return without a reason (blank counts as none)', async () => {
    const started = ok(await startFlow(flow, { variables: reviewVariables, env: env() }));
    for (const reason of [undefined, '   ']) {
      const refused = await completeTask(flow, started.state, { taskId: 'recommend-1', outcome: 'return', reason }, env());
      expect(isStepFailure(refused) && refused.error.code).toBe('SB_ERR_REASON_REQUIRED');
    }
  });

  it('refuses a state that is not one', async () => {
    for (const bad of [null, '{', { format: 'other' }, { format: 'shenbao-flow/1', status: 'waiting', openTasks: [], timers: [], taskSeq: 0, taskExecutions: {}, engine: null }]) {
      const refused = await completeTask(flow, bad, { taskId: 'recommend-1', outcome: 'approve' }, env());
      expect(isStepFailure(refused) && refused.error.code).toBe('SB_ERR_STATE_INVALID');
    }
  });

  it('reports a failing expression instead of throwing', async () => {
    const broken = { ...reviewVariables, windows: { recommend: { closes: 'not a date' } } };
    const result = await startFlow(flow, { variables: broken, env: env() });
    expect(isStepFailure(result) && result.error.code).toBe('SB_ERR_EXPRESSION');
  });
});

describe('withdrawing', () => {
  it('is allowed while a withdrawable task waits and ends the instance', async () => {
    const started = ok(await startFlow(flow, { variables: reviewVariables, env: env() }));
    const withdrawn = ok(withdrawFlow(throughJson(started.state)));
    expect(withdrawn.status).toBe('completed');
    expect(withdrawn.outcome).toEqual({ endEventId: null, outcome: 'withdrawn' });
    expect(withdrawn.timers).toEqual([]);
  });

  it('is refused once the unit has acted', async () => {
    const started = ok(await startFlow(flow, { variables: reviewVariables, env: env() }));
    const approved = await act(started, 'recommend', { outcome: 'approve' });
    const refused = withdrawFlow(approved.state);
    expect(isStepFailure(refused) && refused.error.code).toBe('SB_ERR_NOT_WITHDRAWABLE');
  });
});

describe('moving deadlines when a window moves', () => {
  const later = { ...reviewVariables, windows: { recommend: { closes: '2020-11-05T23:59:59' }, report: { closes: '2020-11-10' } } };

  it('moves an open task\'s deadline and its pending timer', async () => {
    const started = ok(await startFlow(flow, { variables: reviewVariables, env: env() }));
    const moved = ok(rescheduleDeadlines(flow, throughJson(started.state), { windows: later.windows }, env()));
    expect(moved.openTasks[0]).toMatchObject({ id: 'recommend-1', dueAt: '2020-11-05T15:59:59.000Z', openedAt: '2020-10-01T02:00:00.000Z' });
    expect(moved.timers).toEqual([{ id: 'recommend-1/deadline', kind: 'task-deadline', taskId: 'recommend-1', dueAt: '2020-11-05T15:59:59.000Z' }]);
    // later steps see the moved window too
    expect(moved.state.engine?.variables.windows).toEqual(later.windows);
  });

  it('moves a boundary timer that still waits, and keeps a duration counted from when the task opened', async () => {
    const started = ok(await startFlow(flow, { variables: reviewVariables, env: env() }));
    const approved = await act(started, 'recommend', { outcome: 'approve' });
    const moved = ok(rescheduleDeadlines(flow, throughJson(approved.state), { windows: later.windows }, { clock: createFakeClock('2020-10-20T00:00:00Z') }));
    expect(moved.timers).toEqual([{ id: 'report-2/reportDeadline', kind: 'task-deadline', taskId: 'report-2', dueAt: '2020-11-10T15:59:59.000Z', boundaryEventId: 'reportDeadline' }]);

    const returned = await act(started, 'recommend', { outcome: 'return', reason: '补充材料' });
    const revise = ok(rescheduleDeadlines(flow, throughJson(returned.state), { windows: later.windows }, { clock: createFakeClock('2020-10-05T00:00:00Z') }));
    expect(revise.openTasks[0]?.dueAt).toBe(returned.openTasks[0]?.dueAt);
  });

  it('lifts the overdue mark when the new deadline lies ahead, and keeps it when it has passed too', async () => {
    const started = ok(await startFlow(flow, { variables: reviewVariables, env: env() }));
    const overdue = ok(await fireTimer(flow, throughJson(started.state), 'recommend-1/deadline', env()));
    expect(overdue.openTasks[0]?.overdue).toBe(true);
    const afterDeadline = { clock: createFakeClock('2020-10-26T00:00:00Z') };
    const extended = ok(rescheduleDeadlines(flow, throughJson(overdue.state), { windows: later.windows }, afterDeadline));
    expect(extended.openTasks[0]?.overdue).toBeUndefined();
    expect(extended.timers.map((t) => [t.id, t.dueAt])).toEqual([['recommend-1/deadline', '2020-11-05T15:59:59.000Z']]);
    const stillPast = ok(rescheduleDeadlines(flow, throughJson(overdue.state), { windows: { ...later.windows, recommend: { closes: '2020-10-25T12:00:00' } } }, afterDeadline));
    expect(stillPast.openTasks[0]?.overdue).toBe(true);
    expect(stillPast.timers).toEqual([]);
  });

  it('refuses a finished flow', async () => {
    const started = ok(await startFlow(flow, { variables: reviewVariables, env: env() }));
    const withdrawn = ok(withdrawFlow(started.state));
    const refused = rescheduleDeadlines(flow, withdrawn.state, { windows: later.windows }, env());
    expect(isStepFailure(refused) && refused.error.code).toBe('SB_ERR_FLOW_FINISHED');
  });
});
