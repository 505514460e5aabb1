import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProgramme, type Problem } from '../src/index.ts';
import { editJson, miniFiling } from './helpers/programme-files.ts';

// One test per kind of mistake: each starts from the small valid programme in
// test/fixtures/mini-filing, makes one mistake, and expects exactly the problem it causes.

type Files = Record<string, string>;
const valid = miniFiling();

function replaceIn(files: Files, path: string, from: string | RegExp, to: string): Files {
  const before = files[path]!;
  const after = before.replace(from, to);
  if (after === before) throw new Error(`test set-up: ${String(from)} not found in ${path}`);
  return { ...files, [path]: after };
}

/** The problems must be exactly one, matching `expected`. */
async function expectOnly(files: Files, expected: Partial<Problem>): Promise<Problem> {
  const problems = await checkProgramme(files);
  expect(problems).toEqual([expect.objectContaining(expected)]);
  const [found] = problems;
  expect(found!.message.zh.length).toBeGreaterThan(0);
  expect(found!.message.en.length).toBeGreaterThan(0);
  return found!;
}

describe('checkProgramme on the valid test programme', () => {
  it('finds nothing wrong', async () => {
    expect(await checkProgramme(valid)).toEqual([]);
  });
});

describe('programme.json', () => {
  it('missing programme.json', async () => {
    const { ['programme.json']: _omitted, ...rest } = valid;
    await expectOnly(rest, { code: 'SB_CHECK_MISSING_FILE', file: 'programme.json' });
  });

  it('programme.json that is not JSON', async () => {
    await expectOnly({ ...valid, 'programme.json': '{ "id": "x", ' }, { code: 'SB_CHECK_INVALID_JSON', file: 'programme.json' });
  });

  it('a key of the wrong type', async () => {
    await expectOnly(editJson(valid, 'programme.json', (m) => { m.sections = 'basic'; }), { code: 'SB_CHECK_MANIFEST', pointer: '/sections' });
  });

  it('a misspelt key', async () => {
    await expectOnly(editJson(valid, 'programme.json', (m) => { m.rule = m.rules; }), { code: 'SB_CHECK_MANIFEST', pointer: '/rule' });
  });

  it('an id that is not kebab-case', async () => {
    await expectOnly(editJson(valid, 'programme.json', (m) => { m.id = 'Mini Filing'; }), { code: 'SB_CHECK_MANIFEST', pointer: '/id' });
  });

  it('a text that is neither a string nor { zh, en } (one problem, not one per branch)', async () => {
    await expectOnly(editJson(valid, 'programme.json', (m) => { m.title = { en: 'only English' }; }), { code: 'SB_CHECK_MANIFEST', pointer: '/title' });
  });

  it('two mistakes give two problems', async () => {
    const problems = await checkProgramme(editJson(valid, 'programme.json', (m) => { m.id = 'X'; m.version = 'one'; }));
    expect(problems.map((p) => p.pointer).sort()).toEqual(['/id', '/version']);
  });

  it('duplicate section ids', async () => {
    const files = editJson(valid, 'programme.json', (m) => { m.sections.push({ ...m.sections[2] }); });
    await expectOnly(files, { code: 'SB_CHECK_DUPLICATE_ID', pointer: '/sections/3/id' });
  });

  it('a section with a reserved name', async () => {
    let files = editJson(valid, 'programme.json', (m) => { m.sections[2].id = 'application'; });
    files = replaceIn(files, 'fixtures/complete.json', '"teams": {', '"application": {');
    const problems = await checkProgramme(files);
    expect(problems).toContainEqual(expect.objectContaining({ code: 'SB_CHECK_RESERVED_NAME', pointer: '/sections/2/id' }));
  });

  it('an apply window that does not exist', async () => {
    await expectOnly(editJson(valid, 'programme.json', (m) => { m.applyWindow = 'submit'; }), { code: 'SB_CHECK_UNKNOWN_WINDOW', pointer: '/applyWindow' });
  });

  it('a window that closes before it opens', async () => {
    await expectOnly(editJson(valid, 'programme.json', (m) => { m.windows.apply.closes = '2021-10-01T00:00'; }), { code: 'SB_CHECK_WINDOW_ORDER', pointer: '/windows/apply' });
  });

  it('an organisation category of an undeclared role', async () => {
    await expectOnly(editJson(valid, 'programme.json', (m) => { m.organisations.categories[0].role = 'city'; }), { code: 'SB_CHECK_UNKNOWN_ROLE', pointer: '/organisations/categories/0/role' });
  });

  it('a unit of an unknown category', async () => {
    await expectOnly(editJson(valid, 'programme.json', (m) => { m.organisations.units[0].category = 'county'; }), { code: 'SB_CHECK_UNKNOWN_CATEGORY', pointer: '/organisations/units/0/category' });
  });

  it('a print for an undeclared role', async () => {
    await expectOnly(editJson(valid, 'programme.json', (m) => { m.prints[0].roles.push('expert'); }), { code: 'SB_CHECK_UNKNOWN_ROLE', pointer: '/prints/0/roles/2' });
  });

  it('a stamped scan required of a print that has none', async () => {
    await expectOnly(editJson(valid, 'programme.json', (m) => { m.prints[0].stampedScan = false; }), { code: 'SB_CHECK_PRINT_NOT_STAMPED', pointer: '/submit/requireStampedScan' });
  });

  it('a rule that points at a field that does not exist', async () => {
    await expectOnly(editJson(valid, 'programme.json', (m) => { m.rules[0].fields = ['/site/siteArea']; }), { code: 'SB_CHECK_UNKNOWN_FIELD', pointer: '/rules/0/fields/0' });
  });
});

