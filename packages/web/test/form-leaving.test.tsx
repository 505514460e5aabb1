import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import type { RJSFSchema } from '@rjsf/utils';
import { SectionForm, type SectionFormProps } from '../src/forms/SectionForm.tsx';
import { readBackup, sectionBackupKey } from '../src/forms/local-backup.ts';
import type { Uploader } from '../src/api/upload.ts';
import { renderWithI18n } from './render-helpers.tsx';

// Issue 13 item 3: unsaved edits survive leaving — a route change saves them, a tab close asks first, and a copy in
// this browser is offered back after a crash or a lost connection until the server holds the edits.

const neverUpload: Uploader = () => Promise.reject(new Error('no upload in this test'));
const schema: RJSFSchema = { type: 'object', properties: { name: { type: 'string', title: '名称' }, phone: { type: 'string', title: '电话' } } };
const key = sectionBackupKey('app-1', 'basic');

function input(id: string): HTMLInputElement {
  const element = document.getElementById(id);
  if (!(element instanceof HTMLInputElement)) throw new Error(`no input #${id}`);
  return element;
}

function renderForm(props: Partial<SectionFormProps>) {
  return renderWithI18n(<SectionForm schema={schema} initial={{ data: { name: 'saved' }, version: 3 }} uploader={neverUpload} backupKey={key} autosaveDelayMs={3000} {...props} />);
}

afterEach(() => localStorage.clear());

describe('SectionForm when the user leaves', () => {
  it('saves pending edits when the page is left inside the app (the form unmounts before the autosave)', async () => {
    const save = vi.fn(async (data: Record<string, unknown>, version: number) => ({ data, version: version + 1 }));
    const view = renderForm({ save });
    fireEvent.change(input('root_name'), { target: { value: 'typed' } });
    expect(save).not.toHaveBeenCalled();
    view.unmount();
    await waitFor(() => expect(save).toHaveBeenCalledWith({ name: 'typed' }, 3));
    await waitFor(() => expect(readBackup(key)).toBeUndefined());
  });

  it('asks before the tab closes or reloads while edits are not saved, and not once they are', async () => {
    const save = vi.fn(async (data: Record<string, unknown>, version: number) => ({ data, version: version + 1 }));
    renderForm({ save });
    const ask = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(ask()).toBe(false);
    fireEvent.change(input('root_name'), { target: { value: 'typed' } });
    expect(ask()).toBe(true);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /暂\s*存/ }));
    });
    expect(ask()).toBe(false);
  });

  it('keeps a local copy while the server is unreachable and offers it on the next visit; restoring saves it', async () => {
    const offline = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const first = renderForm({ save: offline });
    fireEvent.change(input('root_name'), { target: { value: 'typed offline' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /暂\s*存/ }));
    });
    expect(readBackup(key)?.data).toEqual({ name: 'typed offline' });
    first.unmount();

    const save = vi.fn(async (data: Record<string, unknown>, version: number) => ({ data, version: version + 1 }));
    renderForm({ save });
    // Offered, not applied on its own.
    expect(await screen.findByTestId('backup-offer')).toBeTruthy();
    expect(input('root_name').value).toBe('saved');
    fireEvent.click(screen.getByTestId('backup-restore'));
    await waitFor(() => expect(input('root_name').value).toBe('typed offline'));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /暂\s*存/ }));
    });
    expect(save).toHaveBeenLastCalledWith({ name: 'typed offline' }, 3);
    expect(readBackup(key)).toBeUndefined();
  });

  it('discarding the offered copy removes it, and a copy equal to the saved data is never offered', async () => {
    localStorage.setItem('shenbao.unsaved.' + key, JSON.stringify({ data: { name: 'old edit' }, revision: 2, at: new Date().toISOString() }));
    const view = renderForm({});
    expect(await screen.findByText(/此后服务器上的内容又有更新/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('backup-discard'));
    expect(screen.queryByTestId('backup-offer')).toBeNull();
    expect(readBackup(key)).toBeUndefined();
    view.unmount();

    localStorage.setItem('shenbao.unsaved.' + key, JSON.stringify({ data: { name: 'saved' }, revision: 3, at: new Date().toISOString() }));
    renderForm({});
    expect(screen.queryByTestId('backup-offer')).toBeNull();
    expect(readBackup(key)).toBeUndefined();
  });
});
