/**
 * The workflow's part of `check`: a programme's flow.bpmn must load, name only roles, task
 * forms and prints the programme declares, every element must be reachable on some path with
 * some fixture's data (a folder without fixtures is walked with data made up from its schemas),
 * and every task opened on the way must be routed to a unit of its role.
 */
import { compileExpression, evaluate } from '../expression/index.ts';
import { followPath } from '../format/schema-paths.ts';
import type { Programme, ProgrammeManifest } from '../format/types.ts';
import { pickerUnits, synthesiseApplication } from '../check/synthesise.ts';
import { problem, type Problem } from '../problem.ts';
import { message } from '../text.ts';
import { inspectFlow } from './load-flow.ts';
import { localToInstant } from './deadlines.ts';
import { walkFlowPaths } from './walk-paths.ts';
import type { FlowDefinition, OpenTask } from './types.ts';

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
  /** Unit id → its role (through its category): every opened reviewer task must be routed to one of its role. */
  units?: Map<string, string>;
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
    if (input.units) found.push(...routingProblems(walk.opened, flow, input.units, input.file, fixture.name));
    for (const failure of walk.failures) {
      found.push(problem(input.file, `flow/${failure.error.code}`, message(`样例 ${fixture.name} 沿路径 ${failure.path.join(' → ')} 出错：${failure.error.message.zh}`, `Fixture ${fixture.name} fails along ${failure.path.join(' → ')}: ${failure.error.message.en}`)));
    }
  }
  for (const id of flow.elementIds.filter((e) => !reached.has(e))) {
    found.push(problem(input.file, 'flow/unreachable', message(`流程元素 ${id} 在任何样例的任何路径上都走不到`, `No path with any fixture reaches flow element ${id}`), { element: id }));
  }
  return found;
}

/** Tasks the walk opened for a unit that does not exist, or is not of the task's role: nobody could act on them. */
function routingProblems(opened: OpenTask[], flow: FlowDefinition, units: Map<string, string>, file: string, fixture: string): Problem[] {
  const found: Problem[] = [];
  for (const task of opened) {
    const definition = flow.userTasks[task.definitionId];
    if (!definition || definition.kind === 'revise' || !definition.organisationExpr) continue;
    const role = task.organisation === null ? undefined : units.get(task.organisation);
    if (role !== undefined && definition.roles.includes(role)) continue;
    const value = task.organisation === null ? '空值 / null' : `“${task.organisation}”`;
    found.push(problem(file, 'SB_CHECK_TASK_UNIT', role === undefined
      ? message(`样例 ${fixture} 中任务 ${task.definitionId} 的 shenbao:organisation 得出 ${value}，不是任何单位的 id：任务没有人能处理`, `With fixture ${fixture}, task ${task.definitionId}'s shenbao:organisation gives ${task.organisation === null ? 'null' : `"${task.organisation}"`}, which is no unit's id: nobody could act on the task`)
      : message(`样例 ${fixture} 中任务 ${task.definitionId} 被分给单位 ${value}，它属于角色“${role}”而不是任务的角色`, `With fixture ${fixture}, task ${task.definitionId} goes to unit "${task.organisation}", of role "${role}", not of the task's role`),
    { element: task.definitionId }));
  }
  return found;
}

/**
 * An organisation expression that reads a unit picker field (`=if basic.city = … then … else …`)
 * must give a unit of the task's role for every unit the picker offers, not only the fixtures' ones.
 */
function routingOverPickers(programme: Programme, flow: FlowDefinition, units: Map<string, string>, file: string, base: Record<string, unknown>): Problem[] {
  const found: Problem[] = [];
  const sections = new Map(programme.sections.map((s) => [s.ref.id, s.schema]));
  for (const task of Object.values(flow.userTasks)) {
    const text = task.organisationExpr;
    if (!text || task.kind === 'revise') continue;
    for (const path of referencedPathsOf(text)) {
      const schema = sections.get(path[0] ?? '');
      if (!schema || path.length < 2) continue;
      const step = followPath(schema, path.slice(1), schema);
      const picker = step.kind === 'found' ? (step.schema['x-organisation'] as { role?: unknown; category?: unknown } | undefined) : undefined;
      if (!picker) continue;
      for (const unit of pickerUnits(programme, picker)) {
        const variables = withValue(base, path, unit);
        const result = evaluate(text, variables);
        const value = result.ok ? result.value : null;
        const role = typeof value === 'string' ? units.get(value) : undefined;
        if (role !== undefined && task.roles.includes(role)) continue;
        found.push(problem(file, 'SB_CHECK_TASK_UNIT', message(
          `当 ${path.join('.')} 选择单位“${unit}”时，任务 ${task.id} 的 shenbao:organisation 得出 ${JSON.stringify(value)}，不是任务角色的单位：任务没有人能处理`,
          `When ${path.join('.')} is unit "${unit}", task ${task.id}'s shenbao:organisation gives ${JSON.stringify(value)}, which is not a unit of the task's role: nobody could act on the task`,
        ), { element: task.id }));
        break;
      }
    }
  }
  return found;
}

