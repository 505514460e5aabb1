import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { RJSFSchema } from '@rjsf/utils';
import { SectionForm } from '../src/forms/SectionForm.tsx';
import type { Uploader } from '../src/api/upload.ts';
import { I18nProvider } from '../src/i18n/i18n.tsx';
import { renderWithI18n } from './render-helpers.tsx';

const neverUpload: Uploader = () => Promise.reject(new Error('no upload in this test'));

function inputById(id: string): HTMLInputElement {
  const element = document.getElementById(id);
  if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)) throw new Error(`no input #${id}`);
  return element as HTMLInputElement;
}

describe('SectionForm: character counter', () => {
  const schema: RJSFSchema = { type: 'object', properties: { overview: { type: 'string', title: '概述', maxLength: 10 } } };

  it('shows how many characters are left and follows typing, counting code points', () => {
    renderWithI18n(<SectionForm schema={schema} initial={{ data: { overview: '山东' }, version: 1 }} uploader={neverUpload} />);
    expect(screen.getByTestId('character-counter').textContent).toBe('还能输入 8 个字');
    // A character outside the BMP is one character for JSON Schema maxLength.
    fireEvent.change(inputById('root_overview'), { target: { value: '山东𠀋科协' } });
    expect(screen.getByTestId('character-counter').textContent).toBe('还能输入 5 个字');
  });

  it('says how far a text is over the limit, in English when chosen', () => {
    renderWithI18n(<SectionForm schema={schema} initial={{ data: { overview: '0123456789AB' }, version: 1 }} uploader={neverUpload} />, 'en');
    expect(screen.getByTestId('character-counter').textContent).toBe('2 characters over the limit');
  });
});

describe('SectionForm: computed fields', () => {
  const schema: RJSFSchema = {
    type: 'object',
    properties: {
      sites: {
        type: 'array',
        title: '场地',
        items: { type: 'object', properties: { area: { type: 'number', title: '面积' } } },
      },
      totalArea: { type: 'number', title: '总面积', 'x-computed': '=sum(for r in sites return r.area)' } as RJSFSchema,
    },
  };

  it('shows the computed value read-only and updates it as a row changes', async () => {
    renderWithI18n(
      <SectionForm schema={schema} initial={{ data: { sites: [{ area: 100 }, { area: 50 }], totalArea: 1 }, version: 1 }} uploader={neverUpload} />,
    );
    const total = inputById('root_totalArea');
    // The stored (stale) value 1 is never shown: the engine's value is.
    expect(total.value).toBe('150');
    expect(total.readOnly || total.disabled).toBe(true);
    fireEvent.change(inputById('root_sites_0_area'), { target: { value: '120' } });
    await waitFor(() => expect(inputById('root_totalArea').value).toBe('170'));
  });

  it('counts the rows of a table as they are added, from an empty section', async () => {
    const counted: RJSFSchema = {
      type: 'object',
      properties: {
        reportCount: { type: 'integer', title: '报道次数', 'x-computed': '=if reports = null then 0 else count(reports)' } as RJSFSchema,
        reports: { type: 'array', title: '报道', items: { type: 'object', properties: { title: { type: 'string', title: '标题' } } } },
      },
    };
    renderWithI18n(<SectionForm schema={counted} uiSchema={{ reportCount: { 'ui:readonly': true } }} initial={{ data: {}, version: 1 }} uploader={neverUpload} />);
    expect(inputById('root_reportCount').value).toBe('0');
    const add = () => fireEvent.click(document.querySelector('.sb-table__add')!);
    add();
    await waitFor(() => expect(inputById('root_reportCount').value).toBe('1'));
    fireEvent.change(inputById('root_reports_0_title'), { target: { value: '报道一' } });
    add();
    await waitFor(() => expect(inputById('root_reportCount').value).toBe('2'));
  }, 20_000);

  it('shows a computed ratio with the percent display hint as a percentage', () => {
    const ratio: RJSFSchema = {
      type: 'object',
      properties: {
        rows: { type: 'array', title: '场地', items: { type: 'object', properties: { area: { type: 'number' }, teamArea: { type: 'number' } } } },
        share: { type: 'number', title: '占比', 'x-format': 'percent', 'x-computed': '=sum(for r in rows return r.teamArea) / sum(for r in rows return r.area)' } as RJSFSchema,
      },
    };
    renderWithI18n(<SectionForm schema={ratio} initial={{ data: { rows: [{ area: 2400, teamArea: 2120 }, { area: 800, teamArea: 720 }] }, version: 1 }} uploader={neverUpload} />);
    expect(inputById('root_share').value).toBe('88.75%');
    expect(inputById('root_share').readOnly).toBe(true);
  });

  it('keeps the live states when the page re-renders it with its loaded snapshot (as after a save)', async () => {
    const form = (initial: { data: Record<string, unknown>; version: number }) => (
      <I18nProvider initialLanguage="zh">
        <SectionForm schema={schema} initial={initial} uploader={neverUpload} />
      </I18nProvider>
    );
    const { rerender } = render(form({ data: { sites: [{ area: 100 }] }, version: 1 }));
    fireEvent.change(inputById('root_sites_0_area'), { target: { value: '120' } });
    await waitFor(() => expect(inputById('root_totalArea').value).toBe('120'));
    rerender(form({ data: { sites: [{ area: 100 }] }, version: 1 }));
    expect(inputById('root_totalArea').value).toBe('120');
  }, 20_000);
});

