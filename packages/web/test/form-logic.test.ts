import { describe, expect, it } from 'vitest';
import { evaluateFormLogic } from '../src/forms/form-logic.ts';
import { planForm, readsOutcome } from '../src/forms/form-plan.ts';
import { formErrorsToErrorSchema } from '../src/forms/error-mapping.ts';
import { mergeLocalEdits } from '../src/forms/merge-local-edits.ts';
import { checkFileAgainstLimits, parseSize } from '../src/forms/file-limits.ts';

describe('error mapping', () => {
  it('nests pointer errors into rjsf error schema in the chosen language, unescaping pointer segments', () => {
    const errors = {
      '/mobile': [{ zh: '手机号格式不正确', en: 'Invalid mobile' }],
      '/rows/2/file': [{ zh: '请上传文件', en: 'Upload a file' }, { zh: '文件过大', en: 'Too large' }],
      '/a~1b': [{ zh: '斜杠', en: 'slash' }],
      '': [{ zh: '本节不完整', en: 'Incomplete' }],
    };
    expect(formErrorsToErrorSchema(errors, 'zh')).toEqual({
      __errors: ['本节不完整'],
      mobile: { __errors: ['手机号格式不正确'] },
      rows: { 2: { file: { __errors: ['请上传文件', '文件过大'] } } },
      'a/b': { __errors: ['斜杠'] },
    });
    expect(formErrorsToErrorSchema(errors, 'en')).toMatchObject({ mobile: { __errors: ['Invalid mobile'] } });
  });
});

describe('form logic', () => {
  const schema = {
    type: 'object',
    properties: {
      teams: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            state: { type: 'string' },
            movedOutOn: { type: 'string', 'x-fillable': '=state = "moved"' },
            members: { type: 'integer', 'x-fillable': '=state != "moved"' },
          },
        },
      },
      teamCount: { type: 'integer', 'x-computed': '=count(teams)' },
      movedShare: { type: 'number', 'x-computed': '=if teamCount > 0 then count(teams[state = "moved"]) / teamCount else null' },
    },
  };

  it('evaluates row rules per row and section totals after rows, in schema order', () => {
    const plan = planForm(schema);
    const { states } = evaluateFormLogic(plan, { teams: [{ state: 'in' }, { state: 'moved' }, { state: 'moved', members: 3 }] });
    expect(states.get('/teams/0/movedOutOn')?.fillable).toBe(false);
    expect(states.get('/teams/1/movedOutOn')?.fillable).toBe(true);
    expect(states.get('/teams/2/members')?.fillable).toBe(false);
    expect(states.get('/teamCount')?.computed?.value).toBe(3);
    // movedShare reads teamCount, computed just before it.
    expect(states.get('/movedShare')?.computed?.value).toBeCloseTo(2 / 3);
  });

  it('leaves a computed field empty when there is nothing to compute from', () => {
    const { states } = evaluateFormLogic(planForm(schema), { teams: [] });
    expect(states.get('/teamCount')?.computed?.value).toBe(0);
    expect(states.get('/movedShare')?.computed?.value).toBeNull();
  });

  it('treats empty strings as not filled, as the server does', () => {
    const conditional = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string', 'x-required': '=a != null' } } };
    expect(evaluateFormLogic(planForm(conditional), { a: '' }).states.get('/b')?.required).toBe(false);
    expect(evaluateFormLogic(planForm(conditional), { a: 'x' }).states.get('/b')?.required).toBe(true);
  });

  it('lets a task form require fields for the outcome the reviewer picks (null until one is picked)', () => {
    const taskForm = {
      type: 'object',
      properties: {
        stampedBook: { type: 'string', 'x-required': '=outcome = "approve"' },
        reason: { type: 'string', 'x-fillable': '=outcome != "approve"' },
        opinion: { type: 'string' },
      },
    };
    const plan = planForm(taskForm);
    expect(readsOutcome(plan)).toBe(true);
    expect(readsOutcome(planForm({ type: 'object', properties: { a: { type: 'string', 'x-required': '=outcomeNote != null' } } }))).toBe(false);
    const statesFor = (outcome: string | null) => evaluateFormLogic(plan, {}, {}, { outcome }).states;
    expect(statesFor(null).get('/stampedBook')?.required).toBe(false);
    expect(statesFor('approve').get('/stampedBook')?.required).toBe(true);
    expect(statesFor('approve').get('/reason')?.fillable).toBe(false);
    expect(statesFor('return').get('/stampedBook')?.required).toBe(false);
    expect(statesFor('return').get('/reason')?.fillable).toBe(true);
  });
});

describe('merging local edits after a conflict', () => {
  it('applies only what the user changed on top of the latest data', () => {
    const base = { name: 'A', phone: '1', rows: [{ x: 1 }] };
    const mine = { name: 'A2', phone: '1', rows: [{ x: 1 }] };
    const theirs = { name: 'A', phone: '2', rows: [{ x: 1 }, { x: 2 }] };
    expect(mergeLocalEdits(base, mine, theirs)).toEqual({ name: 'A2', phone: '2', rows: [{ x: 1 }, { x: 2 }] });
  });

  it('keeps a removed field removed and a changed table whole', () => {
    expect(mergeLocalEdits({ a: 1, t: [1] }, { t: [1, 3] }, { a: 2, t: [9] })).toEqual({ t: [1, 3] });
  });
});

describe('file limits', () => {
  it('reads sizes as programme folders write them', () => {
    expect(parseSize('20MB')).toBe(20 * 1024 * 1024);
    expect(parseSize('3 MB')).toBe(3 * 1024 * 1024);
    expect(parseSize('500KB')).toBe(500 * 1024);
    expect(parseSize('lots')).toBeUndefined();
  });

  it('accepts .jpeg for jpg and refuses empty files', () => {
    expect(checkFileAgainstLimits({ name: 'a.JPEG', size: 10 }, { accept: ['jpg'] }, 'zh')).toBeUndefined();
    expect(checkFileAgainstLimits({ name: 'a.pdf', size: 0 }, { accept: ['pdf'] }, 'zh')?.key).toBe('attachment.empty');
  });
});
