import { describe, expect, it } from 'vitest';
import { inspectFlow, loadFlow, WorkflowError } from '../../src/workflow/index.ts';
import { flowXml } from './flow-fixtures.ts';

const wrap = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:shenbao="https://shenbao.dev/schema/bpmn" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`;

describe('loadFlow reads the programme-format conventions', () => {
  it('reads user tasks, service tasks, end events, boundary deadlines and gateways', async () => {
    const flow = await loadFlow(flowXml('review-with-return'));
    expect(flow.processId).toBe('application');
    expect(flow.userTasks.recommend).toEqual({
      id: 'recommend',
      name: '推荐单位审核',
      role: 'recommender',
      roles: ['recommender'],
      formKey: 'recommend-review',
      organisationExpr: '=basic.recommender',
      outcomes: ['approve', 'return'],
      withdrawable: true,
      kind: 'review',
      dueDateExpr: '=windows.recommend.closes',
      deadlineEvents: [],
    });
    expect(flow.userTasks.report?.deadlineEvents).toEqual(['reportDeadline']);
    expect(flow.serviceTasks.printCertificate).toMatchObject({ action: 'print', print: 'certificate' });
    expect(flow.endEvents.recognised).toMatchObject({ outcome: 'recognised', validFor: 'P3Y' });
    expect(flow.gateways.recommendDecision).toMatchObject({
      defaultFlow: 'returned',
      outgoing: expect.arrayContaining([{ flowId: 'approved', target: 'freeze', condition: '=recommend.outcome = "approve"' }]),
    });
    expect(flow.elementIds).toContain('resubmitted');
  });

  it('lists every problem as data', async () => {
    const { problems } = await inspectFlow(
      wrap(`
      <bpmn:startEvent id="s" />
      <bpmn:userTask id="noRole" shenbao:kind="vote" />
      <bpmn:serviceTask id="mystery" />
      <bpmn:serviceTask id="printNothing" shenbao:action="print" />
      <bpmn:exclusiveGateway id="g" />
      <bpmn:sequenceFlow id="a" sourceRef="g" targetRef="s" />
      <bpmn:sequenceFlow id="b" sourceRef="g" targetRef="s"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${x}</bpmn:conditionExpression></bpmn:sequenceFlow>`),
    );
    const details = problems.map((p) => `${p.params?.element}: ${p.params?.detail}`);
    expect(details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^noRole: .*camunda:candidateGroups/),
        expect.stringMatching(/^noRole: .*shenbao:kind "vote"/),
        expect.stringMatching(/^mystery: .*shenbao:action/),
        expect.stringMatching(/^printNothing: .*shenbao:print/),
        expect.stringMatching(/^a: .*neither a condition/),
        expect.stringMatching(/^b: .*FEEL/),
      ]),
    );
    expect(problems.every((p) => p.code === 'SB_ERR_FLOW_INVALID' && p.message.zh && p.message.en)).toBe(true);
  });

  it('throws a typed error for XML that is not BPMN or has no process', async () => {
    await expect(loadFlow('<not-bpmn')).rejects.toBeInstanceOf(WorkflowError);
    await expect(loadFlow('<not-bpmn')).rejects.toMatchObject({ code: 'SB_ERR_FLOW_XML' });
    const noProcess = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t" />`;
    await expect(loadFlow(noProcess)).rejects.toMatchObject({ code: 'SB_ERR_FLOW_NO_PROCESS' });
  });

  it('gives a task without shenbao:outcomes one button: resubmit for a revise task, complete otherwise', async () => {
    const flow = await loadFlow(
      wrap(`<bpmn:startEvent id="s" /><bpmn:userTask id="fix" camunda:candidateGroups="applicant" shenbao:kind="revise" />
      <bpmn:userTask id="score" camunda:candidateGroups="expert" />`),
    );
    expect(flow.userTasks.fix?.outcomes).toEqual(['resubmit']);
    expect(flow.userTasks.score?.outcomes).toEqual(['complete']);
  });

  it('requires a time for a deadline event on a task without shenbao:dueDate', async () => {
    const { problems } = await inspectFlow(
      wrap(`<bpmn:startEvent id="s" /><bpmn:userTask id="t" camunda:candidateGroups="r" shenbao:outcomes="approve" />
      <bpmn:boundaryEvent id="late" attachedToRef="t"><bpmn:timerEventDefinition /></bpmn:boundaryEvent>`),
    );
    expect(problems.map((p) => p.params?.element)).toEqual(['late']);
  });
});