describe('referenced files', () => {
  it('a missing form schema', async () => {
    await expectOnly(editJson(valid, 'programme.json', (m) => { m.taskForms[0].schema = 'forms/review.schema.json'; }), { code: 'SB_CHECK_MISSING_FILE', pointer: '/taskForms/0/schema' });
  });

  it('a missing UI schema', async () => {
    await expectOnly(editJson(valid, 'programme.json', (m) => { m.sections[0].ui = 'forms/nope.ui.json'; }), { code: 'SB_CHECK_MISSING_FILE', pointer: '/sections/0/ui' });
  });

  it('a missing flow', async () => {
    const { ['flow.bpmn']: _omitted, ...rest } = valid;
    const problems = await checkProgramme(rest);
    expect(problems[0]).toMatchObject({ code: 'SB_CHECK_MISSING_FILE', pointer: '/flow' });
  });

  it('a missing print template and stylesheet', async () => {
    const { ['print/book.hbs']: _a, ['print/book.css']: _b, ...rest } = valid;
    const problems = await checkProgramme(rest);
    expect(problems.map((p) => p.pointer)).toEqual(['/prints/0/template', '/prints/0/css']);
  });

  it('a missing fixture', async () => {
    await expectOnly(editJson(valid, 'programme.json', (m) => { m.fixtures.push('fixtures/nope.json'); }), { code: 'SB_CHECK_MISSING_FILE', pointer: '/fixtures/2' });
  });

  it('a form schema that is not JSON', async () => {
    await expectOnly({ ...valid, 'forms/recommend-review.schema.json': '{ type: object }' }, { code: 'SB_CHECK_INVALID_JSON', file: 'forms/recommend-review.schema.json' });
  });

  it('a form schema that is not an object', async () => {
    await expectOnly({ ...valid, 'forms/recommend-review.schema.json': '[]' }, { code: 'SB_CHECK_SCHEMA_NOT_OBJECT' });
  });
});

