import orderProperties from '@rjsf/utils/lib/orderProperties.js';
import { propertiesOf } from '../format/schema-paths.ts';
import type { LoadedForm, Programme } from '../format/types.ts';
import { pointerSegment, problem, type Problem } from '../problem.ts';
import { resolveLocalRef } from '../validate/form-plan.ts';
import { walkSchema } from './form-checks.ts';
import { patternProblem } from './pattern-checks.ts';

/**
 * The file types the server's content detector can name (packages/server/src/files/file-type.ts;
 * a server test keeps the two lists equal). An `accept` word outside it can never match an
 * upload: `doc`/`xls` are detected as `ole` (Office 97–2003), executables as nothing.
 */
export const DETECTABLE_FILE_TYPES = ['pdf', 'png', 'jpg', 'jpeg', 'gif', 'bmp', 'webp', 'tiff', 'zip', 'xlsx', 'docx', 'pptx', 'ole', 'csv', 'txt'];

/** What an author probably meant by an undetectable type. */
const ACCEPT_HINTS: Record<string, string> = { doc: 'docx 或 ole / docx or ole', xls: 'xlsx 或 ole / xlsx or ole', ppt: 'pptx 或 ole / pptx or ole', rar: 'zip', '7z': 'zip', tif: 'tiff', wps: 'docx' };

/**
 * What a form's schema and UI schema must mean for users: limits that can be met, enums that fit
 * their type, attachment types the server can recognise, patterns that cannot hang anyone, unit
 * pickers that offer units, the widgets the format implies, and a `ui:order` rjsf can apply.
 */
export function checkFormMeaning(form: LoadedForm, programme: Programme): Problem[] {
  const file = form.ref.schema;
  const found: Problem[] = [];
  const at = (pointer: string, code: string, zh: string, en: string) => found.push(problem(file, code, { zh, en }, { pointer }));
  const m = programme.manifest;

  walkSchema(form.schema, '', (node, pointer) => {
    for (const [low, high, what] of [['minLength', 'maxLength', '长度'], ['minimum', 'maximum', '取值'], ['minItems', 'maxItems', '行数'], ['exclusiveMinimum', 'maximum', '取值'], ['minimum', 'exclusiveMaximum', '取值']] as const) {
      const a = node[low];
      const b = node[high];
      if (typeof a === 'number' && typeof b === 'number' && (low.startsWith('exclusive') || high.startsWith('exclusive') ? a >= b : a > b)) {
        at(`${pointer}/${low}`, 'SB_CHECK_UNSATISFIABLE', `${low}（${a}）大于 ${high}（${b}）：没有任何${what}能满足，此字段永远无法通过`, `${low} (${a}) exceeds ${high} (${b}): no value can satisfy both, so the field can never pass`);
      }
    }
    if (Array.isArray(node.enum)) {
      if (node.enum.length === 0) at(`${pointer}/enum`, 'SB_CHECK_UNSATISFIABLE', 'enum 为空：没有任何值可选', 'enum is empty: no value can be chosen');
      const type = node.type;
      node.enum.forEach((value, i) => {
        if (typeof type === 'string' && value !== null && !fitsType(value, type)) {
          at(`${pointer}/enum/${i}`, 'SB_CHECK_UNSATISFIABLE', `enum 的第 ${i + 1} 项 ${JSON.stringify(value)} 不是 ${type} 类型：选中它的申报永远无法通过`, `enum value ${JSON.stringify(value)} is not of type ${type}: choosing it could never pass`);
        }
      });
    }
    if (typeof node.pattern === 'string') {
      const message = patternProblem(node.pattern);
      if (message) found.push(problem(file, 'SB_CHECK_PATTERN', message, { pointer: `${pointer}/pattern` }));
    }
    const attachment = node['x-attachment'] as { accept?: unknown } | undefined;
    if (attachment && Array.isArray(attachment.accept)) {
      attachment.accept.forEach((type, i) => {
        const word = String(type).toLowerCase().replace(/^\./, '');
        if (DETECTABLE_FILE_TYPES.includes(word)) return;
        const hint = ACCEPT_HINTS[word];
        at(`${pointer}/x-attachment/accept/${i}`, 'SB_CHECK_ACCEPT_TYPE', `服务器无法识别“${String(type)}”类型的文件内容，上传的文件永远不会被接受${hint ? `：请写 ${hint}` : ''}（可用：${DETECTABLE_FILE_TYPES.join('、')}）`,
          `The server cannot recognise "${String(type)}" content, so no upload would ever be accepted${hint ? `: write ${hint}` : ''} (recognised: ${DETECTABLE_FILE_TYPES.join(', ')})`);
      });
    }
    const organisation = node['x-organisation'] as { role?: unknown; category?: unknown } | undefined;
    if (organisation && typeof organisation.role === 'string' && organisation.role in m.roles) {
      found.push(...unitPickerProblems(file, pointer, organisation.role, organisation.category, programme));
    }
  });

  if (form.ui && form.ref.ui) found.push(...uiMeaning(form.ui, form.schema, form.schema, '', form.ref.ui));
  return found;
}

function fitsType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number';
    case 'integer': return Number.isInteger(value);
    case 'boolean': return typeof value === 'boolean';
    default: return true;
  }
}

