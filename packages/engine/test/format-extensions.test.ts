import { describe, expect, it } from 'vitest';
import { checkProgramme, compileProgramme, loadProgramme, type Problem } from '../src/index.ts';
import { editJson, miniFiling, realProgramme } from './helpers/programme-files.ts';

// The format extensions programme writers asked for, each tried on the small valid test
// programme (test/fixtures/mini-filing): once as it should be written (no problems) and once
// with the mistake `check` must catch.

type Files = Record<string, string>;
const valid = miniFiling();

const codes = (problems: Problem[]) => problems.map((p) => p.code);

/** mini-filing with a recommend task form whose stamped letter and visit date are required on approve. */
function withOutcomeConditions(files: Files): Files {
  return editJson(files, 'forms/recommend-review.schema.json', (schema) => {
    schema.properties.stampedLetter = { type: 'string', title: '盖章推荐函', 'x-required': '=outcome = "approve"' };
    schema.properties.visitedOn = { type: 'string', format: 'date', title: '实地查看日期', 'x-fillable': '=outcome != "return"' };
  });
}

const recommendTask = { contactName: '李明', contactMobile: '13800001111', opinion: '同意推荐' };

describe('export columns read completed tasks', { timeout: 20_000 }, () => {
  const withColumn = (expr: string) => editJson(valid, 'programme.json', (m) => {
    m.exports[0].columns.push({ title: '推荐意见', expr });
  });

  it('a column reading a task form field or the outcome is fine', async () => {
    expect(await checkProgramme(withColumn('=recommend.data.opinion'))).toEqual([]);
    expect(await checkProgramme(withColumn('=if recommend.outcome = "approve" then "是" else "否"'))).toEqual([]);
  });

  it('a column reading a field the task form does not have is an unknown name', async () => {
    const problems = await checkProgramme(withColumn('=recommend.data.notThere'));
    expect(problems).toEqual([expect.objectContaining({ code: 'SB_CHECK_UNKNOWN_NAME', pointer: '/exports/0/columns/3/expr' })]);
  });
});

describe('task forms see the outcome', () => {
  const programme = () => loadProgramme(withOutcomeConditions(valid)).programme!;

  it('x-required on the outcome: required on approve, not on return', () => {
    const compiled = compileProgramme(programme());
    const approved = compiled.validateTaskForm('recommend-review', recommendTask, { outcome: 'approve' });
    expect(Object.keys(approved.errors)).toEqual(['/stampedLetter']);
    const returned = compiled.validateTaskForm('recommend-review', recommendTask, { outcome: 'return' });
    expect(returned.errors).toEqual({});
    // Without an outcome the condition is not true, so nothing extra is required.
    expect(compiled.validateTaskForm('recommend-review', recommendTask).errors).toEqual({});
  });

  it('x-fillable on the outcome clears the field when it does not hold', () => {
    const compiled = compileProgramme(programme());
    const data = { ...recommendTask, visitedOn: '2021-11-20' };
    expect(compiled.validateTaskForm('recommend-review', data, { outcome: 'return' }).data).not.toHaveProperty('visitedOn');
    expect(compiled.validateTaskForm('recommend-review', { ...data, stampedLetter: 'att-1' }, { outcome: 'approve' }).data)
      .toMatchObject({ visitedOn: '2021-11-20' });
  });

  it('check accepts `outcome` in task forms, refuses it in sections, and reserves it as a task-form field name', async () => {
    expect(await checkProgramme(withOutcomeConditions(valid))).toEqual([]);
    const inSection = editJson(valid, 'forms/basic.schema.json', (schema) => {
      const [first] = Object.keys(schema.properties);
      schema.properties[first!]['x-required'] = '=outcome = "approve"';
    });
    expect(codes(await checkProgramme(inSection))).toEqual(['SB_CHECK_UNKNOWN_NAME']);
    const fieldNamedOutcome = editJson(valid, 'forms/recommend-review.schema.json', (schema) => {
      schema.properties.outcome = { type: 'string' };
    });
    expect(codes(await checkProgramme(fieldNamedOutcome))).toEqual(['SB_CHECK_RESERVED_NAME']);
  });
});

describe('prints made from inside a task (taskForm)', () => {
  const withTaskPrint = (template: string, taskForm = 'recommend-review') => {
    const files = editJson(valid, 'programme.json', (m) => {
      m.prints.push({ id: 'letter', title: '推荐函', template: 'print/letter.hbs', roles: ['recommender'], taskForm });
    });
    return { ...files, 'print/letter.hbs': template };
  };

  it('the template reads the task form fields and the outcome', async () => {
    const template = '<p>{{data.basic.platformName}}</p>{{#with task.data}}<p>{{opinion}} {{contactName}}</p>{{/with}}<p>{{task.outcome}}</p>';
    expect(await checkProgramme(withTaskPrint(template))).toEqual([]);
  });

  it('a task field the form does not have is an unknown template field', async () => {
    const problems = await checkProgramme(withTaskPrint('{{task.data.notThere}}'));
    expect(problems).toEqual([expect.objectContaining({ code: 'SB_CHECK_TEMPLATE_UNKNOWN_FIELD', file: 'print/letter.hbs' })]);
    expect(problems[0]!.message.en).toContain('task.data.notThere');
  });

  it('an application print cannot read `task`', async () => {
    const files = { ...valid, 'print/book.hbs': `${valid['print/book.hbs']}{{task.data.opinion}}` };
    expect(codes(await checkProgramme(files))).toEqual(['SB_CHECK_TEMPLATE_UNKNOWN_FIELD']);
  });

  it('taskForm must name a task form', async () => {
    const problems = await checkProgramme(withTaskPrint('{{task.outcome}}', 'no-such-form'));
    expect(problems).toEqual([expect.objectContaining({ code: 'SB_CHECK_UNKNOWN_TASK_FORM', pointer: '/prints/1/taskForm' })]);
  });
});

