import { describe, expect, it } from 'vitest';
import { compileProgramme, compileRules, createRecordingLogger, evaluateRules, loadProgramme, type CompiledProgramme } from '../src/index.ts';
import { editJson, miniFiling } from './helpers/programme-files.ts';

function compileMini(files = miniFiling()): CompiledProgramme {
  const { programme, problems } = loadProgramme(files);
  expect(problems).toEqual([]);
  return compileProgramme(programme!);
}

const mini = compileMini();
const site = (rows: unknown[], extra: Record<string, unknown> = {}) => ({ rows, ...extra });
const row = (area: number, teamArea: number, publicArea: number, extra: Record<string, unknown> = {}) =>
  ({ address: '济南市', area, teamArea, publicArea, desks: 10, tenure: '租赁', ...extra });

describe('computed fields (the national filing site table)', () => {
  it('sums the table and computes the ratio on save', () => {
    const { data, errors } = mini.saveSection('site', site([row(400, 250, 100), row(200, 120, 60)]));
    expect(errors).toEqual({});
    expect(data).toMatchObject({ totalArea: 600, teamAreaTotal: 370, publicAreaTotal: 160, desksTotal: 20 });
    expect(data.serviceRatio).toBeCloseTo(530 / 600, 10);
  });

  it('ignores what the client sends for computed fields, also inside rows', () => {
    const { data } = mini.saveSection('site', site([row(100, 50, 10, { serviceArea: 9999 })], { totalArea: 1e9, serviceRatio: 1 }));
    expect(data.totalArea).toBe(100);
    expect(data.serviceRatio).toBeCloseTo(0.6, 10);
    expect((data.rows as Array<Record<string, unknown>>)[0]!.serviceArea).toBe(60);
  });

  it('computes row fields before the section sums that read them', () => {
    const { data } = mini.saveSection('site', site([row(100, 50, 10), row(100, 20, 20)]));
    expect(data.serviceAreaTotal).toBe(100);
  });

  it('leaves a ratio empty when there is nothing to divide by, without an error', () => {
    const { data, errors } = mini.saveSection('site', site([]));
    expect(data).not.toHaveProperty('serviceRatio');
    expect(data).not.toHaveProperty('totalArea');
    expect(errors).toEqual({});
  });

  it('does not change the data it was given', () => {
    const input = site([row(100, 50, 10, { serviceArea: 1 })], { totalArea: 5 });
    const copy = structuredClone(input);
    mini.saveSection('site', input);
    expect(input).toEqual(copy);
  });

  it('computes over a 200-row table', () => {
    const rows = Array.from({ length: 200 }, (_, i) => row(i + 1, 1, 1));
    const { data, errors } = mini.saveSection('site', site(rows));
    expect(errors).toEqual({});
    expect(data.totalArea).toBe((200 * 201) / 2);
  });
});

describe('fillability (team status)', () => {
  const teams = (list: unknown[]) => ({ teams: list });

  it('clears the fields a team in the space cannot fill', () => {
    const { data } = mini.saveSection('teams', teams([{ name: '甲', status: 'incubating', members: 5, registeredOn: '2020-01-01', movedOutOn: '2021-01-01', agreement: 'a' }]));
    expect((data.teams as unknown[])[0]).toEqual({ name: '甲', status: 'incubating', members: 5, agreement: 'a' });
  });

  it('clears team size and move-out date of a converted team, keeps its registration date', () => {
    const { data } = mini.saveSection('teams', teams([{ name: '乙', status: 'converted', members: 5, registeredOn: '2020-01-01', movedOutOn: '2021-01-01', agreement: 'a' }]));
    expect((data.teams as unknown[])[0]).toEqual({ name: '乙', status: 'converted', registeredOn: '2020-01-01', agreement: 'a' });
  });

  it('clears team size and registration date of a team that moved out', () => {
    const { data } = mini.saveSection('teams', teams([{ name: '丙', status: 'movedOut', members: 5, registeredOn: '2020-01-01', movedOutOn: '2021-01-01', agreement: 'a' }]));
    expect((data.teams as unknown[])[0]).toEqual({ name: '丙', status: 'movedOut', movedOutOn: '2021-01-01', agreement: 'a' });
  });

  it('does not report a format error on a field it cleared', () => {
    const { errors } = mini.saveSection('teams', teams([{ name: '丁', status: 'incubating', members: 2, movedOutOn: 'not a date', agreement: 'a' }]));
    expect(errors).toEqual({});
  });

  it('requires the investment details only of a team that got investment, and only at submit', () => {
    const invested = { name: '戊', status: 'incubating', members: 3, agreement: 'a', invested: true };
    expect(mini.saveSection('teams', teams([invested])).errors).toEqual({});
    const full = mini.validateApplication({ teams: teams([invested]) });
    expect(full.errors['/teams/teams/0/investedOn']).toEqual([{ zh: '必填项', en: 'Required' }]);
    expect(full.errors['/teams/teams/0/investment']).toBeDefined();
    const notInvested = mini.validateApplication({ teams: teams([{ ...invested, invested: false, investment: 5 }]) });
    expect(notInvested.errors['/teams/teams/0/investedOn']).toBeUndefined();
    expect((notInvested.data.teams!.teams as Array<Record<string, unknown>>)[0]).not.toHaveProperty('investment');
  });

  it('counts the teams', () => {
    expect(mini.saveSection('teams', teams([{ name: 'a' }, { name: 'b' }])).data.teamCount).toBe(2);
  });
});

