import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import type { RJSFSchema } from '@rjsf/utils';
import { SectionForm, type SectionFormProps } from '../src/forms/SectionForm.tsx';
import type { Uploader } from '../src/api/upload.ts';
import { I18nProvider } from '../src/i18n/i18n.tsx';
import { renderWithI18n } from './render-helpers.tsx';

// Issue 13 items 1 and 2: a save or decision that answers with field errors must never put the form back to the
// copy it held when the page was opened, and the form must keep taking input afterwards.

const neverUpload: Uploader = () => Promise.reject(new Error('no upload in this test'));

const schema: RJSFSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', title: '名称' },
    code: { type: 'string', title: '统一社会信用代码' },
    staff: { type: 'number', title: '人数' },
    founded: { type: 'string', format: 'date', title: '成立日期' },
    rows: { type: 'array', items: { type: 'object', properties: { item: { type: 'string', title: '项目' } } } },
  },
};

function input(id: string): HTMLInputElement {
  const element = document.getElementById(id);
  if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)) throw new Error(`no input #${id}`);
  return element as HTMLInputElement;
}

const codeError = { '/code': [{ zh: '统一社会信用代码格式不正确', en: 'Invalid credit code' }] };

function renderForm(props: Partial<SectionFormProps>) {
  return renderWithI18n(<SectionForm schema={schema} initial={{ data: {}, version: 0 }} uploader={neverUpload} autosaveDelayMs={0} {...props} />);
}

describe('SectionForm keeps what was typed', () => {
  it('after a save that answers with a field error (first visit: the opened copy is empty)', async () => {
    const save = vi.fn(async (data: Record<string, unknown>, version: number) => ({ data, version: version + 1, errors: codeError }));
    renderForm({ save });
    fireEvent.change(input('root_name'), { target: { value: '某某科技有限公司' } });
    fireEvent.change(input('root_code'), { target: { value: '9137X' } });
    fireEvent.change(input('root_staff'), { target: { value: '12' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /暂\s*存/ }));
    });
    expect(await screen.findByText('统一社会信用代码格式不正确')).toBeTruthy();
    expect(input('root_name').value).toBe('某某科技有限公司');
    expect(input('root_code').value).toBe('9137X');
    expect(input('root_staff').value).toBe('12');

    // The next save writes what is on screen, not the opened copy.
    fireEvent.change(input('root_name'), { target: { value: '某某科技股份有限公司' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /暂\s*存/ }));
    });
    expect(save).toHaveBeenLastCalledWith({ name: '某某科技股份有限公司', code: '9137X', staff: 12 }, 1);
    expect(input('root_code').value).toBe('9137X');
  });

  it('when errors arrive from outside (a refused decision) and while the user corrects them', async () => {
    const onDataChange = vi.fn();
    const view = renderForm({ onDataChange });
    fireEvent.change(input('root_name'), { target: { value: '专家意见' } });
    fireEvent.change(input('root_code'), { target: { value: 'bad' } });
    view.rerender(<I18nProvider initialLanguage="zh"><SectionForm schema={schema} initial={{ data: {}, version: 0 }} uploader={neverUpload} autosaveDelayMs={0} errors={codeError} onDataChange={onDataChange} /></I18nProvider>);
    expect(await screen.findByText('统一社会信用代码格式不正确')).toBeTruthy();
    expect(input('root_name').value).toBe('专家意见');
    expect(input('root_code').value).toBe('bad');

    // Still editable: correcting the field takes the value, drops its error and keeps the rest.
    fireEvent.change(input('root_code'), { target: { value: '91370000MA3C000000' } });
    await waitFor(() => expect(screen.queryByText('统一社会信用代码格式不正确')).toBeNull());
    expect(input('root_code').value).toBe('91370000MA3C000000');
    expect(input('root_name').value).toBe('专家意见');
    fireEvent.change(input('root_staff'), { target: { value: '3' } });
    expect(input('root_staff').value).toBe('3');
    expect(onDataChange).toHaveBeenLastCalledWith({ name: '专家意见', code: '91370000MA3C000000', staff: 3 });
  });

  it('when the page re-renders it with a fresh snapshot of the opened copy after a save', async () => {
    const save = vi.fn(async (data: Record<string, unknown>, version: number) => ({ data, version: version + 1, errors: codeError }));
    const view = renderForm({ save });
    fireEvent.change(input('root_name'), { target: { value: 'A' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /暂\s*存/ }));
    });
    view.rerender(<I18nProvider initialLanguage="zh"><SectionForm schema={schema} initial={{ data: {}, version: 0 }} uploader={neverUpload} autosaveDelayMs={0} save={save} /></I18nProvider>);
    expect(input('root_name').value).toBe('A');
  });
});

describe('SectionForm number fields', () => {
  it('keep an out-of-range entry as typed (the save reports the range) instead of replacing it by the limit', async () => {
    const onDataChange = vi.fn();
    renderWithI18n(<SectionForm schema={{ type: 'object', properties: { area: { type: 'number', title: '面积', minimum: 0, maximum: 100 } } }} initial={{ data: {}, version: 0 }} uploader={neverUpload} onDataChange={onDataChange} />);
    fireEvent.focus(input('root_area'));
    fireEvent.change(input('root_area'), { target: { value: '-5' } });
    fireEvent.blur(input('root_area'));
    await waitFor(() => expect(onDataChange).toHaveBeenLastCalledWith({ area: -5 }));
    expect(input('root_area').value).toBe('-5');
  });
});

describe('SectionForm conflicts', () => {
  it('are shown as a choice: nothing of the other save is applied until the user picks; taking theirs drops mine', async () => {
    const { ApiError } = await import('../src/api/api-error.ts');
    const save = vi.fn().mockRejectedValueOnce(new ApiError('SB_ERR_CONFLICT', { zh: '数据已被他人修改', en: 'changed meanwhile' }));
    const reload = vi.fn(async () => ({ data: { name: 'theirs' }, version: 7 }));
    renderForm({ save, reload, initial: { data: { name: 'base' }, version: 6 } });
    fireEvent.change(input('root_name'), { target: { value: 'mine' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /暂\s*存/ }));
    });
    expect(await screen.findByText('本节内容已在其他页面或由他人修改')).toBeTruthy();
    // Shown, not applied: the screen still has what the user typed, and nothing was reloaded yet.
    expect(input('root_name').value).toBe('mine');
    expect(reload).not.toHaveBeenCalled();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '放弃我的修改，使用最新内容' }));
    });
    await waitFor(() => expect(input('root_name').value).toBe('theirs'));
    expect(screen.queryByText('本节内容已在其他页面或由他人修改')).toBeNull();
    expect(save).toHaveBeenCalledTimes(1);
  });
});
