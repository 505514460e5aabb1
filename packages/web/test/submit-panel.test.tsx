import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import type { PrintState, StampedScan } from '../src/api/prints.ts';
import { stampedScanGate } from '../src/workspace/stamped-scan-gate.ts';
import { SubmitPanel } from '../src/workspace/SubmitPanel.tsx';
import { ScanRequirement } from '../src/workspace/ScanRequirement.tsx';
import { ErrorList } from '../src/workspace/ErrorList.tsx';
import { RouterProvider } from '../src/router/router.tsx';
import { renderWithI18n } from './render-helpers.tsx';

// Issue 13 item 7: "after a return the page says 已通过提交前检查 and enables 重新提交 before telling that a new
// print and scan are needed". The gate follows the server's submit rule (latest print matches the data and has a
// stamped scan of exactly that version).

const printed = (version: string, matchesData: boolean): PrintState => ({
  latest: { version, attachmentId: `file-${version}`, printedAt: '2026-12-01T08:00:00.000Z' },
  matchesData,
  mayCreate: true,
});
const scanOf = (version: string, printId = 'book'): StampedScan => ({
  id: `scan-${version}`, printId, version, attachmentId: `scan-file-${version}`, organisationId: null, uploadedAt: '2026-12-01T09:00:00.000Z',
});

describe('stampedScanGate', () => {
  it('needs a print when nothing was printed, and a new one when the data changed since (the old scan does not count)', () => {
    expect(stampedScanGate({ latest: null, matchesData: false, mayCreate: true }, [], 'book')).toBe('needPrint');
    expect(stampedScanGate(printed('SB-1-v1', false), [scanOf('SB-1-v1')], 'book')).toBe('needNewPrint');
  });
  it('needs the scan of exactly the latest version of that print; ready once it is there', () => {
    expect(stampedScanGate(printed('SB-1-v2', true), [scanOf('SB-1-v1')], 'book')).toBe('needScan');
    expect(stampedScanGate(printed('SB-1-v2', true), [scanOf('SB-1-v2', 'other-print')], 'book')).toBe('needScan');
    expect(stampedScanGate(printed('SB-1-v2', true), [scanOf('SB-1-v1'), scanOf('SB-1-v2')], 'book')).toBe('ready');
  });
});

function renderPanel(props: Partial<Parameters<typeof SubmitPanel>[0]>) {
  const onSubmit = vi.fn();
  renderWithI18n(
    <SubmitPanel status="returned" editable precheckPassed scanGate="ready" printTitle="申报书" withdrawable={false} busy={false} failure={undefined} onSubmit={onSubmit} onWithdraw={() => undefined} {...props} />,
  );
  return onSubmit;
}
const submitButton = () => screen.getByTestId('submit-application') as HTMLButtonElement;

describe('SubmitPanel after a return', () => {
  it('keeps 重新提交 disabled and points to the print when the data changed since the last print', () => {
    const onSubmit = renderPanel({ scanGate: 'needNewPrint' });
    expect(screen.getByTestId('submit-status').textContent).toBe('请先按上面的提示处理《申报书》的打印与盖章扫描件');
    expect(screen.queryByText('已通过提交前检查')).toBeNull();
    expect(submitButton().textContent?.replace(/\s/g, '')).toBe('重新提交');
    expect(submitButton().disabled).toBe(true);
    fireEvent.click(submitButton());
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('keeps the button disabled while only the scan of the current print is missing', () => {
    renderPanel({ scanGate: 'needScan' });
    expect(screen.queryByText('已通过提交前检查')).toBeNull();
    expect(submitButton().disabled).toBe(true);
  });

  it('does not claim 已通过提交前检查 while the print is still being checked', () => {
    renderPanel({ scanGate: 'loading' });
    expect(screen.queryByText('已通过提交前检查')).toBeNull();
    expect(submitButton().disabled).toBe(true);
  });

  it('enables 重新提交 once the latest print matches the data and has its scan, or when the programme needs no scan', () => {
    const onSubmit = renderPanel({ scanGate: 'ready' });
    expect(screen.getByText('已通过提交前检查')).toBeTruthy();
    fireEvent.click(submitButton());
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it('shows the precheck problems first: no print notice while fields still fail', () => {
    renderPanel({ precheckPassed: false, scanGate: 'needNewPrint' });
    expect(screen.getByTestId('submit-status').textContent).toBe('请先修改上面列出的问题');
    expect(submitButton().disabled).toBe(true);
  });

  it('without a scan requirement the precheck alone decides', () => {
    renderPanel({ scanGate: undefined, status: 'draft' });
    expect(screen.getByText('已通过提交前检查')).toBeTruthy();
    expect(submitButton().textContent?.replace(/\s/g, '')).toBe('提交申报');
    expect(submitButton().disabled).toBe(false);
  });
});

describe('the precheck after a return (what the page says first)', () => {
  const renderPrecheck = (pending?: ReturnType<typeof ScanRequirement>) =>
    renderWithI18n(<RouterProvider><ErrorList applicationId="a1" sections={[]} errors={{}} rules={[]} pending={pending} /></RouterProvider>);

  it('says a new print and a new stamped scan are needed instead of 可以提交 when the data changed since the last print', () => {
    renderPrecheck(<ScanRequirement gate="needNewPrint" printTitle="申报书" />);
    expect(screen.getByTestId('submit-needs-scan').textContent).toBe('材料在上次打印后有修改：请重新生成《申报书》，打印盖章后上传新的扫描件，然后才能提交。');
    expect(screen.queryByText(/可以提交/)).toBeNull();
  });

  it('asks for the scan of the current print when only that is missing, in English too', () => {
    renderWithI18n(<RouterProvider><ErrorList applicationId="a1" sections={[]} errors={{}} rules={[]} pending={<ScanRequirement gate="needScan" printTitle="Application form" />} /></RouterProvider>, 'en');
    expect(screen.getByTestId('submit-needs-scan').textContent).toBe('Upload the stamped scan of the latest version of “Application form” before submitting.');
  });

  it('keeps the all-clear when nothing is pending', () => {
    renderPrecheck();
    expect(screen.getByText('填写完整，符合申报条件，可以提交')).toBeTruthy();
    expect(screen.queryByTestId('submit-needs-scan')).toBeNull();
  });
});
