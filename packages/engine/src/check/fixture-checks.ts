import type { Programme } from '../format/types.ts';
import { problem, type Problem } from '../problem.ts';
import type { CompiledProgramme } from '../validate/index.ts';

/**
 * Every fixture must validate as its `expect` says: valid or not, the rules it names must fail,
 * and the pointers it names must carry errors (an error on a field inside counts).
 */
export function checkFixtures(programme: Programme, compiled: CompiledProgramme): Problem[] {
  const found: Problem[] = [];
  const ruleIds = new Set((programme.manifest.rules ?? []).map((r) => r.id));
  for (const fixture of programme.fixtures) {
    const result = compiled.validateApplication(fixture.data);
    const failedRules = result.rules.filter((r) => !r.passed).map((r) => r.id);
    const errorPointers = Object.keys(result.errors);
    const summary = [...errorPointers, ...failedRules.map((id) => `rule:${id}`)].join(', ') || '—';
    if (result.valid !== fixture.expect.valid) {
      found.push(problem(fixture.path, 'SB_CHECK_FIXTURE_VALIDITY', fixture.expect.valid
        ? { zh: `样例应当有效，实际有问题：${summary}`, en: `The fixture should be valid but has: ${summary}` }
        : { zh: '样例应当无效，实际却通过了校验', en: 'The fixture should be invalid but passes' }));
    }
    for (const id of fixture.expect.rules ?? []) {
      if (!ruleIds.has(id)) found.push(problem(fixture.path, 'SB_CHECK_FIXTURE_UNKNOWN_RULE', { zh: `样例期望的规则“${id}”不存在`, en: `The fixture expects rule "${id}", which does not exist` }, { pointer: '/expect/rules' }));
      else if (!failedRules.includes(id)) found.push(problem(fixture.path, 'SB_CHECK_FIXTURE_RULE', { zh: `样例期望规则“${id}”不通过，实际通过了`, en: `The fixture expects rule "${id}" to fail, but it passes` }, { pointer: '/expect/rules' }));
    }
    for (const pointer of fixture.expect.errors ?? []) {
      if (!errorPointers.some((p) => p === pointer || p.startsWith(`${pointer}/`))) {
        found.push(problem(fixture.path, 'SB_CHECK_FIXTURE_ERROR', { zh: `样例期望 ${pointer} 有错误，实际没有（实际：${summary}）`, en: `The fixture expects an error at ${pointer}, but there is none (found: ${summary})` }, { pointer: '/expect/errors' }));
      }
    }
  }
  return found;
}
