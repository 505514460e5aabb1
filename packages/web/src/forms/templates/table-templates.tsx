import { Button, Col, Empty, Row, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Templates as AntdTemplates } from '@rjsf/antd';
import { getTemplate, getUiOptions, type ArrayFieldItemTemplateProps, type ArrayFieldTemplateProps, type ObjectFieldTemplateProps, type RJSFSchema } from '@rjsf/utils';
import type { ComponentType } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';

const AntdArrayFieldTemplate = AntdTemplates.ArrayFieldTemplate as ComponentType<ArrayFieldTemplateProps>;
const AntdArrayFieldItemTemplate = AntdTemplates.ArrayFieldItemTemplate as ComponentType<ArrayFieldItemTemplateProps>;
const AntdObjectFieldTemplate = AntdTemplates.ObjectFieldTemplate as ComponentType<ObjectFieldTemplateProps>;

/** A table in the programme format is an array whose items are objects (one object per row). */
function isTable(schema: RJSFSchema): boolean {
  const items = schema.items;
  return typeof items === 'object' && items !== null && !Array.isArray(items) && (items as RJSFSchema).type === 'object';
}

/**
 * Repeating tables (site rows, staff, attachments …) as a numbered list of row cards with an explicit add
 * button; arrays of plain values keep the antd layout.
 */
export function TableArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { t } = useI18n();
  if (!isTable(props.schema)) return <AntdArrayFieldTemplate {...props} />;
  const { items, canAdd, onAddClick, disabled, readonly, fieldPathId, title, uiSchema, schema } = props;
  const options = getUiOptions(uiSchema);
  const heading = (options.title as string | undefined) ?? title ?? schema.title;
  const addText = typeof options.addButtonText === 'string' ? options.addButtonText : t('table.add');
  return (
    <fieldset className="sb-table" id={fieldPathId.$id}>
      {heading && (
        <div className="sb-table__head">
          <Typography.Title level={5} className="sb-table__title">{heading}</Typography.Title>
          <Tag>{t('table.count', { n: items.length })}</Tag>
        </div>
      )}
      {typeof options.description === 'string' && <Typography.Paragraph type="secondary">{options.description}</Typography.Paragraph>}
      {items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('table.empty')} /> : <div className="sb-table__rows">{items}</div>}
      {canAdd && (
        <Button type="dashed" block icon={<PlusOutlined />} onClick={onAddClick} disabled={disabled || readonly} className="sb-table__add">
          {addText.replace(/^\+\s*/, '')}
        </Button>
      )}
    </fieldset>
  );
}

/** One row card: its number, the row's fields, and the move/remove buttons. */
export function TableArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { t } = useI18n();
  if (props.schema.type !== 'object') return <AntdArrayFieldItemTemplate {...props} />;
  const { children, buttonsProps, hasToolbar, index, registry, uiSchema } = props;
  const Buttons = getTemplate('ArrayFieldItemButtonsTemplate', registry, getUiOptions(uiSchema));
  return (
    <section className="sb-table__row" aria-label={t('table.row', { n: index + 1 })}>
      <header className="sb-table__row-head">
        <span className="sb-table__row-number">{t('table.row', { n: index + 1 })}</span>
        {hasToolbar && (
          <Space.Compact size="small">
            <Buttons {...buttonsProps} />
          </Space.Compact>
        )}
      </header>
      <div className="sb-table__row-body">{children}</div>
    </section>
  );
}

/** Fields that need the whole width: long texts, files, unit choice, tables and nested groups. */
function isWide(schema: RJSFSchema | undefined): boolean {
  if (!schema) return false;
  if (schema['x-attachment'] !== undefined || schema['x-organisation'] !== undefined) return true;
  if (schema.type === 'array' || schema.type === 'object') return true;
  if (Array.isArray(schema.enum) && schema.enum.length > 2) return true;
  return typeof schema.maxLength === 'number' && schema.maxLength > 100;
}

/**
 * The section itself and each table row lay their fields out in a grid (short fields side by side, wide ones on
 * their own line). The section's title is the page card's title, so it is not repeated here. Nested groups keep
 * the antd layout.
 */
export function GridObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const path = props.fieldPathId.path;
  const isRoot = path.length === 0;
  const isRow = typeof path[path.length - 1] === 'number';
  if (!isRoot && !isRow) return <AntdObjectFieldTemplate {...props} />;
  const propertiesSchema = (props.schema.properties ?? {}) as Record<string, RJSFSchema>;
  const description = getUiOptions(props.uiSchema).description ?? props.schema.description;
  return (
    <div className={isRoot ? 'sb-grid sb-grid--section' : 'sb-grid sb-grid--row'} id={props.fieldPathId.$id}>
      {isRoot && typeof description === 'string' && <Typography.Paragraph type="secondary">{description}</Typography.Paragraph>}
      <Row gutter={[24, 0]}>
        {props.properties
          .filter((property) => !property.hidden)
          .map((property) => {
            const wide = isWide(propertiesSchema[property.name]);
            return (
              <Col key={property.name} xs={24} md={wide ? 24 : 12} xl={wide ? 24 : isRow ? 8 : 12}>
                {property.content}
              </Col>
            );
          })}
      </Row>
    </div>
  );
}
