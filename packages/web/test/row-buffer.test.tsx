import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WidgetProps } from '@rjsf/utils';
import { isRowFieldId, rowCommitDelayMs, withRowBuffer } from '../src/forms/widgets/row-buffer.tsx';

function PlainInput(props: WidgetProps) {
  return <input id={props.id} value={String(props.value ?? '')} onChange={(e) => props.onChange(e.target.value)} onBlur={(e) => props.onBlur(props.id, e.target.value)} />;
}
const Buffered = withRowBuffer(PlainInput);

function renderWidget(id: string) {
  const onChange = vi.fn();
  const onBlur = vi.fn();
  const props = { id, value: '', onChange, onBlur, onFocus: vi.fn() } as unknown as WidgetProps;
  render(<Buffered {...props} />);
  return { onChange, onBlur, input: screen.getByRole('textbox') as HTMLInputElement };
}

describe('row edit buffer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('recognises fields inside table rows by the row index in the id', () => {
    expect(isRowFieldId('root_staff_99_name')).toBe(true);
    expect(isRowFieldId('root_staffCount')).toBe(false);
  });

  it('keeps keystrokes in a row field local and hands the value over on blur', () => {
    const { onChange, input } = renderWidget('root_staff_3_name');
    fireEvent.change(input, { target: { value: '张' } });
    fireEvent.change(input, { target: { value: '张三' } });
    expect(input.value).toBe('张三');
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.blur(input);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith('张三');
  });

  it('hands the value over after a pause, so autosave sees it without leaving the field', () => {
    const { onChange, input } = renderWidget('root_staff_0_name');
    fireEvent.change(input, { target: { value: '李四' } });
    act(() => vi.advanceTimersByTime(rowCommitDelayMs + 1));
    expect(onChange).toHaveBeenCalledWith('李四');
  });

  it('passes fields outside tables straight through', () => {
    const { onChange, input } = renderWidget('root_leader');
    fireEvent.change(input, { target: { value: '王五' } });
    expect(onChange).toHaveBeenCalledWith('王五');
  });
});
