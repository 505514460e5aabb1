import type { UiSchema } from '@rjsf/utils';

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode | SchemaNode[];
  maxLength?: number;
  [keyword: string]: unknown;
}

/** Texts this long get a multi-line box even when the programme's UI schema does not ask for one. */
export const textareaFromLength = 200;

/**
 * Fills in the widgets the programme format implies, so programme folders need not repeat them in every UI schema:
 * `x-attachment` → the attachment widget, `x-organisation` → category-then-unit, long `maxLength` → textarea,
 * `x-format: "percent"` on a computed or read-only number → a percentage, `x-format: "textarea"` → textarea.
 * An explicit `ui:widget` in the programme's UI schema always wins. Returns a new object; the input is untouched.
 */
export function prepareUiSchema(schema: unknown, uiSchema: UiSchema | undefined): UiSchema {
  return visit(schema as SchemaNode, uiSchema ?? {});
}

function visit(node: SchemaNode | undefined, ui: UiSchema): UiSchema {
  if (!node || typeof node !== 'object') return ui;
  const result: UiSchema = { ...ui };
  if (result['ui:widget'] === undefined) {
    if (node['x-attachment'] !== undefined) result['ui:widget'] = 'attachment';
    else if (node['x-organisation'] !== undefined) result['ui:widget'] = 'organisation';
    // Display hints: a computed or read-only ratio reads as a percentage; `textarea` asks for a multi-line box.
    else if (node['x-format'] === 'percent' && (node['x-computed'] !== undefined || result['ui:readonly'] === true)) result['ui:widget'] = 'percent';
    else if (node['x-format'] === 'textarea') result['ui:widget'] = 'textarea';
    else if (typeof node.maxLength === 'number' && node.maxLength >= textareaFromLength) result['ui:widget'] = 'textarea';
  }
  if (node.properties) {
    for (const [name, child] of Object.entries(node.properties)) {
      result[name] = visit(child, (ui[name] as UiSchema | undefined) ?? {});
    }
  }
  if (node.items && !Array.isArray(node.items)) {
    result.items = visit(node.items, (ui.items as UiSchema | undefined) ?? {});
  }
  return result;
}