function referencedPathsOf(text: string): string[][] {
  const compiled = compileExpression(text);
  return compiled.ok ? compiled.expression.references : [];
}

/** A copy of `variables` with the value at `path` replaced. */
function withValue(variables: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return variables;
  if (rest.length === 0) return { ...variables, [head]: value };
  const inner = variables[head];
  return { ...variables, [head]: withValue(typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Record<string, unknown>) : {}, rest, value) };
}

/**
 * The windows as the server gives them to FEEL (programme-runtime.ts): ISO instants, a bare
 * opening date at the start of its day and a bare closing date at its end, a window without an
 * opening date open since 1970 and one without a closing date open until 9999.
 */
export function walkWindowVariables(manifest: ProgrammeManifest): Record<string, { opens: string; closes: string }> {
  const result: Record<string, { opens: string; closes: string }> = {};
  const at = (local: string, end: boolean): string | undefined => {
    if (/(Z|[+-]\d{2}:?\d{2})$/.test(local)) return new Date(local).toISOString();
    const text = !end && /^\d{4}-\d{2}-\d{2}$/.test(local) ? `${local}T00:00:00` : local;
    return localToInstant(text, manifest.timeZone)?.toISOString();
  };
  for (const [id, w] of Object.entries(manifest.windows)) {
    let opens = '1970-01-01T00:00:00.000Z';
    let closes = '9999-12-31T00:00:00.000Z';
    try {
      if (w.opens) opens = at(w.opens, false) ?? opens;
      if (w.closes) closes = at(w.closes, true) ?? closes;
    } catch {
      // An unknown time zone is check's own problem (SB_CHECK_TIME_ZONE).
    }
    result[id] = { opens, closes };
  }
  return result;
}

/**
 * flowCheck as a `checkProgramme` extra check: `checkProgramme(files, { extraChecks: [checkProgrammeFlow] })`.
 * It runs only on a programme that passed the built-in checks, walking the flow with the data of
 * every fixture expected to be valid (all fixtures when none is).
 */
export async function checkProgrammeFlow(programme: Programme): Promise<Problem[]> {
  const { manifest } = programme;
  const valid = programme.fixtures.filter((f) => f.expect.valid);
  const application = { number: 'CHECK-1', status: 'submitted', organisation: null };
  const windows = walkWindowVariables(manifest);
  const given = (valid.length > 0 ? valid : programme.fixtures).map((f) => ({ name: f.path, variables: { ...f.data, windows, application } }));
  // A folder without fixtures is still walked: with data made up from its schemas.
  const fixtures = given.length > 0 ? given : [{ name: '（由表单结构生成 / made up from the schemas）', variables: { ...synthesiseApplication(programme), windows, application } }];
  const roleOfCategory = new Map((manifest.organisations?.categories ?? []).map((c) => [c.id, c.role]));
  const units = new Map((manifest.organisations?.units ?? []).map((u) => [u.id, roleOfCategory.get(u.category) ?? '']));
  const problems = await flowCheck({
    file: manifest.flow,
    xml: programme.flowXml,
    roles: Object.keys(manifest.roles),
    taskForms: (manifest.taskForms ?? []).map((t) => t.id),
    prints: (manifest.prints ?? []).map((p) => p.id),
    fixtures,
    units,
  });
  if (problems.length > 0) return problems;
  const flow = (await inspectFlow(programme.flowXml)).flow;
  return flow ? routingOverPickers(programme, flow, units, manifest.flow, fixtures[0]!.variables) : [];
}