describe('SectionForm: conditional fields', () => {
  const schema: RJSFSchema = {
    type: 'object',
    properties: {
      hasBase: { type: 'string', title: '是否示范基地', enum: ['是', '否'] },
      baseName: { type: 'string', title: '基地名称', 'x-fillable': '=hasBase = "是"', 'x-required': '=hasBase = "是"' } as RJSFSchema,
    },
  };

  it('disables a field whose x-fillable is false and enables it when the answer changes', async () => {
    renderWithI18n(
      <SectionForm schema={schema} uiSchema={{ hasBase: { 'ui:widget': 'radio' } }} initial={{ data: { hasBase: '否' }, version: 1 }} uploader={neverUpload} />,
    );
    expect(inputById('root_baseName').disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('是'));
    await waitFor(() => expect(inputById('root_baseName').disabled).toBe(false));
    // x-required now holds: the label carries the required mark.
    const label = document.querySelector('label[for="root_baseName"]');
    expect(label?.className).toContain('required');
  });
});

describe('SectionForm: inline errors', () => {
  const schema: RJSFSchema = {
    type: 'object',
    properties: {
      mobile: { type: 'string', title: '手机' },
      rows: { type: 'array', items: { type: 'object', properties: { name: { type: 'string', title: '名称' } } } },
    },
  };

  it('shows server field errors at their fields in the chosen language and drops one when its field changes', async () => {
    const errors = {
      '/mobile': [{ zh: '请输入正确的手机号', en: 'Enter a valid mobile number' }],
      '/rows/1/name': [{ zh: '请填写名称', en: 'Name is required' }],
    };
    renderWithI18n(<SectionForm schema={schema} errors={errors} initial={{ data: { mobile: '123', rows: [{ name: 'a' }, {}] }, version: 1 }} uploader={neverUpload} />);
    expect(screen.getByText('请输入正确的手机号')).toBeTruthy();
    expect(screen.getByText('请填写名称')).toBeTruthy();
    fireEvent.change(inputById('root_mobile'), { target: { value: '13900000001' } });
    await waitFor(() => expect(screen.queryByText('请输入正确的手机号')).toBeNull());
    expect(screen.getByText('请填写名称')).toBeTruthy();
  });
});

describe('SectionForm: saving', () => {
  const schema: RJSFSchema = { type: 'object', properties: { name: { type: 'string', title: '名称' } } };

  it('saves with 暂存 and, after a stale save, reloads the latest data keeping what was typed', async () => {
    const { ApiError } = await import('../src/api/api-error.ts');
    const save = vi
      .fn()
      .mockRejectedValueOnce(new ApiError('SB_ERR_CONFLICT', { zh: '数据已被他人修改，请刷新后重试', en: 'changed meanwhile' }))
      .mockImplementation(async (data: Record<string, unknown>, version: number) => ({ data, version: version + 1 }));
    const reload = vi.fn(async () => ({ data: { name: 'old', other: 'theirs' }, version: 5 }));
    renderWithI18n(<SectionForm schema={schema} initial={{ data: { name: 'old' }, version: 4 }} save={save} reload={reload} autosaveDelayMs={0} uploader={neverUpload} />);

    fireEvent.change(inputById('root_name'), { target: { value: 'mine' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /暂\s*存/ }));
    });
    expect(save).toHaveBeenCalledWith({ name: 'mine' }, 4);
    expect(await screen.findByText('本节内容已在其他页面或由他人修改')).toBeTruthy();

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '载入最新内容并保留我的修改' }));
    });
    await waitFor(() => expect(inputById('root_name').value).toBe('mine'));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /暂\s*存/ }));
    });
    // The second save names the reloaded version and carries both the user's edit and the other change.
    expect(save).toHaveBeenLastCalledWith({ name: 'mine', other: 'theirs' }, 5);
  });
});
