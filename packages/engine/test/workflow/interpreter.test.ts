/**
 * The interpreter on BPMN shapes the real programmes do not draw yet (parallel split and join, inclusive split,
 * non-interrupting deadlines), what inspectFlow refuses, and states written by the bpmn-engine runner (format 1).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../src/environment.ts';
import { completeTask, fireTimer, inspectFlow, isStepFailure, loadFlow, startFlow, type StepOutcome, type StepResult } from '../../src/workflow/index.ts';
import { loadTestFlow, reviewVariables, throughJson } from './flow-fixtures.ts';

const env = () => ({ clock: createFakeClock('2020-10-01T02:00:00Z') });

const wrap = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:shenbao="https://shenbao.dev/schema/bpmn" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`;

const seq = (id: string, from: string, to: string, condition?: string) =>
  condition
    ? `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>`
    : `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;

const task = (id: string, extra = '') => `<bpmn:userTask id="${id}" camunda:candidateGroups="reviewer" shenbao:outcomes="approve" ${extra} />`;

function ok(result: StepOutcome): StepResult {
  if (isStepFailure(result)) throw new Error(`step failed: ${result.error.code} ${result.error.message.en}`);
  return result;
}

async function complete(flow: Awaited<ReturnType<typeof loadFlow>>, previous: StepResult, definitionId: string, outcome = 'approve') {
  const open = previous.openTasks.find((t) => t.definitionId === definitionId);
  if (!open) throw new Error(`no open ${definitionId}`);
  return ok(await completeTask(flow, throughJson(previous.state), { taskId: open.id, outcome }, env()));
}

describe('parallel and inclusive gateways', () => {
  const parallel = wrap(`<bpmn:startEvent id="s" />${seq('f0', 's', 'fork')}
    <bpmn:parallelGateway id="fork" />${seq('f1', 'fork', 'expert')}${seq('f2', 'fork', 'site')}
    ${task('expert')}${task('site')}${seq('f3', 'expert', 'join')}${seq('f4', 'site', 'join')}
    <bpmn:parallelGateway id="join" />${seq('f5', 'join', 'decide')}${task('decide')}${seq('f6', 'decide', 'done')}
    <bpmn:endEvent id="done" shenbao:outcome="recognised" />`);

  it('opens both branches at a fork and goes on only when both reached the join', async () => {
    const flow = await loadFlow(parallel);
    const started = ok(await startFlow(flow, { variables: {}, env: env() }));
    expect(started.openTasks.map((t) => t.id)).toEqual(['expert-1', 'site-2']);
    const oneDone = await complete(flow, started, 'expert');
    expect(oneDone.openTasks.map((t) => t.id)).toEqual(['site-2']);
    expect(oneDone.trail).toEqual([]);
    const bothDone = await complete(flow, oneDone, 'site');
    expect(bothDone.trail).toEqual(['join', 'decide']);
    expect(bothDone.openTasks.map((t) => t.id)).toEqual(['decide-3']);
    const decided = await complete(flow, bothDone, 'decide');
    expect(decided.outcome).toEqual({ endEventId: 'done', outcome: 'recognised' });
  });

  it('takes every true condition at an inclusive split, and the default when none holds', async () => {
    const flow = await loadFlow(wrap(`<bpmn:startEvent id="s" />${seq('f0', 's', 'which')}
      <bpmn:inclusiveGateway id="which" default="fNone" />
      ${seq('fA', 'which', 'a', '=basic.a')}${seq('fB', 'which', 'b', '=basic.b')}${seq('fNone', 'which', 'none')}
      ${task('a')}${task('b')}${task('none')}`));
    const both = ok(await startFlow(flow, { variables: { basic: { a: true, b: true } }, env: env() }));
    expect(both.openTasks.map((t) => t.definitionId)).toEqual(['a', 'b']);
    expect(both.takenFlows).toEqual(['f0', 'fA', 'fB']);
    const neither = ok(await startFlow(flow, { variables: { basic: { a: false, b: false } }, env: env() }));
    expect(neither.openTasks.map((t) => t.definitionId)).toEqual(['none']);
  });

  it('takes the first true condition of an exclusive gateway in document order', async () => {
    const flow = await loadFlow(wrap(`<bpmn:startEvent id="s" />${seq('f0', 's', 'x')}
      <bpmn:exclusiveGateway id="x" default="fC" />
      ${seq('fA', 'x', 'a', '=basic.score >= 60')}${seq('fB', 'x', 'b', '=basic.score >= 80')}${seq('fC', 'x', 'c')}
      ${task('a')}${task('b')}${task('c')}`));
    const high = ok(await startFlow(flow, { variables: { basic: { score: 90 } }, env: env() }));
    expect(high.openTasks.map((t) => t.definitionId)).toEqual(['a']);
  });

  it('fails a step, as data, when a flow loops without ever waiting', async () => {
    const flow = await loadFlow(wrap(`<bpmn:startEvent id="s" />${seq('f0', 's', 'x')}
      <bpmn:exclusiveGateway id="x" default="back" />${seq('back', 'x', 'y')}
      <bpmn:exclusiveGateway id="y" default="again" />${seq('again', 'y', 'x')}`));
    const result = await startFlow(flow, { variables: {}, env: env() });
    expect(isStepFailure(result) && result.error.code).toBe('SB_ERR_ENGINE');
  });
});

describe('deadlines that do not interrupt', () => {
  it('leaves the task open and follows the timer path too', async () => {
    const flow = await loadFlow(wrap(`<bpmn:startEvent id="s" />${seq('f0', 's', 'review')}
      ${task('review', 'shenbao:dueDate="P5D"')}${seq('f1', 'review', 'done')}<bpmn:endEvent id="done" />
      <bpmn:boundaryEvent id="remind" attachedToRef="review" cancelActivity="false"><bpmn:timerEventDefinition /></bpmn:boundaryEvent>
      ${seq('f2', 'remind', 'chase')}${task('chase')}${seq('f3', 'chase', 'chased')}<bpmn:endEvent id="chased" />`));
    const started = ok(await startFlow(flow, { variables: {}, env: env() }));
    expect(started.timers).toEqual([{ id: 'review-1/remind', kind: 'task-deadline', taskId: 'review-1', dueAt: '2020-10-06T02:00:00.000Z', boundaryEventId: 'remind' }]);
    const fired = ok(await fireTimer(flow, throughJson(started.state), 'review-1/remind', env()));
    expect(fired.openTasks.map((t) => t.id)).toEqual(['review-1', 'chase-2']);
    expect(fired.timers).toEqual([]);
    const reviewed = await complete(flow, fired, 'review');
    expect(reviewed.status).toBe('waiting');
    const chased = await complete(flow, reviewed, 'chase');
    expect(chased.outcome?.endEventId).toBe('chased');
  });
});

describe('what inspectFlow refuses', () => {
  const refusals: Array<[string, string, RegExp]> = [
    ['a script task', `<bpmn:startEvent id="s" />${seq('f', 's', 'js')}<bpmn:scriptTask id="js" />`, /^js: .*script tasks are not supported/],
    ['a message start event', `<bpmn:startEvent id="s"><bpmn:messageEventDefinition /></bpmn:startEvent>`, /^s: .*plain start event/],
    ['a second start event', `<bpmn:startEvent id="s" /><bpmn:startEvent id="s2" />`, /^s2: .*second start event/],
    ['no start event', task('t'), /^p: .*no start event/],
    ['a terminate end event', `<bpmn:startEvent id="s" />${seq('f', 's', 'e')}<bpmn:endEvent id="e"><bpmn:terminateEventDefinition /></bpmn:endEvent>`, /^e: .*plain end event/],
    ['an inclusive join', `<bpmn:startEvent id="s" /><bpmn:inclusiveGateway id="g" />${seq('f1', 's', 'g')}${task('t')}${seq('f2', 't', 'g')}`, /^g: .*inclusive gateway/],
    ['a message boundary event', `<bpmn:startEvent id="s" />${task('t')}<bpmn:boundaryEvent id="b" attachedToRef="t"><bpmn:messageEventDefinition /></bpmn:boundaryEvent>`, /^b: .*timer boundary/],
    ['a condition that is not FEEL', `<bpmn:startEvent id="s" />${seq('f', 's', 't', '${approved}')}${task('t')}`, /^f: .*FEEL/],
  ];
  for (const [what, body, expected] of refusals) {
    it(`refuses ${what}`, async () => {
      const { problems } = await inspectFlow(wrap(body));
      expect(problems.map((p) => `${p.params?.element}: ${p.message.en}`)).toEqual([expect.stringMatching(expected)]);
    });
  }
});

describe('states written by the bpmn-engine runner (format 1)', () => {
  const v1 = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/flows/review-with-return.v1-state.json', import.meta.url)), 'utf8'));

  it('carry on: the open task completes and gateways still see the data and earlier task results', async () => {
    const flow = await loadTestFlow('review-with-return');
    expect(v1.format).toBe('shenbao-flow/1');
    const reported = ok(await completeTask(flow, v1, { taskId: 'report-2', outcome: 'report' }, env()));
    expect(reported.state.format).toBe('shenbao-flow/2');
    expect(reported.openTasks.map((t) => [t.id, t.organisation])).toEqual([['decide-3', 'province-office']]);
    expect(reported.state.engine?.variables).toMatchObject({ basic: reviewVariables.basic, recommend: { outcome: 'approve', data: { opinion: '同意推荐' } } });
    expect(reported.state.engine?.variables).not.toHaveProperty('fields');
    const decided = ok(await completeTask(flow, throughJson(reported.state), { taskId: 'decide-3', outcome: 'recognise' }, env()));
    expect(decided.outcome?.outcome).toBe('recognised');
  });

  it('fire their pending boundary timers', async () => {
    const flow = await loadTestFlow('review-with-return');
    const late = ok(await fireTimer(flow, v1, 'report-2/reportDeadline', env()));
    expect(late.outcome?.endEventId).toBe('notReported');
    expect(late.trail).toEqual(['reportDeadline', 'notReported']);
  });
});