describe('draft save versus submit', () => {
  it('a draft save reports wrong formats and limits but not missing fields', () => {
    const { errors } = mini.saveSection('basic', { platformName: '空间', mobile: '12345' });
    expect(Object.keys(errors)).toEqual(['/basic/mobile']);
    expect(errors['/basic/mobile']).toEqual([{ zh: '请输入正确的手机号码', en: 'Enter a valid mainland China mobile number' }]);
  });

  it('submit reports every missing required field at the field itself', () => {
    const { errors, valid } = mini.validateApplication({ basic: { platformName: '空间' } });
    expect(valid).toBe(false);
    for (const field of ['uscc', 'mobile', 'email', 'recommender']) expect(errors[`/basic/${field}`], field).toEqual([{ zh: '必填项', en: 'Required' }]);
    expect(errors['/site/rows']).toEqual([{ zh: '必填项', en: 'Required' }]);
  });

  it('treats an emptied field ("") as not filled: no format error in a draft, required at submit', () => {
    expect(mini.saveSection('basic', { mobile: '' }).errors).toEqual({});
    expect(mini.validateApplication({ basic: { mobile: '' } }).errors['/basic/mobile']).toEqual([{ zh: '必填项', en: 'Required' }]);
  });

  it('tells a wrong check character from a wrong length in a credit code', () => {
    expect(mini.saveSection('basic', { uscc: '91350100M000100Y44' }).errors['/basic/uscc']).toEqual([
      { zh: '统一社会信用代码校验位不正确', en: 'The check character of the unified social credit code is wrong' },
    ]);
    expect(mini.saveSection('basic', { uscc: '9135' }).errors['/basic/uscc']![0]!.zh).toBe('统一社会信用代码应为 18 位');
  });

  it('reports wrong types and enum values in table rows with the row pointer', () => {
    const { errors } = mini.saveSection('site', site([row(100, 50, 10, { tenure: '借用', desks: 1.5 })]));
    expect(errors['/site/rows/0/tenure']).toEqual([{ zh: '请从选项中选择', en: 'Choose one of the options' }]);
    expect(errors['/site/rows/0/desks']).toEqual([{ zh: '应填写整数', en: 'Must be a whole number' }]);
  });

  it('answers an unknown section with an error, not an exception', () => {
    const result = mini.saveSection('nope', {});
    expect(result.valid).toBe(false);
    expect(result.errors['/nope']).toBeDefined();
  });

  it('answers data that is not an object with a type error', () => {
    const result = mini.saveSection('basic', 'garbage');
    expect(result.errors['/basic']![0]!.zh).toContain('应填写');
  });
});

describe('maxLength counts characters', () => {
  it('counts a CJK character as one', () => {
    expect(mini.saveSection('basic', { overview: '创'.repeat(2000) }).errors).toEqual({});
    expect(mini.saveSection('basic', { overview: '创'.repeat(2001) }).errors['/basic/overview']).toEqual([{ zh: '最多 2000 个字', en: 'At most 2000 characters' }]);
  });

  it('counts an emoji (two UTF-16 units) as one', () => {
    expect(mini.saveSection('basic', { overview: '😀'.repeat(2000) }).errors).toEqual({});
    expect(mini.saveSection('basic', { overview: '😀'.repeat(2001) }).errors['/basic/overview']).toBeDefined();
  });
});

