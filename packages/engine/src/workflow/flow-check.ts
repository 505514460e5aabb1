/**
 * The workflow's part of `check`: a programme's flow.bpmn must load, name only roles, task
 * forms and prints the programme declares, and every element must be reachable on some path
 * with some fixture's data.
 */
import type { Programme } from '../format/types.ts';
import { problem, type Problem } from '../problem.ts';
import { message } from '../text.ts';
import { inspectFlow } from './load-flow.ts';
import { walkFlowPaths } from './walk-paths.ts';
import type { FlowDefinition } from './types.ts';

export interface FlowCheckInput {
  /** The flow file's folder-relative path, for problem locations (usually `flow.bpmn`). */
  file: string;
  xml: string;
  /** Role ids from programme.json `roles`. */
  roles?: string[];
  /** Task form ids from programme.json `taskForms`. */
  taskForms?: string[];
  /** Print ids from programme.json `prints`. */
  prints?: string[];
  /** Each fixture's data as FEEL sees it (sections by id, `application`, `windows` …). */
  fixtures?: Array<{ name: string; variables: Record<string, unknown> }>;
}

export async function flowCheck(input: FlowCheckInput): Promise<Problem[]> {
  const { flow, problems: loadProblems } = await inspectFlow(input.xml);
  const problems = loadProblems.map((p) => problem(input.file, `flow/${p.code}`, p.message, { element: p.params?.element }));
  if (!flow) return problems;
  problems.push(...checkReferences(flow, input));
  if (loadProblems.length === 0 && input.fixtures?.length) problems.push(...(await checkReachability(flow, input)));
  return problems;
}

function checkReferences(flow: FlowDefinition, input: FlowCheckInput): Problem[] {
  const found: Problem[] = [];
  for (const task of Object.values(flow.userTasks)) {
    for (const role of task.roles) {
      if (input.roles && !input.roles.includes(role)) {
        found.push(problem(input.file, 'flow/unknown-role', message(`任务 ${task.id} 的角色 ${role} 未在 programme.json 中声明`, `Task ${task.id} names role ${role}, which programme.json does not declare`), { element: task.id }));
      }
    }
    if (task.formKey && input.taskForms && !input.taskForms.includes(task.formKey)) {
      found.push(problem(input.file, 'flow/unknown-task-form', message(`任务 ${task.id} 的表单 ${task.formKey} 未在 taskForms 中声明`, `Task ${task.id} uses form ${task.formKey}, which taskForms does not declare`), { element: task.id }));
    }
  }
  for (const service of Object.values(flow.serviceTasks)) {
    if (service.print && input.prints && !input.prints.includes(service.print)) {
      found.push(problem(input.file, 'flow/unknown-print', message(`服务任务 ${service.id} 的打印 ${service.print} 未在 prints 中声明`, `Service task ${service.id} prints ${service.print}, which prints does not declare`), { element: service.id }));
    }
  }
  return found;
}

/** An element no path reaches with any fixture is dead weight or a wrong condition. */
async function checkReachability(flow: FlowDefinition, input: FlowCheckInput): Promise<Problem[]> {
  const found: Problem[] = [];
  const reached = new Set<string>();
  for (const fixture of input.fixtures ?? []) {
    const walk = await walkFlowPaths(flow, fixture.variables);
    for (const id of walk.reached) reached.add(id);
    for (const failure of walk.failures) {
      found.push(problem(input.file, `flow/${failure.error.code}`, message(`样例 ${fixture.name} 沿路径 ${failure.path.join(' → ')} 出错：${failure.error.message.zh}`, `Fixture ${fixture.name} fails along ${failure.path.join(' → ')}: ${failure.error.message.en}`)));
    }
  }
  for (const id of flow.elementIds.filter((e) => !reached.has(e))) {
    found.push(problem(input.file, 'flow/unreachable', message(`流程元素 ${id} 在任何样例的任何路径上都走不到`, `No path with any fixture reaches flow element ${id}`), { element: id }));
  }
  return found;
}

/**
 * flowCheck as a `checkProgramme` extra check: `checkProgramme(files, { extraChecks: [checkProgrammeFlow] })`.
 * It runs only on a programme that passed the built-in checks, walking the flow with the data of
 * every fixture expected to be valid (all fixtures when none is).
 */
export async function checkProgrammeFlow(programme: Programme): Promise<Problem[]> {
  const { manifest } = programme;
  const valid = programme.fixtures.filter((f) => f.expect.valid);
  const fixtures = (valid.length > 0 ? valid : programme.fixtures).map((f) => ({
    name: f.path,
    variables: { ...f.data, windows: manifest.windows, application: { number: 'CHECK-1', status: 'submitted', organisation: null } },
  }));
  return flowCheck({
    file: manifest.flow,
    xml: programme.flowXml,
    roles: Object.keys(manifest.roles),
    taskForms: (manifest.taskForms ?? []).map((t) => t.id),
    prints: (manifest.prints ?? []).map((p) => p.id),
    fixtures,
  });
}
