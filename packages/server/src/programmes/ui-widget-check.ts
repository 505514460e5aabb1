/**
 * `ui:widget` resolved as the browser will resolve it: with rjsf's own `getWidget`, over the names the web forms
 * register (REGISTERED_WIDGETS, kept equal to packages/web/src/forms/registry.ts by a web test). rjsf's widget
 * lookup needs React, which the engine does not carry, so this check is a step the server's `check` adds
 * (checkProgrammeFiles). An unknown widget, or one that does not fit the field's type, makes rjsf throw and the
 * whole section page break.
 */
// The one module, not the package index: the index loads all of rjsf's utilities (~1 s on a busy machine).
import getWidget from '@rjsf/utils/lib/getWidget.js';
import type { RJSFSchema, Widget } from '@rjsf/utils';
import { REGISTERED_WIDGETS, pointerSegment, type Problem, type Programme } from '@shenbao/engine';

/** Stand-ins for the registered components: rjsf only needs something callable under each name. */
const registry: Record<string, Widget> = Object.fromEntries(REGISTERED_WIDGETS.map((name) => [name, () => null]));

type Node = Record<string, unknown>;

function resolve(node: unknown, root: Node): Node | undefined {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
  const ref = (node as Node).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    let target: unknown = root;
    for (const segment of ref.slice(2).split('/')) target = (target as Node | undefined)?.[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
    return resolve(target, root);
  }
  return node as Node;
}

export function checkUiWidgets(programme: Programme): Problem[] {
  const found: Problem[] = [];
  for (const form of [...programme.sections, ...programme.taskForms]) {
    if (!form.ui || !form.ref.ui) continue;
    const file = form.ref.ui;
    const visit = (ui: Node, schema: Node | undefined, pointer: string, depth: number) => {
      if (!schema || depth > 40) return;
      const widget = ui['ui:widget'];
      if (typeof widget === 'string') {
        try {
          getWidget(schema as RJSFSchema, widget, registry);
        } catch (error) {
          const detail = error instanceof Error ? error.message.split(' in schema')[0] : String(error);
          found.push({
            file, pointer: `${pointer}/ui:widget`, code: 'SB_CHECK_UI_WIDGET',
            message: {
              zh: `表单无法使用控件“${widget}”（${detail}）：页面会无法显示。可用：${REGISTERED_WIDGETS.join('、')}，或 rjsf 的别名（text、textarea、select、radio、checkboxes、updown、date …）`,
              en: `rjsf has no widget "${widget}" for this field (${detail}): the page would break. Registered: ${REGISTERED_WIDGETS.join(', ')}, or rjsf's aliases (text, textarea, select, radio, checkboxes, updown, date …)`,
            },
          });
        }
      }
      const isTable = schema.type === 'array' || schema.items !== undefined;
      for (const [key, value] of Object.entries(ui)) {
        if (key.startsWith('ui:') || typeof value !== 'object' || value === null) continue;
        if (key === 'items' && isTable) visit(value as Node, resolve(schema.items, form.schema), `${pointer}/items`, depth + 1);
        else visit(value as Node, resolve((schema.properties as Node | undefined)?.[key], form.schema), `${pointer}/${pointerSegment(key)}`, depth + 1);
      }
    };
    visit(form.ui, resolve(form.schema, form.schema), '', 0);
  }
  return found;
}