describe('form schemas', () => {
  it('a schema Ajv cannot compile (unknown type)', async () => {
    const found = await expectOnly(replaceIn(valid, 'forms/recommend-review.schema.json', '"type": "string", "title": "推荐单位联系人"', '"type": "text", "title": "推荐单位联系人"'), { code: 'SB_CHECK_SCHEMA_COMPILE', file: 'forms/recommend-review.schema.json' });
    expect(found.message.en).toContain('type');
  });

  it('an unknown keyword', async () => {
    const found = await expectOnly(replaceIn(valid, 'forms/recommend-review.schema.json', '"maxLength": 500', '"maxlength": 500'), { code: 'SB_CHECK_SCHEMA_COMPILE' });
    expect(found.message.en).toContain('maxlength');
  });

  it('an x-attachment of the wrong shape', async () => {
    await expectOnly(replaceIn(valid, 'forms/basic.schema.json', '"maxSize": "20MB"', '"maxSize": 20'), { code: 'SB_CHECK_SCHEMA_COMPILE', file: 'forms/basic.schema.json' });
  });

  it('an x-computed with a syntax error', async () => {
    const files = replaceIn(valid, 'forms/site.schema.json', '=sum(for r in rows return r.desks)', '=sum(for r in rows return r.desks');
    await expectOnly(files, { code: 'SB_CHECK_EXPRESSION_SYNTAX', file: 'forms/site.schema.json', pointer: '/properties/desksTotal/x-computed' });
  });

  it('an x-computed that reads a field that does not exist', async () => {
    const files = replaceIn(valid, 'forms/site.schema.json', '"=teamArea + publicArea"', '"=teamArea + pubicArea"');
    const found = await expectOnly(files, { code: 'SB_CHECK_UNKNOWN_NAME', pointer: '/properties/rows/items/properties/serviceArea/x-computed' });
    expect(found.message.zh).toContain('pubicArea');
  });

  it('an x-fillable that reads root.<field> that does not exist', async () => {
    const files = replaceIn(valid, 'forms/teams.schema.json', '"x-fillable": "=invested = true", "x-required": "=invested = true" },\n          "investment"', '"x-fillable": "=root.kind = 1", "x-required": "=invested = true" },\n          "investment"');
    await expectOnly(files, { code: 'SB_CHECK_UNKNOWN_NAME', pointer: '/properties/teams/items/properties/investedOn/x-fillable' });
  });

  it('computed fields that depend on each other in a cycle', async () => {
    const files = editJson(valid, 'forms/site.schema.json', (s) => {
      s.properties.totalArea['x-computed'] = '=serviceRatio * 2';
    });
    const problems = await checkProgramme(files);
    expect(problems).toContainEqual(expect.objectContaining({ code: 'SB_CHECK_COMPUTED_CYCLE', file: 'forms/site.schema.json' }));
  });

  it('a field named like a reserved expression name', async () => {
    const files = editJson(valid, 'forms/teams.schema.json', (s) => { s.properties.teams.items.properties.root = { type: 'string' }; });
    await expectOnly(files, { code: 'SB_CHECK_RESERVED_NAME', file: 'forms/teams.schema.json' });
  });

  it('a required field that properties does not declare (cleaning relies on this: it cleans declared fields)', async () => {
    const files = editJson(valid, 'forms/site.schema.json', (s) => { s.properties.rows.items.required.push('adress'); });
    const found = await expectOnly(files, { code: 'SB_CHECK_SCHEMA_COMPILE', file: 'forms/site.schema.json' });
    expect(found.message.en).toContain('"adress"');
  });

  it('x-organisation naming an undeclared role', async () => {
    await expectOnly(replaceIn(valid, 'forms/basic.schema.json', '"role": "recommender"', '"role": "city"'), { code: 'SB_CHECK_UNKNOWN_ROLE', pointer: '/properties/recommender/x-organisation/role' });
  });

  it('a UI schema describing a field the form does not have', async () => {
    await expectOnly(replaceIn(valid, 'forms/basic.ui.json', '"mobile": { "ui:placeholder"', '"mobil": { "ui:placeholder"'), { code: 'SB_CHECK_UI_UNKNOWN_FIELD', file: 'forms/basic.ui.json', pointer: '/mobil' });
  });

  it('a ui:order naming a field the form does not have', async () => {
    await expectOnly(replaceIn(valid, 'forms/basic.ui.json', '"licence"]', '"licence", "website"]'), { code: 'SB_CHECK_UI_UNKNOWN_FIELD', pointer: '/ui:order/9' });
  });
});

