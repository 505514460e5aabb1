import { describe, expect, it } from 'vitest';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { SectionForm } from '../src/forms/SectionForm.tsx';
import type { Uploader } from '../src/api/upload.ts';
import { renderWithI18n } from './render-helpers.tsx';

// Issue 13 item 9: "help text printed twice under text areas". Programme folders (sx-makerspace-2022's
// intro and report sections) carry the same guidance as the schema's description and as ui:help.

const neverUpload: Uploader = () => Promise.reject(new Error('no upload in this test'));
const guidance = '主要描述众创空间基本情况、特色、现状、发展设想、已取得成绩等';
const schema: RJSFSchema = {
  type: 'object',
  properties: {
    summary: { type: 'string', title: '运营情况简介', maxLength: 5000, description: guidance },
    note: { type: 'string', title: '备注', description: '可不填' },
    proof: { type: 'string', title: '证明编号' },
  },
};

const occurrences = (text: string) => (document.body.textContent ?? '').split(text).length - 1;

function renderForm(uiSchema: UiSchema, errors = {}) {
  return renderWithI18n(<SectionForm schema={schema} uiSchema={uiSchema} errors={errors} initial={{ data: {}, version: 1 }} uploader={neverUpload} />);
}

describe('help text under a field', () => {
  it('shows guidance given both as description and as ui:help once, under a text area', () => {
    renderForm({ summary: { 'ui:widget': 'textarea', 'ui:options': { rows: 12 }, 'ui:help': guidance } });
    expect(document.getElementById('root_summary')?.tagName).toBe('TEXTAREA');
    expect(occurrences(guidance)).toBe(1);
  });

  it('also when the two differ only in spaces and line breaks', () => {
    renderForm({ summary: { 'ui:widget': 'textarea', 'ui:help': `${guidance.slice(0, 10)}\n ${guidance.slice(10)}` } });
    expect(occurrences(guidance)).toBe(1);
    expect(occurrences(guidance.slice(10))).toBe(1);
  });

  it('keeps a help that says something else than the description, both once', () => {
    renderForm({ note: { 'ui:widget': 'textarea', 'ui:help': '200字以内' } });
    expect(occurrences('可不填')).toBe(1);
    expect(occurrences('200字以内')).toBe(1);
  });

  it('shows a field error beside its help (antd showed the help instead of the error)', () => {
    renderForm({ proof: { 'ui:help': '填写证书上的编号' } }, { '/proof': [{ zh: '编号格式不正确', en: 'Malformed number' }] });
    expect(occurrences('填写证书上的编号')).toBe(1);
    expect(occurrences('编号格式不正确')).toBe(1);
  });
});
