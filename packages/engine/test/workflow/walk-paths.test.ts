import { describe, expect, it } from 'vitest';
import { flowCheck, walkFlowPaths } from '../../src/workflow/index.ts';
import { flowXml, loadTestFlow, reviewVariables } from './flow-fixtures.ts';

describe('walkFlowPaths', () => {
  it('reaches every element of the review flow, and its paths end', async () => {
    const flow = await loadTestFlow('review-with-return');
    const walk = await walkFlowPaths(flow, reviewVariables);
    expect(walk.failures).toEqual([]);
    expect(walk.unreached).toEqual([]);
    expect(walk.truncated).toBe(false);
    const decisions = (path: string[]) => path.filter((step) => step.includes(':'));
    const all = walk.paths.map(decisions);
    expect(all).toContainEqual(['recommend:approve', 'report:report', 'decide:recognise']);
    expect(all).toContainEqual(['recommend:approve', 'reportDeadline:fired']);
    // the return loop is followed twice at most, then the path stops unfinished
    expect(all).toContainEqual(['recommend:return', 'revise:resubmit', 'recommend:return', 'revise:resubmit']);
    expect(walk.paths.some((p) => p.at(-1) === '…')).toBe(true);
    expect(walk.paths.every((p) => decisions(p).filter((d) => d.startsWith('recommend:')).length <= 2)).toBe(true);
  });

  it('names the branch the fixture data never takes', async () => {
    const flow = await loadTestFlow('data-gateway');
    const small = await walkFlowPaths(flow, { site: { area: 120 } });
    expect(small.unreached).toEqual(['large', 'onSiteCheck', 'toChecked', 'checked']);
    const large = await walkFlowPaths(flow, { site: { area: 800 } });
    expect(large.unreached).toEqual(['small', 'tooSmall']);
  });
});

describe('flowCheck', () => {
  it('reports unknown roles, forms, prints, and elements no fixture reaches', async () => {
    const problems = await flowCheck({
      file: 'flow.bpmn',
      xml: flowXml('data-gateway'),
      roles: ['applicant', 'province'],
      fixtures: [{ name: 'small.json', variables: { site: { area: 120 } } }],
    });
    expect(problems.map((p) => [p.code, p.element])).toEqual([
      ['flow/unknown-role', 'onSiteCheck'],
      ['flow/unreachable', 'large'],
      ['flow/unreachable', 'onSiteCheck'],
      ['flow/unreachable', 'toChecked'],
      ['flow/unreachable', 'checked'],
    ]);
  });

  it('is clean when the programme declares everything and fixtures cover both branches', async () => {
    const problems = await flowCheck({
      file: 'flow.bpmn',
      xml: flowXml('review-with-return'),
      roles: ['applicant', 'recommender', 'province'],
      taskForms: ['recommend-review'],
      prints: ['certificate'],
      fixtures: [{ name: 'complete.json', variables: reviewVariables }],
    });
    expect(problems).toEqual([]);
  });

  it('reports a print the programme does not declare', async () => {
    const problems = await flowCheck({ file: 'flow.bpmn', xml: flowXml('review-with-return'), prints: ['book'] });
    expect(problems.map((p) => [p.code, p.element])).toEqual([['flow/unknown-print', 'printCertificate']]);
  });
});