describe('rules and exports', () => {
  it('a rule reading a field that does not exist', async () => {
    const found = await expectOnly(editJson(valid, 'programme.json', (m) => { m.rules[0].expr = '=site.siteArea >= 500'; }), { code: 'SB_CHECK_UNKNOWN_NAME', pointer: '/rules/0/expr' });
    expect(found.message.en).toContain('site.siteArea');
  });

  it('a rule reading a section that does not exist', async () => {
    await expectOnly(editJson(valid, 'programme.json', (m) => { m.rules[0].expr = '=infrastructure.siteArea >= 500'; }), { code: 'SB_CHECK_UNKNOWN_NAME', pointer: '/rules/0/expr' });
  });

  it('a rule with a syntax error', async () => {
    const problems = await checkProgramme(editJson(valid, 'programme.json', (m) => { m.rules[1].expr = '=site.serviceRatio >= '; }));
    expect(problems).toEqual([expect.objectContaining({ code: 'SB_CHECK_EXPRESSION_SYNTAX', pointer: '/rules/1/expr' })]);
  });

  it('an export column reading a field that does not exist', async () => {
    await expectOnly(editJson(valid, 'programme.json', (m) => { m.exports[0].columns[1].expr = '=basic.name'; }), { code: 'SB_CHECK_UNKNOWN_NAME', pointer: '/exports/0/columns/1/expr' });
  });

  it('an export column may read task data by the task id and its form', async () => {
    const ok = editJson(valid, 'programme.json', (m) => { m.exports[0].columns.push({ title: '意见', expr: '=recommend.data.opinion' }); });
    expect(await checkProgramme(ok)).toEqual([]);
    const wrong = editJson(valid, 'programme.json', (m) => { m.exports[0].columns.push({ title: '意见', expr: '=recommend.data.opinon' }); });
    await expectOnly(wrong, { code: 'SB_CHECK_UNKNOWN_NAME', pointer: '/exports/0/columns/3/expr' });
  });
});

