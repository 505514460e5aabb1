import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { ImportReportTable } from '../src/admin/reviewers/ImportReportTable.tsx';
import type { ImportReport, ImportRow } from '../src/admin/admin-api.ts';
import { renderWithI18n } from './render-helpers.tsx';

function row(overrides: Partial<ImportRow> & Pick<ImportRow, 'rowNumber' | 'name' | 'status'>): ImportRow {
  return { mobile: '13900000010', unit: '济南市科学技术协会', organisationId: null, userId: null, grantAdded: null, reasons: [], ...overrides };
}

const report: ImportReport = {
  committed: true,
  created: 1,
  existing: 1,
  errors: 1,
  rows: [
    row({ rowNumber: 2, name: '张伟', status: 'created', userId: 'u1' }),
    row({ rowNumber: 3, name: '李娜', status: 'exists', mobile: '13900000011', grantAdded: true }),
    row({ rowNumber: 4, name: '王芳', status: 'error', mobile: '1390000', reasons: [{ zh: '手机号应为11位数字', en: 'The mobile number must have 11 digits' }, { zh: '找不到单位“某某协会”', en: 'No unit named 某某协会' }] }),
  ],
};

describe('ImportReportTable (reviewer import report)', () => {
  it('summarises the counts and lists every row with its result and reasons', () => {
    renderWithI18n(<ImportReportTable report={report} />);
    expect(screen.getByText('新开通 1 个，已有账号 1 个，错误 1 行')).toBeTruthy();
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(within(rows[0]!).getByText('已开通')).toBeTruthy();
    expect(within(rows[1]!).getByText('已有账号')).toBeTruthy();
    expect(within(rows[1]!).getByText('已加入本单位审核权限')).toBeTruthy();
    const failing = within(rows[2]!);
    expect(failing.getByText('错误')).toBeTruthy();
    expect(failing.getByText('4')).toBeTruthy();
    expect(failing.getByText('手机号应为11位数字')).toBeTruthy();
    expect(failing.getByText('找不到单位“某某协会”')).toBeTruthy();
    expect(rows[2]!.className).toContain('sb-row-error');
    expect(screen.queryByText(/未写入任何账号/)).toBeNull();
  });

  it('warns that nothing was written when all-or-nothing refused the sheet', () => {
    const refused: ImportReport = { ...report, committed: false, created: 0, existing: 0, rows: report.rows.map((r) => (r.status === 'error' ? r : { ...r, status: 'not_imported' })) };
    renderWithI18n(<ImportReportTable report={refused} />);
    expect(screen.getByText(/本次未写入任何账号/)).toBeTruthy();
    expect(screen.getAllByText('未导入')).toHaveLength(2);
  });

  it('speaks English when asked', () => {
    renderWithI18n(<ImportReportTable report={report} />, 'en');
    expect(screen.getByText('1 created, 1 already existed, 1 row(s) with errors')).toBeTruthy();
    expect(screen.getByText('The mobile number must have 11 digits')).toBeTruthy();
  });
});