describe('application validation and rules', () => {
  const complete = JSON.parse(miniFiling()['fixtures/complete.json']!).data;

  it('passes a complete application, with every rule evaluated', () => {
    const result = mini.validateApplication(complete);
    expect(result.errors).toEqual({});
    expect(result.valid).toBe(true);
    expect(result.rules.map((r) => [r.id, r.passed])).toEqual([['min-area', true], ['service-ratio', true]]);
    expect(result.data.site!.totalArea).toBe(600);
  });

  it('a failed hard rule blocks submit; a failed soft rule only warns', () => {
    const small = structuredClone(complete);
    small.site.rows = [row(100, 80, 10)];
    const blocked = mini.validateApplication(small);
    expect(blocked.valid).toBe(false);
    expect(blocked.rules.find((r) => r.id === 'min-area')).toMatchObject({ passed: false, severity: 'hard', fields: ['/site/rows'] });

    const lowRatio = structuredClone(complete);
    lowRatio.site.rows = [row(600, 100, 100)];
    const warned = mini.validateApplication(lowRatio);
    expect(warned.rules.find((r) => r.id === 'service-ratio')).toMatchObject({ passed: false, severity: 'soft' });
    expect(warned.valid).toBe(true);
  });

  it('checkRules recomputes totals, ignoring stale client totals', () => {
    const stale = structuredClone(complete);
    stale.site.totalArea = 10;
    expect(mini.checkRules(stale).find((r) => r.id === 'min-area')!.passed).toBe(true);
  });

  it('a rule on missing data fails rather than passing', () => {
    expect(mini.checkRules({}).find((r) => r.id === 'min-area')!.passed).toBe(false);
  });

  it('evaluates each rule on the fast path, through feelin when the fast path defers, and reports broken ones', () => {
    const rule = (id: string, expr: string) => ({ id, severity: 'hard' as const, expr, message: { zh: `规则${id}`, en: `Rule ${id}` } });
    const rules = compileRules([
      rule('fast', '=site.area >= 500'),
      { ...rule('deferred', '=site.label < 5'), severity: 'soft' as const, fields: ['/site/label'] },
      rule('feelin-only', '=date(site.on) + duration("P1D") > date("2021-01-01")'),
      rule('broken', '=site.area >='),
    ]);
    const results = evaluateRules(rules, { site: { area: 600, label: 'x', on: '2021-01-01' } });
    expect(results.slice(0, 3)).toEqual([
      { id: 'fast', severity: 'hard', message: { zh: '规则fast', en: 'Rule fast' }, fields: [], passed: true },
      // A string against a number: the fast path defers, feelin answers null, which fails the rule.
      { id: 'deferred', severity: 'soft', message: { zh: '规则deferred', en: 'Rule deferred' }, fields: ['/site/label'], passed: false },
      { id: 'feelin-only', severity: 'hard', message: { zh: '规则feelin-only', en: 'Rule feelin-only' }, fields: [], passed: true },
    ]);
    expect(results[3]).toMatchObject({ id: 'broken', passed: false, error: { en: expect.stringContaining('syntax error') as unknown } });
  });
});

describe('task forms', () => {
  it('validates a reviewer form completely, with form-level pointers', () => {
    const result = mini.validateTaskForm('recommend-review', { contactName: '王', contactMobile: '123' });
    expect(result.errors).toEqual({
      '/contactMobile': [{ zh: '请输入正确的手机号码', en: 'Enter a valid mainland China mobile number' }],
      '/opinion': [{ zh: '必填项', en: 'Required' }],
    });
    expect(mini.validateTaskForm('recommend-review', { contactName: '王', contactMobile: '13812345678', opinion: '同意' }).valid).toBe(true);
  });

  it('answers an unknown task form with an error', () => {
    expect(mini.validateTaskForm('nope', {}).valid).toBe(false);
  });
});

describe('expressions that fail at run time', () => {
  it('log a warning and leave the computed field empty instead of throwing', () => {
    // feelin itself throws on ordering null against a boolean ("unsupported range").
    const files = editJson(miniFiling(), 'forms/site.schema.json', (schema) => {
      schema.properties.totalArea['x-computed'] = '=if missing < false then 1 else 2';
    });
    const { programme } = loadProgramme(files);
    const logger = createRecordingLogger();
    // A fresh programme object: compileProgramme caches per object.
    const compiled = compileProgramme(programme!, { logger });
    const { data, errors } = compiled.saveSection('site', site([row(1, 1, 1)]));
    expect(data).not.toHaveProperty('totalArea');
    expect(errors).toEqual({});
    expect(logger.entries).toEqual([expect.objectContaining({ level: 'warn', message: 'computed field failed', data: expect.objectContaining({ field: '/totalArea' }) })]);
  });
});