describe('flow.bpmn', () => {
  it('a flow that is not XML', async () => {
    await expectOnly({ ...valid, 'flow.bpmn': '<bpmn:definitions' }, { code: 'SB_CHECK_BPMN_PARSE', file: 'flow.bpmn' });
  });

  it('a user task of an undeclared role', async () => {
    await expectOnly(replaceIn(valid, 'flow.bpmn', 'camunda:candidateGroups="recommender"', 'camunda:candidateGroups="city"'), { code: 'SB_CHECK_UNKNOWN_ROLE', element: 'recommend' });
  });

  it('a user task without a role', async () => {
    await expectOnly(replaceIn(valid, 'flow.bpmn', 'camunda:candidateGroups="applicant" ', ''), { code: 'SB_CHECK_TASK_NO_ROLE', element: 'revise' });
  });

  it('a user task with a task form that does not exist', async () => {
    await expectOnly(replaceIn(valid, 'flow.bpmn', 'camunda:formKey="recommend-review"', 'camunda:formKey="review"'), { code: 'SB_CHECK_UNKNOWN_TASK_FORM', element: 'recommend' });
  });

  it('an outcome word that is neither built in nor declared', async () => {
    await expectOnly(replaceIn(valid, 'flow.bpmn', 'shenbao:outcomes="approve return"', 'shenbao:outcomes="approve recognise"'), { code: 'SB_CHECK_UNKNOWN_OUTCOME', element: 'recommend' });
  });

  it('an end event whose outcome outcomes does not name', async () => {
    await expectOnly(replaceIn(valid, 'flow.bpmn', 'shenbao:outcome="recognised"', 'shenbao:outcome="accredited"'), { code: 'SB_CHECK_UNKNOWN_OUTCOME', element: 'approved' });
  });

  it('an exclusive gateway with an outgoing flow that has neither condition nor default', async () => {
    await expectOnly(replaceIn(valid, 'flow.bpmn', ' default="f5"', ''), { code: 'SB_CHECK_GATEWAY_UNGUARDED', element: 'f5' });
  });

  it('a gateway condition reading a task that does not exist', async () => {
    const found = await expectOnly(replaceIn(valid, 'flow.bpmn', '=recommend.outcome = "approve"', '=review.outcome = "approve"'), { code: 'SB_CHECK_UNKNOWN_NAME', element: 'f4' });
    expect(found.message.en).toContain('review');
  });

  it('a gateway condition with a syntax error', async () => {
    await expectOnly(replaceIn(valid, 'flow.bpmn', '=recommend.outcome = "approve"', '=recommend.outcome = '), { code: 'SB_CHECK_EXPRESSION_SYNTAX', element: 'f4' });
  });

  it('a due date reading a window that does not exist', async () => {
    await expectOnly(replaceIn(valid, 'flow.bpmn', '=windows.recommend.closes', '=windows.review.closes'), { code: 'SB_CHECK_UNKNOWN_NAME', element: 'recommend' });
  });

  it('a node that cannot be reached from the start', async () => {
    await expectOnly(replaceIn(valid, 'flow.bpmn', '<bpmn:endEvent id="approved"', '<bpmn:task id="orphan" /><bpmn:sequenceFlow id="f9" sourceRef="orphan" targetRef="approved" />\n    <bpmn:endEvent id="approved"'), { code: 'SB_CHECK_UNREACHABLE', element: 'orphan' });
  });

  it('nodes from which no end can be reached', async () => {
    const files = replaceIn(valid, 'flow.bpmn', '<bpmn:sequenceFlow id="f6" sourceRef="revise" targetRef="freeze" />', '<bpmn:sequenceFlow id="f6" sourceRef="revise" targetRef="limbo" /><bpmn:task id="limbo" />');
    const problems = await checkProgramme(files);
    // The dangling task and the task that leads only into it.
    expect(problems.map((p) => [p.code, p.element])).toEqual([['SB_CHECK_DEAD_END', 'revise'], ['SB_CHECK_DEAD_END', 'limbo']]);
  });

  it('a flow without a start event', async () => {
    const problems = await checkProgramme(replaceIn(valid, 'flow.bpmn', /<bpmn:startEvent id="submitted" \/>\s*<bpmn:sequenceFlow id="f1"[^>]*\/>/, ''));
    expect(problems).toEqual([expect.objectContaining({ code: 'SB_CHECK_BPMN_START' })]);
  });

  it('shenbao attributes in the wrong namespace', async () => {
    const files = replaceIn(valid, 'flow.bpmn', 'xmlns:shenbao="https://shenbao.dev/schema/bpmn"', 'xmlns:shenbao="https://shenbao.dev/bpmn"');
    const problems = await checkProgramme(files);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.code === 'SB_CHECK_BPMN_NAMESPACE')).toBe(true);
    expect(problems.map((p) => p.element)).toContain('recommend');
  });

  it('a shenbao attribute on an element that cannot carry it', async () => {
    const problems = await checkProgramme(replaceIn(valid, 'flow.bpmn', '<bpmn:serviceTask id="freeze" shenbao:action="freeze" />', '<bpmn:serviceTask id="freeze" shenbao:action="freeze" shenbao:outcome="x" />'));
    expect(problems).toEqual([expect.objectContaining({ code: 'SB_CHECK_BPMN_WARNING' })]);
  });

  it('a service task with an unknown action', async () => {
    await expectOnly(replaceIn(valid, 'flow.bpmn', 'shenbao:action="freeze"', 'shenbao:action="lock"'), { code: 'SB_CHECK_BPMN_ATTRIBUTE', element: 'freeze' });
  });

  it('a print action naming a print that does not exist', async () => {
    await expectOnly(replaceIn(valid, 'flow.bpmn', 'shenbao:action="freeze"', 'shenbao:action="print" shenbao:print="summary"'), { code: 'SB_CHECK_UNKNOWN_PRINT', element: 'freeze' });
  });

  it('a certification validity that is not an ISO duration', async () => {
    await expectOnly(replaceIn(valid, 'flow.bpmn', 'shenbao:validFor="P3Y"', 'shenbao:validFor="3 years"'), { code: 'SB_CHECK_BPMN_ATTRIBUTE', element: 'approved' });
  });
});