/** A unit picker must offer units: a reviewer role whose categories (the one named, if any) list units. */
function unitPickerProblems(file: string, pointer: string, role: string, category: unknown, programme: Programme): Problem[] {
  const m = programme.manifest;
  // A category of an undeclared role or a unit of an unknown category is reported where it is written.
  const categoryIds = new Set((m.organisations?.categories ?? []).map((c) => c.id));
  if ((m.organisations?.categories ?? []).some((c) => !(c.role in m.roles)) || (m.organisations?.units ?? []).some((u) => !categoryIds.has(u.category))) return [];
  const at = (where: string, zh: string, en: string) => [problem(file, 'SB_CHECK_UNIT_PICKER', { zh, en }, { pointer: `${pointer}/x-organisation/${where}` })];
  if (m.roles[role]?.kind !== 'reviewer') {
    return at('role', `x-organisation 的角色“${role}”不是审核角色：单位选择框将没有任何单位可选。请写审核单位的角色（kind: reviewer）`, `x-organisation names "${role}", which is not a reviewer role: the unit picker would offer nothing. Name the reviewing units' role (kind: reviewer)`);
  }
  const categories = (m.organisations?.categories ?? []).filter((c) => c.role === role);
  if (category !== undefined) {
    const named = categories.find((c) => c.id === category);
    if (!named) {
      return at('category', `x-organisation 的类别“${String(category)}”不是角色“${role}”的单位类别`, `x-organisation names category "${String(category)}", which is not a category of role "${role}"`);
    }
    if (!(m.organisations?.units ?? []).some((u) => u.category === named.id)) {
      return at('category', `类别“${named.id}”下没有任何单位：单位选择框将没有任何单位可选`, `Category "${named.id}" lists no units: the unit picker would offer nothing`);
    }
    return [];
  }
  const ids = new Set(categories.map((c) => c.id));
  if (!(m.organisations?.units ?? []).some((u) => ids.has(u.category))) {
    return at('role', `角色“${role}”的类别下没有任何单位：单位选择框将没有任何单位可选`, `No category of role "${role}" lists a unit: the unit picker would offer nothing`);
  }
  return [];
}

/** The widgets the format implies, which an explicit `ui:widget` must not replace, by the keyword that implies them. */
const IMPLIED_WIDGETS: Array<[keyword: string, widget: string, zh: string]> = [
  ['x-attachment', 'attachment', '附件'],
  ['x-organisation', 'organisation', '单位选择'],
];

/** rjsf's view of the UI schema: `ui:order` as rjsf orders properties, and no widget that would undo a format keyword. */
function uiMeaning(ui: Record<string, unknown>, schema: Record<string, unknown>, root: Record<string, unknown>, pointer: string, file: string): Problem[] {
  const found: Problem[] = [];
  const node = resolveLocalRef(schema, root) ?? schema;
  const isTable = node.type === 'array' || node.items !== undefined;
  const widget = ui['ui:widget'];
  for (const [keyword, implied, zh] of IMPLIED_WIDGETS) {
    if (node[keyword] !== undefined && widget !== undefined && widget !== implied) {
      found.push(problem(file, 'SB_CHECK_UI_WIDGET', {
        zh: `${keyword} 字段的 ui:widget 写成了“${String(widget)}”：它会替换${zh}控件，保存的将不是${zh}结果。请删去 ui:widget（或写 "${implied}"）`,
        en: `A field with ${keyword} has ui:widget "${String(widget)}": it would replace the ${implied} widget and store something else. Remove ui:widget (or write "${implied}")`,
      }, { pointer: `${pointer}/ui:widget` }));
    }
  }
  const properties = isTable ? undefined : propertiesOf(node, root);
  const order = ui['ui:order'];
  if (properties && order !== undefined) {
    if (!Array.isArray(order)) {
      found.push(problem(file, 'SB_CHECK_UI_ORDER', { zh: 'ui:order 应为字段名数组', en: 'ui:order must be an array of field names' }, { pointer: `${pointer}/ui:order` }));
    } else {
      try {
        // rjsf's own ordering: what throws here throws in the browser and breaks the page.
        orderProperties(Object.keys(properties), order.map(String));
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        found.push(problem(file, 'SB_CHECK_UI_ORDER', {
          zh: `表单无法按 ui:order 排列（${detail}）：页面会无法显示。请列出每个字段，或加入 "*" 代表其余字段`,
          en: `rjsf cannot apply ui:order (${detail}): the page would break. List every field, or add "*" for the rest`,
        }, { pointer: `${pointer}/ui:order` }));
      }
    }
  }
  for (const [key, value] of Object.entries(ui)) {
    if (key.startsWith('ui:') || typeof value !== 'object' || value === null) continue;
    if (key === 'items' && isTable) {
      const items = resolveLocalRef(node.items, root);
      if (items) found.push(...uiMeaning(value as Record<string, unknown>, items, root, `${pointer}/items`, file));
      continue;
    }
    const child = properties ? resolveLocalRef(properties[key], root) : undefined;
    if (child) found.push(...uiMeaning(value as Record<string, unknown>, child, root, `${pointer}/${pointerSegment(key)}`, file));
  }
  return found;
}
