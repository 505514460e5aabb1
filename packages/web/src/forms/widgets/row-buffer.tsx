import { useCallback, useEffect, useRef, useState, type ComponentType } from 'react';
import type { WidgetProps } from '@rjsf/utils';

/** How long after the last keystroke a buffered row edit is handed to the form anyway (autosave must see it). */
export const rowCommitDelayMs = 800;

/** rjsf ids of fields inside table rows carry the row index: `root_staff_99_name`. */
export const isRowFieldId = (id: string) => /_\d+(_|$)/.test(id);

/**
 * Text fields inside table rows keep what is typed locally and hand it to the form on blur, Enter, or a pause.
 * Why: every form change makes rjsf re-render the whole form, which with a 200-row table costs far more than a
 * keystroke may (the target is < 50 ms); with the buffer a keystroke re-renders one input. Rules that read the row
 * (computed totals, conditional fields) update at the commit, a moment after typing stops.
 */
export function withRowBuffer(Widget: ComponentType<WidgetProps>): ComponentType<WidgetProps> {
  function BufferedWidget(props: WidgetProps) {
    const { value, onChange, onBlur } = props;
    const [local, setLocal] = useState<unknown>(value);
    const pending = useRef<{ value: unknown } | null>(null);
    const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

    // A value from outside (reload, computed, another tab's merge) wins unless an edit is still pending.
    useEffect(() => {
      if (!pending.current) setLocal(value);
    }, [value]);

    const commit = useCallback(() => {
      clearTimeout(timer.current);
      const edit = pending.current;
      if (!edit) return;
      pending.current = null;
      onChange(edit.value);
    }, [onChange]);
    useEffect(() => () => clearTimeout(timer.current), []);

    const change = useCallback((next: unknown) => {
      pending.current = { value: next };
      setLocal(next);
      clearTimeout(timer.current);
      timer.current = setTimeout(commit, rowCommitDelayMs);
    }, [commit]);

    const blur = useCallback((id: string, current: unknown) => {
      commit();
      onBlur(id, current);
    }, [commit, onBlur]);

    return (
      <span onKeyDown={(event) => event.key === 'Enter' && commit()} style={{ display: 'contents' }}>
        <Widget {...props} value={local} onChange={change} onBlur={blur} />
      </span>
    );
  }

  function RowAwareWidget(props: WidgetProps) {
    return isRowFieldId(props.id) && !props.readonly && !props.disabled ? <BufferedWidget {...props} /> : <Widget {...props} />;
  }
  return RowAwareWidget;
}
