import { describe, expect, it } from 'vitest';
import type { SectionDefinition } from '../src/api/sections.ts';
import { fieldLabel, valueText } from '../src/workspace/field-labels.ts';

const sections: SectionDefinition[] = [{
  id: 'report', title: '财务情况', titleText: { zh: '财务情况', en: 'Finance' }, ui: null,
  schema: {
    type: 'object',
    properties: {
      finance: { title: '年度营业收入', type: 'number' },
      proof: { title: '审计报告', type: 'string', 'x-attachment': { accept: ['pdf'] } },
      kind: { title: '单位性质', type: 'string', oneOf: [{ const: 'private', title: '民营企业' }, { const: 'state', title: '国有企业' }] },
      team: { title: '服务团队', type: 'array', items: { type: 'object', properties: { name: { title: '姓名', type: 'string' } } } },
    },
    allOf: [{ if: { properties: { kind: { const: 'state' } } }, then: { properties: { parent: { title: '上级单位', type: 'string' } } } }],
  },
}];
const title = (section: SectionDefinition) => section.title;
const words = { file: '（文件）', yes: '是', no: '否' };

describe('names for pointers', () => {
  it('names a field, a row field and a conditional field by their titles, not their pointers', () => {
    expect(fieldLabel(sections, '/report/finance', 'zh', title)).toMatchObject({ section: '财务情况', field: '年度营业收入' });
    expect(fieldLabel(sections, '/report/team/1/name', 'zh', title)).toMatchObject({ field: '服务团队 › 第 2 行 › 姓名' });
    expect(fieldLabel(sections, '/report/team/1/name', 'en', title)).toMatchObject({ field: '服务团队 › row 2 › 姓名' });
    expect(fieldLabel(sections, '/report/parent', 'zh', title)).toMatchObject({ field: '上级单位' });
  });

  it('keeps what it cannot name readable: an unknown field by its key, an unknown section by its id', () => {
    expect(fieldLabel(sections, '/report/gone', 'zh', title)).toMatchObject({ section: '财务情况', field: 'gone' });
    expect(fieldLabel(sections, '/other/x', 'zh', title)).toMatchObject({ section: 'other', field: 'x' });
  });

  it('shows files by name, choices by title, rows by their values', () => {
    const proof = fieldLabel(sections, '/report/proof', 'zh', title).schema;
    expect(valueText(proof, 'f-1', { 'f-1': '审计报告2025.pdf' }, words)).toBe('审计报告2025.pdf');
    expect(valueText(proof, 'f-2', {}, words)).toBe('（文件）');
    expect(valueText(fieldLabel(sections, '/report/kind', 'zh', title).schema, 'state', {}, words)).toBe('国有企业');
    expect(valueText(fieldLabel(sections, '/report/team/0', 'zh', title).schema, { name: '张三' }, {}, words)).toBe('姓名：张三');
    expect(valueText(undefined, null, {}, words)).toBe('—');
    expect(valueText(undefined, true, {}, words)).toBe('是');
  });
});
