import { addToProcess, editJson, editTag, findInForms, replaceIn, setAt, userTask, type Files, type Mistake } from './corpus.ts';

/**
 * Mistakes any programme folder can have, written against whatever the folder holds (its first
 * attachment field, its first reviewer task …). Each programme's corpus file takes a share of
 * them, so every kind is met in several programmes, and adds mistakes of its own.
 */

type Manifest = { sections: Array<{ id: string; schema: string; ui?: string }>; taskForms?: Array<{ schema: string; ui?: string }>; applyWindow: string; exports?: unknown[] };
const manifestOf = (files: Files) => JSON.parse(files['programme.json']!) as Manifest;
const isReviewerTask = (tag: string) => tag.includes('shenbao:organisation=') && !tag.includes('shenbao:kind="revise"');

/** A schema pointer (`/properties/a/items/properties/b`) as the UI schema's path (`/a/items/b`). */
const uiPath = (pointer: string) => pointer.replace(/\/properties\//g, '/');

/** A UI schema file and the path to one field's entry in it, creating the entries on the way. */
function withUi(files: Files, schemaFile: string, pointer: string, key: string, value: unknown): { files: Files; ui: string } {
  const m = manifestOf(files);
  const ref = [...m.sections, ...(m.taskForms ?? [])].find((r) => r.schema === schemaFile)!;
  const ui = ref.ui ?? schemaFile.replace('.schema.json', '.ui.json');
  let next = files;
  if (!ref.ui) {
    next = editJson(next, 'programme.json', (manifest) => {
      for (const r of [...manifest.sections, ...(manifest.taskForms ?? [])]) if (r.schema === schemaFile) r.ui = ui;
    });
    next = { ...next, [ui]: '{}' };
  }
  next = editJson(next, ui, (root) => {
    let node = root;
    for (const segment of uiPath(pointer).split('/').slice(1)) node = node[segment] ??= {};
    node[key] = value;
  });
  return { files: next, ui };
}

export const genericMistakes: Array<(files: Files) => Mistake> = [
  () => ({
    name: 'a misspelt time zone (Asia/Shangai) that would break every programme list',
    edit: (f) => editJson(f, 'programme.json', (m) => { m.timeZone = 'Asia/Shangai'; }),
    expect: { file: 'programme.json', code: 'SB_CHECK_TIME_ZONE', pointer: '/timeZone' },
  }),
  (files) => {
    const id = manifestOf(files).applyWindow;
    return {
      name: 'an apply window closing on a day that does not exist (July 32nd)',
      edit: (f) => editJson(f, 'programme.json', (m) => { m.windows[id].closes = '2020-07-32T23:59:59'; }),
      expect: { file: 'programme.json', code: 'SB_CHECK_DATE', pointer: `/windows/${id}/closes` },
    };
  },
  (files) => {
    const id = manifestOf(files).applyWindow;
    return {
      name: 'an apply window whose bare closing date is the day before it opens',
      edit: (f) => editJson(f, 'programme.json', (m) => { m.windows[id].opens = '2020-08-01T08:00'; m.windows[id].closes = '2020-07-31'; }),
      expect: { file: 'programme.json', code: 'SB_CHECK_WINDOW_ORDER', pointer: `/windows/${id}` },
    };
  },
  () => ({
    name: 'a unit category given to the applicant role',
    edit: (f) => editJson(f, 'programme.json', (m) => { m.organisations.categories[0].role = 'applicant'; }),
    expect: { file: 'programme.json', code: 'SB_CHECK_ROLE_KIND', pointer: '/organisations/categories/0/role' },
  }),
  (files) => {
    const field = findInForms(files, (n) => n['x-organisation'] !== undefined);
    return {
      name: 'a required unit picker (x-organisation) naming the applicant role, so it offers nothing',
      edit: (f) => editJson(f, field.file, (s) => { setAt(s, `${field.pointer}/x-organisation`, 'role', 'applicant'); }),
      expect: { file: field.file, code: 'SB_CHECK_UNIT_PICKER', pointer: `${field.pointer}/x-organisation/role` },
    };
  },
  (files) => {
    const field = findInForms(files, (n) => n['x-organisation'] !== undefined);
    return {
      name: 'a unit picker limited to a category of another role',
      edit: (f) => {
        const m = JSON.parse(f['programme.json']!) as { organisations: { categories: Array<{ id: string; role: string }> } };
        const other = m.organisations.categories.find((c) => c.role !== field.node['x-organisation'].role)!;
        return editJson(f, field.file, (s) => { setAt(s, `${field.pointer}/x-organisation`, 'category', other.id); });
      },
      expect: { file: field.file, code: 'SB_CHECK_UNIT_PICKER', pointer: `${field.pointer}/x-organisation/category` },
    };
  },
  (files) => {
    const field = findInForms(files, (n) => n.type === 'string' && n['x-computed'] === undefined && n.enum === undefined && n['x-attachment'] === undefined && n['x-organisation'] === undefined);
    const max = typeof field.node.maxLength === 'number' ? field.node.maxLength : 50;
    return {
      name: 'a text field whose minLength is greater than its maxLength',
      edit: (f) => editJson(f, field.file, (s) => { setAt(s, field.pointer, 'maxLength', max); setAt(s, field.pointer, 'minLength', max + 1); }),
      expect: { file: field.file, code: 'SB_CHECK_UNSATISFIABLE', pointer: `${field.pointer}/minLength` },
    };
  },
  (files) => {
    const field = findInForms(files, (n) => n.type === 'string' && n.enum === undefined && n['x-attachment'] === undefined && n['x-organisation'] === undefined && n.format === undefined);
    return {
      name: 'a pattern that backtracks catastrophically (^(a+)+$) on a text field',
      edit: (f) => editJson(f, field.file, (s) => { setAt(s, field.pointer, 'pattern', '^(a+)+$'); }),
      expect: { file: field.file, code: 'SB_CHECK_PATTERN', pointer: `${field.pointer}/pattern` },
    };
  },
  (files) => {
    const field = findInForms(files, (n) => n['x-attachment'] !== undefined);
    return {
      name: 'an attachment accepting "doc", which the server detects as ole and so never accepts',
      edit: (f) => editJson(f, field.file, (s) => { setAt(s, field.pointer, 'x-attachment', { ...field.node['x-attachment'], accept: ['doc', 'pdf'] }); }),
      expect: { file: field.file, code: 'SB_CHECK_ACCEPT_TYPE', pointer: `${field.pointer}/x-attachment/accept/0` },
    };
  },
  (files) => {
    const field = findInForms(files, (n) => n['x-attachment'] !== undefined);
    return {
      name: 'ui:widget "file" on an attachment field, which would store a data URL instead of an upload',
      edit: (f) => withUi(f, field.file, field.pointer, 'ui:widget', 'file').files,
      expect: { code: 'SB_CHECK_UI_WIDGET', pointer: `${uiPath(field.pointer)}/ui:widget` },
    };
  },
  (files) => {
    const m = manifestOf(files);
    const ref = [...m.sections, ...(m.taskForms ?? [])].find((r) => r.ui && Array.isArray((JSON.parse(files[r.ui]!) as Record<string, unknown>)['ui:order']))!;
    return {
      name: 'a ui:order that leaves a field out and has no "*", which breaks the section page',
      edit: (f) => editJson(f, ref.ui!, (ui) => {
        const order = (ui['ui:order'] as string[]).filter((n) => n !== '*');
        ui['ui:order'] = order.slice(0, -1);
      }),
      expect: { file: ref.ui!, code: 'SB_CHECK_UI_ORDER', pointer: '/ui:order' },
    };
  },
  (files) => {
    const id = userTask(files, isReviewerTask);
    return {
      name: 'a review task routed to a misspelt unit id, so nobody can ever act on it',
      edit: (f) => editTag(f, id, (tag) => tag.replace(/shenbao:organisation=("[^"]*"|'[^']*')/, 'shenbao:organisation="=&quot;no-such-unit&quot;"')),
      expect: { file: 'flow.bpmn', code: 'SB_CHECK_TASK_UNIT', element: id },
    };
  },
  (files) => {
    const id = userTask(files, isReviewerTask);
    return {
      name: 'a review task with no organisation: it opens, and no unit sees it',
      edit: (f) => editTag(f, id, (tag) => tag.replace(/\s*shenbao:organisation=("[^"]*"|'[^']*')/, '')),
      expect: { file: 'flow.bpmn', code: 'SB_CHECK_TASK_NO_ORGANISATION', element: id },
    };
  },
  (files) => {
    const id = userTask(files, isReviewerTask);
    const m = manifestOf(files);
    const section = m.sections.find((s) => {
      const schema = JSON.parse(files[s.schema]!) as { properties?: Record<string, { type?: string; 'x-organisation'?: unknown }> };
      return Object.values(schema.properties ?? {}).some((p) => p.type === 'string' && !p['x-organisation']);
    })!;
    const props = (JSON.parse(files[section.schema]!) as { properties: Record<string, { type?: string; 'x-organisation'?: unknown }> }).properties;
    const name = Object.keys(props).find((k) => props[k]!.type === 'string' && !props[k]!['x-organisation'])!;
    return {
      name: 'a review task routed by a text field (a platform name), not by a unit picker',
      edit: (f) => editTag(f, id, (tag) => tag.replace(/shenbao:organisation=("[^"]*"|'[^']*')/, `shenbao:organisation="=${section.id}.${name}"`)),
      expect: { file: 'flow.bpmn', code: 'SB_CHECK_TASK_UNIT', element: id },
    };
  },
  (files) => {
    const id = /<bpmn:endEvent\b[^>]*\bid="([^"]+)"[^>]*shenbao:outcome=/.exec(files['flow.bpmn']!)![1]!;
    return {
      name: 'an end event without an outcome, so the applicant never reads how it ended',
      edit: (f) => editTag(f, id, (tag) => tag.replace(/\s*shenbao:outcome="[^"]*"/, '')),
      expect: { file: 'flow.bpmn', code: 'SB_CHECK_END_NO_OUTCOME', element: id },
    };
  },
  (files) => {
    const id = userTask(files, isReviewerTask);
    return {
      name: 'a multi-instance (会签) review task, which would silently run once',
      edit: (f) => editTag(f, id, (tag) => `${tag}<bpmn:multiInstanceLoopCharacteristics camunda:collection="=units" />`),
      expect: { file: 'flow.bpmn', code: 'SB_CHECK_BPMN_UNSUPPORTED', element: id },
    };
  },
  (files) => {
    const id = userTask(files, isReviewerTask);
    return {
      name: 'a standard loop on a review task, which would run once',
      edit: (f) => editTag(f, id, (tag) => `${tag}<bpmn:standardLoopCharacteristics />`),
      expect: { file: 'flow.bpmn', code: 'SB_CHECK_BPMN_UNSUPPORTED', element: id },
    };
  },
  (files) => {
    const match = /<bpmn:sequenceFlow\b[^>]*\bid="([^"]+)"[^>]*>\s*<bpmn:conditionExpression[^>]*>=(\w+)\.outcome = "(\w+)"/.exec(files['flow.bpmn']!)!;
    const [, flowId, task, word] = match;
    return {
      name: `a gateway condition testing ${task}.outcome for "${word}ed", a word the task never produces`,
      edit: (f) => replaceIn(f, 'flow.bpmn', `=${task}.outcome = "${word}"`, `=${task}.outcome = "${word}ed"`),
      expect: { file: 'flow.bpmn', code: 'SB_CHECK_EXPRESSION_MEANING', element: flowId },
    };
  },
  (files) => {
    const id = userTask(files, isReviewerTask);
    return {
      name: 'camunda:assignee on a review task (a person, where shenbao routes to a unit)',
      edit: (f) => editTag(f, id, (tag) => tag.replace('<bpmn:userTask ', '<bpmn:userTask camunda:assignee="zhangsan" ')),
      expect: { file: 'flow.bpmn', code: 'SB_CHECK_BPMN_VENDOR', element: id },
    };
  },
  (files) => {
    const id = userTask(files, isReviewerTask);
    return {
      name: 'a Camunda task listener, which would run code shenbao never runs',
      edit: (f) => editTag(f, id, (tag) => `${tag}<bpmn:extensionElements><camunda:taskListener class="org.example.Notify" event="create" /></bpmn:extensionElements>`),
      expect: { file: 'flow.bpmn', code: 'SB_CHECK_BPMN_VENDOR', element: id },
    };
  },
  () => ({
    name: 'a sub-process drawn into the flow',
    edit: (f) => addToProcess(f, '<bpmn:subProcess id="expertPanel"><bpmn:startEvent id="panelStart" /></bpmn:subProcess>'),
    expect: { file: 'flow.bpmn', code: 'SB_CHECK_BPMN_UNSUPPORTED', element: 'expertPanel' },
  }),
  (files) => {
    const id = userTask(files, isReviewerTask);
    return {
      name: 'a reminder drawn as a repeating timer cycle on a review task',
      edit: (f) => addToProcess(f, `<bpmn:boundaryEvent id="remind" attachedToRef="${id}" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/P1D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>`),
      expect: { file: 'flow.bpmn', code: 'SB_CHECK_BPMN_UNSUPPORTED', element: 'remind' },
    };
  },
  () => ({
    name: 'a rule that defines a FEEL function (which could recurse without end)',
    edit: (f) => editJson(f, 'programme.json', (m) => { m.rules[0].expr = '={f: function(n) if n = 0 then 1 else f(n - 1) + f(n - 1)}.f(40) > 0'; }),
    expect: { file: 'programme.json', code: 'SB_CHECK_EXPRESSION_BUDGET', pointer: '/rules/0/expr' },
  }),
  () => ({
    name: 'a rule that loops a million times on every evaluation',
    edit: (f) => editJson(f, 'programme.json', (m) => { m.rules[0].expr = '=count(for i in 1..1000000 return i) > 0'; }),
    expect: { file: 'programme.json', code: 'SB_CHECK_EXPRESSION_BUDGET', pointer: '/rules/0/expr' },
  }),
  (files) => {
    const m = JSON.parse(files['programme.json']!) as { fixtures: string[] };
    const fixture = m.fixtures[0]!;
    return {
      name: 'a 50 MB fixture file',
      edit: (f) => ({ ...f, [fixture]: `{"title":"big","data":{},"expect":{"valid":true},"pad":"${'x'.repeat(50 * 1024 * 1024)}"}` }),
      expect: { file: fixture, code: 'SB_CHECK_LIMIT_FILE_SIZE' },
    };
  },
  (files) => {
    const schema = manifestOf(files).sections[0]!.schema;
    return {
      name: 'a form schema nested 10,000 levels deep',
      edit: (f) => ({ ...f, [schema]: `${'{"type":"object","properties":{"a":'.repeat(10_000)}{"type":"string"}${'}}'.repeat(10_000)}` }),
      expect: { file: schema, code: 'SB_CHECK_LIMIT_NESTING' },
    };
  },
  () => ({
    name: 'a flow declaring ISO-8859-1 while holding Chinese names',
    edit: (f) => replaceIn(f, 'flow.bpmn', 'encoding="UTF-8"', 'encoding="ISO-8859-1"'),
    expect: { file: 'flow.bpmn', code: 'SB_CHECK_BPMN_ENCODING' },
  }),
  (files) => {
    const m = manifestOf(files);
    const section = m.sections.find((s) => {
      const schema = JSON.parse(files[s.schema]!) as { properties?: Record<string, { type?: string; format?: string }> };
      return Object.values(schema.properties ?? {}).some((p) => p.type === 'string' && p.format === undefined);
    })!;
    const props = (JSON.parse(files[section.schema]!) as { properties: Record<string, { type?: string; format?: string; 'x-organisation'?: unknown }> }).properties;
    const name = Object.keys(props).find((k) => props[k]!.type === 'string' && props[k]!.format === undefined)!;
    return {
      name: `an export column multiplying the text field ${section.id}.${name}`,
      edit: (f) => editJson(f, 'programme.json', (mm) => { mm.exports[0].columns[0].expr = `=${section.id}.${name} * 100`; }),
      expect: { file: 'programme.json', code: 'SB_CHECK_EXPRESSION_MEANING', pointer: '/exports/0/columns/0/expr' },
    };
  },
  () => ({
    name: 'a Camunda dueDate instead of shenbao:dueDate',
    edit: (f) => replaceIn(f, 'flow.bpmn', /shenbao:dueDate=/, 'camunda:dueDate='),
    expect: { file: 'flow.bpmn', code: 'SB_CHECK_BPMN_VENDOR' },
  }),
];

/** The share of the generic mistakes one programme's corpus takes: each mistake lands in three of the five programmes. */
export function shareOf(index: number): Array<(files: Files) => Mistake> {
  return genericMistakes.filter((_, i) => [i % 5, (i + 1) % 5, (i + 2) % 5].includes(index));
}
