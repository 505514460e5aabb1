import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { WindowForm } from '../src/admin/programmes/WindowForm.tsx';
import { validateWindowDates } from '../src/admin/window-validation.ts';
import { instantFromPicker, pickerValueFor, wallTimeIn } from '../src/admin/zoned-time.ts';
import type { AdminWindow } from '../src/admin/admin-api.ts';
import { ApiError } from '../src/api/api-error.ts';
import { renderWithI18n } from './render-helpers.tsx';

const window: AdminWindow = {
  id: 'apply',
  title: { zh: '申报', en: 'Applications' },
  phase: 'open',
  opens: '2026-03-01T00:00:00.000Z',
  closes: '2026-03-31T09:00:00.000Z',
  secondsLeft: 3600 * 30,
  overridden: false,
};

/** A round that closes long after any clock this test may run at. */
const future: AdminWindow = { ...window, opens: '2099-03-01T00:00:00.000Z', closes: '2099-03-31T09:00:00.000Z' };

describe('validateWindowDates', () => {
  it('requires both dates', () => {
    expect(validateWindowDates({ opens: null, closes: null })).toEqual({ opens: 'window.error.opensRequired', closes: 'window.error.closesRequired' });
  });
  it('refuses a window that closes before or when it opens', () => {
    expect(validateWindowDates({ opens: '2026-04-01T00:00:00Z', closes: '2026-03-01T00:00:00Z' })).toEqual({ closes: 'window.error.order' });
    expect(validateWindowDates({ opens: '2026-04-01T00:00:00Z', closes: '2026-04-01T00:00:00Z' })).toEqual({ closes: 'window.error.order' });
  });
  it('refuses unreadable dates and accepts a proper window', () => {
    expect(validateWindowDates({ opens: 'soon', closes: '2026-03-01T00:00:00Z' })).toEqual({ opens: 'window.error.invalid' });
    expect(validateWindowDates({ opens: '2026-03-01T00:00:00Z', closes: '2026-03-31T09:00:00Z' })).toEqual({});
  });
});

describe('programme time zone', () => {
  it('shows and reads wall times of the programme zone, not of the browser', () => {
    expect(wallTimeIn('2026-03-31T09:00:00.000Z', 'Asia/Shanghai')).toBe('2026-03-31 17:00');
    const picked = pickerValueFor('2026-03-31T09:00:00.000Z', 'Asia/Shanghai')!;
    expect(picked.format('YYYY-MM-DD HH:mm')).toBe('2026-03-31 17:00');
    expect(instantFromPicker(picked, 'Asia/Shanghai')).toBe('2026-03-31T09:00:00.000Z');
  });
});

describe('WindowForm', () => {
  it('shows the error on the closing date and does not send a window that closes before it opens', async () => {
    const onSubmit = vi.fn(async () => undefined);
    renderWithI18n(<WindowForm window={{ ...window, closes: '2026-02-01T00:00:00.000Z' }} timeZone="Asia/Shanghai" onSubmit={onSubmit} />);
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText('截止时间必须晚于开始时间')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends valid dates as ISO instants and shows the server clock state', async () => {
    const onSubmit = vi.fn(async () => undefined);
    renderWithI18n(<WindowForm window={future} timeZone="Asia/Shanghai" onSubmit={onSubmit} />);
    expect(screen.getByText('进行中')).toBeTruthy();
    expect(screen.getByText('剩余 1天6小时')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ opens: future.opens, closes: future.closes }));
  });

  it('saves a closing time already past only after a confirm (Enter in the picker submits the form)', async () => {
    const onSubmit = vi.fn(async () => undefined);
    renderWithI18n(<WindowForm window={window} timeZone="Asia/Shanghai" onSubmit={onSubmit} />);
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText(/截止时间已经过去/)).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: /仍然保存/ }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ opens: window.opens, closes: window.closes }));
  });

  it('shows the server refusal as it came', async () => {
    const onSubmit = vi.fn(async () => {
      throw new ApiError('SB_ERR_FORBIDDEN', { zh: '没有权限执行此操作', en: 'Not allowed' });
    });
    renderWithI18n(<WindowForm window={future} timeZone="Asia/Shanghai" onSubmit={onSubmit} />);
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText('没有权限执行此操作')).toBeTruthy();
  });
});
