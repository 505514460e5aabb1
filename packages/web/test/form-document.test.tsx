/**
 * A section as a document to read (issue 13 item 9): label and value rows, groups, tables as tables, files by name
 * with a download link, units by name, choices by their titles — and not one input or button.
 */
import { describe, expect, it } from 'vitest';
import { FormDocument } from '../src/workspace/FormDocument.tsx';
import { renderWithI18n } from './render-helpers.tsx';

const schema = {
  type: 'object',
  properties: {
    name: { type: 'string', title: '平台名称', maxLength: 50 },
    overview: { type: 'string', title: '平台简介', maxLength: 2000 },
    recommender: { type: 'string', title: '推荐单位', 'x-organisation': { role: 'recommender' } },
    proof: { type: 'string', title: '场地证明', 'x-attachment': { accept: ['pdf'] } },
    kind: { type: 'string', title: '类型', oneOf: [{ const: 'a', title: '综合型' }, { const: 'b', title: '专业型' }] },
    methods: { type: 'array', title: '测评方法', items: { type: 'string', enum: ['上门拜访', '电话询问'] } },
    ratio: { type: 'number', title: '公共空间占比', 'x-format': 'percent', 'x-computed': '=1' },
    other: { type: 'string', title: '其他说明', 'x-fillable': '=false' },
    contact: { type: 'object', title: '联系人', properties: { person: { type: 'string', title: '姓名' } } },
    staff: {
      type: 'array', title: '团队成员',
      items: { type: 'object', properties: { who: { type: 'string', title: '姓名' }, role: { type: 'string', title: '职务' } } },
    },
    missing: { type: 'string', title: '备注' },
  },
};

const data = {
  name: '泉城创客汇', overview: '第一段\n第二段', recommender: 'jinan-kx', proof: 'file-1', kind: 'b', methods: ['上门拜访', '电话询问'],
  ratio: 0.375, contact: { person: '李晓梅' }, staff: [{ who: '王立新', role: '总经理' }, { who: '赵敏', role: '行政经理' }],
};

describe('FormDocument', () => {
  it('reads as rows and tables with names for ids, and holds no input or button', () => {
    const { container } = renderWithI18n(
      <FormDocument schema={schema} ui={{ 'ui:order': ['name', '*'] }} data={data} lookups={{ fileNames: { 'file-1': '场地证明.pdf' }, unitNames: { 'jinan-kx': '济南市科学技术协会' } }} />,
    );
    const cell = (pointer: string) => container.querySelector(`[data-pointer="${pointer}"]`);
    expect(cell('/name')?.textContent).toBe('泉城创客汇');
    expect(cell('/recommender')?.textContent).toBe('济南市科学技术协会');
    expect(cell('/kind')?.textContent).toBe('专业型');
    expect(cell('/methods')?.textContent).toBe('上门拜访、电话询问');
    expect(cell('/ratio')?.textContent).toBe('37.5%');
    expect(cell('/contact/person')?.textContent).toBe('李晓梅');
    expect(cell('/missing')?.textContent).toBe('未填写');
    // A field shown only under a condition that did not hold is left out.
    expect(cell('/other')).toBeNull();
    const links = [...cell('/proof')!.querySelectorAll('a')].map((a) => [a.textContent?.trim(), a.getAttribute('href')]);
    expect(links).toEqual([['场地证明.pdf', '/api/files/file-1?inline=1'], ['下载', '/api/files/file-1']]);
    const table = cell('/staff')!.querySelector('table')!;
    expect([...table.querySelectorAll(':scope > thead th')].map((th) => th.textContent)).toEqual(['#', '姓名', '职务']);
    expect([...table.querySelectorAll(':scope > tbody > tr')].map((tr) => tr.textContent)).toEqual(['1王立新总经理', '2赵敏行政经理']);
    expect(container.querySelectorAll('input, textarea, button, select')).toHaveLength(0);
    // Line breaks of long text are kept (pre-wrap), not collapsed.
    expect(cell('/overview')?.querySelector('.sb-doc__text')?.textContent).toBe('第一段\n第二段');
  });
});
