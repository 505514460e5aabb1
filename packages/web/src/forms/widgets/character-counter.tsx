import type { ComponentType } from 'react';
import type { WidgetProps } from '@rjsf/utils';
import { useI18n } from '../../i18n/i18n.tsx';

/** Characters as JSON Schema's maxLength counts them (code points: an emoji or rare CJK character counts once). */
export function characterCount(value: unknown): number {
  if (typeof value !== 'string') return 0;
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}

/** "还能输入 N 个字" under a limited text; turns red when nothing is left or the text is over the limit. */
export function CharacterCounter({ value, maxLength, id }: { value: unknown; maxLength: number; id?: string }) {
  const { t } = useI18n();
  const remaining = maxLength - characterCount(value);
  const className = remaining < 0 ? 'sb-counter sb-counter--over' : remaining === 0 ? 'sb-counter sb-counter--full' : 'sb-counter';
  return (
    <div className={className} id={id} aria-live="polite" data-testid="character-counter">
      {remaining >= 0 ? t('counter.remaining', { n: remaining }) : t('counter.over', { n: -remaining })}
    </div>
  );
}

/** Adds the counter to a text widget whenever its schema has maxLength. */
export function withCharacterCounter(Widget: ComponentType<WidgetProps>): ComponentType<WidgetProps> {
  function CountedWidget(props: WidgetProps) {
    const maxLength = props.schema.maxLength;
    if (typeof maxLength !== 'number') return <Widget {...props} />;
    return (
      <div className="sb-counted">
        <Widget {...props} />
        <CharacterCounter value={props.value} maxLength={maxLength} id={`${props.id}__counter`} />
      </div>
    );
  }
  CountedWidget.displayName = `WithCharacterCounter(${Widget.displayName ?? Widget.name ?? 'Widget'})`;
  return CountedWidget;
}
