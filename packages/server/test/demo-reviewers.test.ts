/**
 * The demo reviewer plan: deterministic numbers from the documented scheme, only units a flow task can reach.
 */
import { describe, expect, it } from 'vitest';
import type { ProgrammeManifest } from '@shenbao/engine';
import { planDemoReviewers } from '../src/demo/demo-reviewers.ts';
import { isMobile } from '../src/accounts/mobile.ts';

function manifest(id: string): ProgrammeManifest {
  return {
    id, version: '1', title: id, issuer: 'x', timeZone: 'Asia/Shanghai', windows: {}, applyWindow: 'apply', sections: [], flow: 'flow.bpmn',
    roles: { applicant: { title: 'a', kind: 'applicant' }, city: { title: 'c', kind: 'reviewer' }, idle: { title: 'i', kind: 'reviewer' } },
    organisations: {
      categories: [{ id: 'idle-cat', title: '闲置', role: 'idle' }, { id: 'city-cat', title: '市级', role: 'city' }],
      units: [{ id: `${id}-u1`, title: '甲市', category: 'city-cat' }, { id: `${id}-idle`, title: '闲置单位', category: 'idle-cat' }, { id: `${id}-u2`, title: '乙市', category: 'city-cat' }],
    },
  };
}

describe('demo reviewers', () => {
  it('numbers 137 PP CC UUUU by programme id order, category and unit position; skips roles no task names', () => {
    const plan = planDemoReviewers([
      { manifest: manifest('zz'), taskRoles: new Set(['city']) },
      { manifest: manifest('aa'), taskRoles: new Set(['city']) },
    ]);
    expect(plan.map((r) => [r.mobile, r.organisationId])).toEqual([
      ['13701020001', 'aa-u1'], ['13701020002', 'aa-u2'], ['13702020001', 'zz-u1'], ['13702020002', 'zz-u2'],
    ]);
    expect(plan.every((r) => isMobile(r.mobile))).toBe(true);
    expect(plan[0]!.name).toBe('甲市演示审核员');
  });
});