describe('organisation units carry contacts', () => {
  const withContacts = (contacts: unknown) => editJson(valid, 'programme.json', (m) => {
    m.organisations.units[0].contacts = contacts;
  });

  it('contacts with name, phone and an optional note are loaded', async () => {
    const files = withContacts([{ name: '张三', phone: '0531-88886666', note: { zh: '业务咨询', en: 'Enquiries' } }, { name: '李四', phone: '0531-88887777' }]);
    expect(await checkProgramme(files)).toEqual([]);
    const unit = loadProgramme(files).programme!.manifest.organisations!.units![0]!;
    expect(unit.contacts).toHaveLength(2);
    expect(unit.contacts![0]!.note).toEqual({ zh: '业务咨询', en: 'Enquiries' });
  });

  it('a contact without a phone, or with an unknown key, breaks the manifest', async () => {
    expect(codes(await checkProgramme(withContacts([{ name: '张三' }])))).toContain('SB_CHECK_MANIFEST');
    expect(codes(await checkProgramme(withContacts([{ name: '张三', phone: '1', email: 'a@b.c' }])))).toContain('SB_CHECK_MANIFEST');
  });
});

describe('fixtures carry completed tasks', () => {
  const withTasks = (tasks: unknown, files: Files = valid) => editJson(files, 'fixtures/complete.json', (f) => {
    f.tasks = tasks;
  });

  it('tasks that pass their forms (with their outcome) are fine and are loaded', async () => {
    const files = withTasks({ recommend: { outcome: 'approve', data: { ...recommendTask, stampedLetter: 'att-1' } } }, withOutcomeConditions(valid));
    expect(await checkProgramme(files)).toEqual([]);
    const fixture = loadProgramme(files).programme!.fixtures.find((f) => f.path === 'fixtures/complete.json')!;
    expect(fixture.tasks).toEqual({ recommend: { outcome: 'approve', data: { ...recommendTask, stampedLetter: 'att-1' } } });
  });

  it("a task whose data fails its form for that outcome is reported", async () => {
    const files = withTasks({ recommend: { outcome: 'approve', data: recommendTask } }, withOutcomeConditions(valid));
    const problems = await checkProgramme(files);
    expect(problems).toEqual([expect.objectContaining({ code: 'SB_CHECK_FIXTURE_TASK_FORM', file: 'fixtures/complete.json', pointer: '/tasks/recommend' })]);
    expect(problems[0]!.message.en).toContain('/stampedLetter');
  });

  it('a task id that is not a user task of the flow is reported', async () => {
    const problems = await checkProgramme(withTasks({ nowhere: { outcome: 'approve', data: {} } }));
    expect(problems).toEqual([expect.objectContaining({ code: 'SB_CHECK_FIXTURE_UNKNOWN_TASK', pointer: '/tasks/nowhere' })]);
  });

  it('export columns are evaluated with the tasks: a column that cannot be computed is reported', async () => {
    const files = editJson(withTasks({ recommend: { outcome: 'approve', data: recommendTask } }), 'programme.json', (m) => {
      m.exports[0].columns.push({ title: '意见字数', expr: '=string length(recommend.data.opinion) + "字"' });
    });
    const problems = await checkProgramme(files);
    expect(codes(problems)).toEqual(['SB_CHECK_FIXTURE_EXPORT']);
  });

  it('a malformed tasks entry is a fixture shape problem', async () => {
    expect(codes(await checkProgramme(withTasks({ recommend: { data: {} } })))).toEqual(['SB_CHECK_FIXTURE_SHAPE']);
    expect(codes(await checkProgramme(withTasks(['recommend'])))).toEqual(['SB_CHECK_FIXTURE_SHAPE']);
  });
});

describe('report tasks name their two outcomes', () => {
  const shandong = realProgramme('sd-maker-home-2020');

  it.runIf(shandong)('a report task without "<reported> <not reported>" is refused', async () => {
    const flow = shandong!['flow.bpmn']!;
    const oneWord = flow.replace('shenbao:outcomes="reported notReported"', 'shenbao:outcomes="reported"');
    expect(oneWord).not.toBe(flow);
    const problems = await checkProgramme({ ...shandong!, 'flow.bpmn': oneWord });
    expect(problems).toEqual([expect.objectContaining({ code: 'SB_CHECK_BPMN_ATTRIBUTE', element: 'report' })]);
  }, 30_000);
});
