import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { RankingScope } from '../src/api/reviewing.ts';
import type { SectionDefinition } from '../src/api/sections.ts';
import type { Uploader } from '../src/api/upload.ts';
import { clearBackup, readBackup, reportBackupKey } from '../src/forms/local-backup.ts';
import { ReportForm } from '../src/reviewer/ReportForm.tsx';
import { orderChanged } from '../src/reviewer/ranking-order.ts';
import { renderWithI18n } from './render-helpers.tsx';

// Issue 13 item 3: "report letters gone after 保存排序 + reload" — the report form reaches the server only with
// 排序上报, so until then its edits live in this browser's local backup and are offered back on the next visit.

const neverUpload: Uploader = () => Promise.reject(new Error('no upload in this test'));
const scope: RankingScope = { programmeId: 'p1', organisationId: 'unit-a', taskDefinitionId: 'city-report' };
const letter: SectionDefinition = {
  id: 'recommendation-letter',
  title: '推荐函',
  titleText: { zh: '推荐函', en: 'Recommendation letter' },
  schema: { type: 'object', properties: { body: { type: 'string', title: '推荐意见' }, signer: { type: 'string', title: '签发人' } } },
  ui: { body: { 'ui:widget': 'textarea' } },
};
const key = reportBackupKey(scope.programmeId, scope.organisationId, scope.taskDefinitionId);

function field(id: string): HTMLInputElement | HTMLTextAreaElement {
  const element = document.getElementById(id);
  if (!(element instanceof HTMLInputElement) && !(element instanceof HTMLTextAreaElement)) throw new Error(`no field #${id}`);
  return element;
}

function renderReportForm(onDataChange = vi.fn()) {
  const view = renderWithI18n(<ReportForm form={letter} scope={scope} onDataChange={onDataChange} uploader={neverUpload} />);
  return { view, onDataChange };
}

const askBeforeLeaving = () => {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
};

afterEach(() => localStorage.clear());

describe('ReportForm (the letter sent with 排序上报)', () => {
  it('keeps typed text over a reload: offered back on the next visit, never applied on its own, restored on request', async () => {
    const first = renderReportForm();
    expect(askBeforeLeaving()).toBe(false);
    fireEvent.change(field('root_body'), { target: { value: '该平台服务能力突出，同意推荐。' } });
    fireEvent.change(field('root_signer'), { target: { value: '张三' } });
    expect(askBeforeLeaving()).toBe(true);
    expect(readBackup(key)?.data).toEqual({ body: '该平台服务能力突出，同意推荐。', signer: '张三' });
    first.view.unmount();

    // The reload: a fresh page starts from nothing on the server.
    const second = renderReportForm();
    expect(await screen.findByTestId('backup-offer')).toBeTruthy();
    expect(field('root_body').value).toBe('');
    expect(second.onDataChange).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('backup-restore'));
    await waitFor(() => expect(field('root_body').value).toBe('该平台服务能力突出，同意推荐。'));
    expect(field('root_signer').value).toBe('张三');
    // The page reports what is on screen.
    expect(second.onDataChange).toHaveBeenLastCalledWith({ body: '该平台服务能力突出，同意推荐。', signer: '张三' });
    expect(screen.queryByTestId('backup-offer')).toBeNull();
  });

  it('offers nothing once the report went through (the page clears the copy) or when the copy was discarded', async () => {
    const first = renderReportForm();
    fireEvent.change(field('root_body'), { target: { value: '同意推荐' } });
    first.view.unmount();
    clearBackup(key);
    const second = renderReportForm();
    expect(screen.queryByTestId('backup-offer')).toBeNull();
    fireEvent.change(field('root_body'), { target: { value: '另一稿' } });
    second.view.unmount();

    renderReportForm();
    fireEvent.click(await screen.findByTestId('backup-discard'));
    expect(readBackup(key)).toBeUndefined();
    expect(field('root_body').value).toBe('');
  });

  it('keeps one copy per unit and report step', () => {
    expect(reportBackupKey('p1', 'unit-a', 'city-report')).not.toBe(reportBackupKey('p1', 'unit-b', 'city-report'));
    expect(reportBackupKey('p1', 'unit-a', 'city-report')).not.toBe(reportBackupKey('p2', 'unit-a', 'city-report'));
  });
});

describe('orderChanged (closing the ranking page with an unsaved order asks first)', () => {
  const candidates = [
    { taskId: 't1', rank: 1 },
    { taskId: 't2', rank: 2 },
    { taskId: 't3', rank: null },
  ] as Parameters<typeof orderChanged>[1];
  it('is false for the saved order and true for a swap, an addition or a removal', () => {
    expect(orderChanged({ chosen: ['t1', 't2'], others: ['t3'] }, candidates)).toBe(false);
    expect(orderChanged({ chosen: ['t2', 't1'], others: ['t3'] }, candidates)).toBe(true);
    expect(orderChanged({ chosen: ['t1', 't2', 't3'], others: [] }, candidates)).toBe(true);
    expect(orderChanged({ chosen: ['t1'], others: ['t2', 't3'] }, candidates)).toBe(true);
  });
});