describe('print templates', () => {
  it('a template with a syntax error', async () => {
    await expectOnly(replaceIn(valid, 'print/book.hbs', '{{/each}}', '{{/with}}'), { code: 'SB_CHECK_TEMPLATE_SYNTAX', file: 'print/book.hbs' });
  });

  it('a template reading a section field that does not exist', async () => {
    const found = await expectOnly(replaceIn(valid, 'print/book.hbs', '{{data.basic.uscc}}', '{{data.basic.creditCode}}'), { code: 'SB_CHECK_TEMPLATE_UNKNOWN_FIELD' });
    expect(found.message.en).toContain('data.basic.creditCode');
  });

  it('a template reading a column of a table row that does not exist', async () => {
    const found = await expectOnly(replaceIn(valid, 'print/book.hbs', '{{address}}', '{{adress}}'), { code: 'SB_CHECK_TEMPLATE_UNKNOWN_FIELD' });
    expect(found.message.en).toContain('data.site.rows.adress');
  });

  it('a template reading a section that does not exist', async () => {
    await expectOnly(replaceIn(valid, 'print/book.hbs', '{{data.basic.uscc}}', '{{data.organisation.uscc}}'), { code: 'SB_CHECK_TEMPLATE_UNKNOWN_FIELD' });
  });

  it('a template calling a helper that does not exist', async () => {
    await expectOnly(replaceIn(valid, 'print/book.hbs', '{{zhDate data.basic.foundedOn}}', '{{chineseDate data.basic.foundedOn}}'), { code: 'SB_CHECK_TEMPLATE', file: 'print/book.hbs' });
  });
});

describe('fixtures', () => {
  it('a fixture expected valid that is not', async () => {
    const found = await expectOnly(replaceIn(valid, 'fixtures/complete.json', '"13812345678"', '"1381234567"'), { code: 'SB_CHECK_FIXTURE_VALIDITY', file: 'fixtures/complete.json' });
    expect(found.message.en).toContain('/basic/mobile');
  });

  it('a fixture expecting a rule to fail that passes', async () => {
    await expectOnly(replaceIn(valid, 'fixtures/complete.json', '"expect": { "valid": true }', '"expect": { "valid": true, "rules": ["min-area"] }'), { code: 'SB_CHECK_FIXTURE_RULE', file: 'fixtures/complete.json' });
  });

  it('a fixture expecting a rule that does not exist', async () => {
    await expectOnly(replaceIn(valid, 'fixtures/too-small.json', '"rules": ["min-area"]', '"rules": ["min-area", "min-makers"]'), { code: 'SB_CHECK_FIXTURE_UNKNOWN_RULE' });
  });

  it('a fixture expecting an error where there is none', async () => {
    await expectOnly(replaceIn(valid, 'fixtures/too-small.json', '"errors": ["/basic/mobile"]', '"errors": ["/basic/mobile", "/basic/email"]'), { code: 'SB_CHECK_FIXTURE_ERROR', file: 'fixtures/too-small.json' });
  });

  it('a fixture of the wrong shape', async () => {
    await expectOnly({ ...valid, 'fixtures/too-small.json': '{ "data": [] }' }, { code: 'SB_CHECK_FIXTURE_SHAPE', file: 'fixtures/too-small.json' });
  });
});

