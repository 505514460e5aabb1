import type { ComponentType } from 'react';
import { getDefaultRegistry } from '@rjsf/core';
import { Widgets as AntdWidgets } from '@rjsf/antd';
import { englishStringTranslator, TranslatableString, type RegistryFieldsType, type RegistryWidgetsType, type TemplatesType, type WidgetProps } from '@rjsf/utils';
import type { Language } from '../i18n/i18n.tsx';
import { StatefulSchemaField } from './stateful-schema-field.tsx';
import { SectionFieldTemplate } from './templates/field-template.tsx';
import { GridObjectFieldTemplate, TableArrayFieldItemTemplate, TableArrayFieldTemplate } from './templates/table-templates.tsx';
import { AttachmentWidget } from './widgets/attachment-widget.tsx';
import { withCharacterCounter } from './widgets/character-counter.tsx';
import { withRowBuffer } from './widgets/row-buffer.tsx';
import { OrganisationWidget } from './widgets/organisation-widget.tsx';
import { PercentWidget } from './widgets/percent-widget.tsx';
import { withUnclampedNumbers } from './widgets/unclamped-number.tsx';

const coreWidgets = getDefaultRegistry().widgets;

/** Our additions to the antd theme; built once at module load so every form shares the same component identities. */
export const sectionWidgets: RegistryWidgetsType = {
  TextWidget: withRowBuffer(withCharacterCounter(withUnclampedNumbers(coreWidgets.TextWidget as ComponentType<WidgetProps>))),
  TextareaWidget: withRowBuffer(withCharacterCounter(AntdWidgets.TextareaWidget as ComponentType<WidgetProps>)),
  attachment: AttachmentWidget,
  organisation: OrganisationWidget,
  percent: PercentWidget,
};

export const sectionFields: RegistryFieldsType = {
  SchemaField: StatefulSchemaField,
};

export const sectionTemplates: Partial<TemplatesType> = {
  ArrayFieldTemplate: TableArrayFieldTemplate,
  ArrayFieldItemTemplate: TableArrayFieldItemTemplate,
  ObjectFieldTemplate: GridObjectFieldTemplate,
  FieldTemplate: SectionFieldTemplate,
};

// rjsf's own words (button labels, default titles) in Chinese; anything not listed falls back to English.
const zhStrings: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.AddButton]: '添加',
  [TranslatableString.AddItemButton]: '添加一行',
  [TranslatableString.CopyButton]: '复制',
  [TranslatableString.MoveDownButton]: '下移',
  [TranslatableString.MoveUpButton]: '上移',
  [TranslatableString.RemoveButton]: '删除',
  [TranslatableString.NewStringDefault]: '',
  [TranslatableString.YesLabel]: '是',
  [TranslatableString.NoLabel]: '否',
  [TranslatableString.ClearLabel]: '清除',
  [TranslatableString.NowLabel]: '现在',
};

export function stringTranslator(language: Language) {
  return (key: TranslatableString, params?: string[]): string => {
    if (language === 'zh') {
      const text = zhStrings[key];
      if (text !== undefined) return text;
    }
    return englishStringTranslator(key, params);
  };
}
