import type { ComponentType } from 'react';
import type { WidgetProps } from '@rjsf/utils';

/**
 * Number inputs without the schema's minimum/maximum handed to antd's InputNumber: with them, InputNumber silently
 * replaces an out-of-range entry by the limit when the field loses focus (a typed -5 becomes 0), so the user never
 * learns what was wrong and what they typed is gone. Without them the entry stays as typed and the save reports
 * the range error at the field, in words.
 */
export function withUnclampedNumbers(Widget: ComponentType<WidgetProps>): ComponentType<WidgetProps> {
  function UnclampedWidget(props: WidgetProps) {
    const { schema } = props;
    if (schema.type !== 'number' && schema.type !== 'integer') return <Widget {...props} />;
    const { minimum: _minimum, maximum: _maximum, exclusiveMinimum: _exclusiveMinimum, exclusiveMaximum: _exclusiveMaximum, ...unbounded } = schema;
    return <Widget {...props} schema={unbounded} />;
  }
  UnclampedWidget.displayName = `Unclamped(${Widget.displayName ?? Widget.name ?? 'Widget'})`;
  return UnclampedWidget;
}