describe('extra checks', () => {
  it('run on a sound programme and report their own problems', async () => {
    const problems = await checkProgramme(valid, { extraChecks: [async (p) => [{ file: p.manifest.flow, code: 'flow/x', message: { zh: '甲', en: 'a' } }]] });
    expect(problems).toEqual([{ file: 'flow.bpmn', code: 'flow/x', message: { zh: '甲', en: 'a' } }]);
  });

  it('do not run on a broken programme', async () => {
    let ran = false;
    await checkProgramme(editJson(valid, 'programme.json', (m) => { m.applyWindow = 'x'; }), { extraChecks: [() => { ran = true; return []; }] });
    expect(ran).toBe(false);
  });

  it('that throw become a problem, not a crash', async () => {
    const problems = await checkProgramme(valid, { extraChecks: [() => { throw new Error('boom'); }] });
    expect(problems).toEqual([expect.objectContaining({ code: 'SB_CHECK_INTERNAL' })]);
  });
});

describe('garbage never crashes check', () => {
  it('any JSON value as programme.json gives problems, never an exception', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue(), async (value) => {
      const problems = await checkProgramme({ ...valid, 'programme.json': JSON.stringify(value) });
      expect(problems.length).toBeGreaterThan(0);
    }), { numRuns: 60 });
  });

  it('any JSON value in place of one manifest entry gives problems or passes, never an exception', async () => {
    const manifest = JSON.parse(valid['programme.json']!) as Record<string, unknown>;
    const keys = Object.keys(manifest);
    await fc.assert(fc.asyncProperty(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 3 }), async (key, value) => {
      const problems = await checkProgramme({ ...valid, 'programme.json': JSON.stringify({ ...manifest, [key]: value }) });
      expect(Array.isArray(problems)).toBe(true);
    }), { numRuns: 40 });
  }, 60_000);

  it('any JSON value as a form schema, UI schema or fixture gives problems or passes, never an exception', async () => {
    const paths = ['forms/basic.schema.json', 'forms/basic.ui.json', 'forms/site.schema.json', 'fixtures/complete.json'];
    await fc.assert(fc.asyncProperty(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }), async (path, value) => {
      const problems = await checkProgramme({ ...valid, [path]: JSON.stringify(value) });
      expect(Array.isArray(problems)).toBe(true);
    }), { numRuns: 40 });
  }, 60_000);

  it('any non-object JSON value as a form schema or fixture is a problem', async () => {
    const nonObject = fc.oneof(fc.array(fc.jsonValue(), { maxLength: 3 }), fc.string(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
    await fc.assert(fc.asyncProperty(fc.constantFrom('forms/site.schema.json', 'fixtures/complete.json', 'forms/basic.ui.json'), nonObject, async (path, value) => {
      const problems = await checkProgramme({ ...valid, [path]: JSON.stringify(value) });
      expect(problems.some((p) => p.file === path)).toBe(true);
    }), { numRuns: 15 });
  }, 60_000);

  it('random text as the flow or a template gives problems or passes, never an exception', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom('flow.bpmn', 'print/book.hbs'), fc.string({ maxLength: 200 }), async (path, text) => {
      const problems = await checkProgramme({ ...valid, [path]: text });
      expect(Array.isArray(problems)).toBe(true);
    }), { numRuns: 40 });
  }, 60_000);

  it('non-object input', async () => {
    expect(await checkProgramme(null as never)).toEqual([expect.objectContaining({ code: 'SB_CHECK_MISSING_FILE' })]);
    expect(await checkProgramme({ 'programme.json': 42 as never })).toEqual([expect.objectContaining({ code: 'SB_CHECK_MISSING_FILE' })]);
  });
});
