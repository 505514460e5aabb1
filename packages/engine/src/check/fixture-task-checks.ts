import { evaluate } from '../expression/index.ts';
import type { Fixture, Programme } from '../format/types.ts';
import type { Text } from '../text.ts';
import { outcomeNames } from '../format/outcome-names.ts';
import { compilePrintTemplate, newVersionCode, renderPrintHtml } from '../print/index.ts';
import { problem, type Problem } from '../problem.ts';
import type { CompiledProgramme } from '../validate/index.ts';

/** A fixed version code: check renders task prints only to see that they render. */
const CHECK_VERSION_CODE = newVersionCode(() => 0);

/**
 * A fixture's `tasks` replayed against the programme: every task id is a user task of the flow,
 * every task's data passes its task form (with the task's outcome, as when a reviewer presses
 * that button), export columns evaluate with the completed tasks, and task prints render with
 * the task they are printed from. `taskForms` maps user-task ids to their form id (formKey).
 */
export function checkFixtureTasks(programme: Programme, compiled: CompiledProgramme, taskForms: Map<string, string | undefined>): Problem[] {
  const found: Problem[] = [];
  for (const fixture of programme.fixtures) {
    if (!fixture.tasks) continue;
    found.push(...checkTaskForms(fixture, compiled, taskForms));
    found.push(...checkExportColumns(programme, fixture, compiled));
    found.push(...checkTaskPrints(programme, fixture, taskForms));
  }
  return found;
}

function checkTaskForms(fixture: Fixture, compiled: CompiledProgramme, taskForms: Map<string, string | undefined>): Problem[] {
  const found: Problem[] = [];
  for (const [taskId, task] of Object.entries(fixture.tasks ?? {})) {
    const pointer = `/tasks/${taskId}`;
    if (!taskForms.has(taskId)) {
      found.push(problem(fixture.path, 'SB_CHECK_FIXTURE_UNKNOWN_TASK', {
        zh: `样例中的任务“${taskId}”不是流程中的用户任务`,
        en: `The fixture's task "${taskId}" is not a user task of the flow`,
      }, { pointer }));
      continue;
    }
    const formKey = taskForms.get(taskId);
    if (formKey === undefined) continue;
    const result = compiled.validateTaskForm(formKey, task.data, { outcome: task.outcome, sections: fixture.data });
    const errors = Object.keys(result.errors);
    if (errors.length > 0) {
      found.push(problem(fixture.path, 'SB_CHECK_FIXTURE_TASK_FORM', {
        zh: `样例任务“${taskId}”（${task.outcome}）的表单“${formKey}”有问题：${errors.join(', ')}`,
        en: `The fixture's task "${taskId}" (${task.outcome}) does not pass task form "${formKey}": ${errors.join(', ')}`,
      }, { pointer }));
    }
  }
  return found;
}

/** The context export columns see for a fixture: sections, application, windows, tasks, rank, outcome names. */
function exportContext(fixture: Fixture, compiled: CompiledProgramme): Record<string, unknown> {
  const context = compiled.applicationContext(fixture.data, { application: { number: 'CHECK-0001', status: 'in_review' } });
  for (const [taskId, task] of Object.entries(fixture.tasks ?? {})) context[taskId] = { outcome: task.outcome, data: task.data };
  return { ...context, rank: 1, outcomes: outcomeNames(compiled.programme.manifest) };
}

function checkExportColumns(programme: Programme, fixture: Fixture, compiled: CompiledProgramme): Problem[] {
  const found: Problem[] = [];
  const context = exportContext(fixture, compiled);
  (programme.manifest.exports ?? []).forEach((e, i) => e.columns.forEach((column, j) => {
    const result = evaluate(column.expr, context);
    // FEEL answers null for a wrong operation (adding text to a number, a bad date) with a
    // warning; a value that is merely absent ("not found") is the fixture's choice, not a mistake.
    const detail = result.ok ? result.warnings.filter((w) => !/not found/i.test(w)).join('; ') : result.error.message.en;
    if (detail !== '') {
      found.push(problem(fixture.path, 'SB_CHECK_FIXTURE_EXPORT', {
        zh: `导出“${e.id}”第${j + 1}列用本样例无法计算：${detail}`,
        en: `Column ${j + 1} of export "${e.id}" cannot be evaluated on this fixture: ${detail}`,
      }, { pointer: `/exports/${i}/columns/${j}` }));
    }
  }));
  return found;
}

function checkTaskPrints(programme: Programme, fixture: Fixture, taskForms: Map<string, string | undefined>): Problem[] {
  const found: Problem[] = [];
  for (const print of programme.prints) {
    const formId = print.def.taskForm;
    if (formId === undefined) continue;
    for (const [taskId, task] of Object.entries(fixture.tasks ?? {})) {
      if (taskForms.get(taskId) !== formId) continue;
      try {
        const template = compilePrintTemplate(print.template, print.css ?? '', print.def.id);
        renderPrintHtml(template, {
          programme: { ...programme.manifest, issuer: textZh(programme.manifest.issuer) },
          print: { id: print.def.id, title: print.def.title },
          application: { number: 'CHECK-0001', status: 'in_review' },
          data: fixture.data,
          version: CHECK_VERSION_CODE,
          printedAt: '2020-01-01T00:00:00Z',
          task: { definitionId: taskId, outcome: task.outcome, data: task.data },
        });
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        found.push(problem(fixture.path, 'SB_CHECK_FIXTURE_PRINT', {
          zh: `打印“${print.def.id}”用样例任务“${taskId}”无法生成：${detail}`,
          en: `Print "${print.def.id}" cannot be made from the fixture's task "${taskId}": ${detail}`,
        }, { pointer: `/tasks/${taskId}` }));
      }
    }
  }
  return found;
}

function textZh(text: Text): string {
  return typeof text === 'string' ? text : text.zh;
}
