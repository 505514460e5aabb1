import { compileExpression, type CompiledExpression } from '../expression/index.ts';
import { followPath } from '../format/schema-paths.ts';
import type { JsonSchema, Programme } from '../format/types.ts';
import { problem, type Problem } from '../problem.ts';
import { parseBpmnXml, type ModdleElement } from '../workflow/bpmn-moddle.ts';
import { FlowXmlRefused } from '../workflow/flow-xml.ts';
import { SHENBAO_NAMESPACE } from '../workflow/moddle-descriptors.ts';
import { isVendorWarning, namespaceLookup, refusedConstructs } from '../workflow/supported-elements.ts';
import { applicationExpressionMeaning, expressionShape } from './expression-meaning.ts';
import { applicationPathTarget, applicationPathType, applicationScope, checkApplicationReferences } from './expression-scope.ts';

/**
 * Static checks of flow.bpmn: it parses within the budgets; what shenbao does not run (sub-processes,
 * multi-instance, loops, timer cycles, vendor attributes that change meaning) is refused first, by
 * element (workflow/supported-elements.ts); `camunda:`/`shenbao:` attributes are known and name
 * declared roles, task forms, prints and outcomes; expressions parse and read existing names;
 * exclusive gateways never get stuck; every node is reachable from the start and can reach an end.
 * (Walking the flow with fixture data is the workflow's part of `check`.)
 */

const BUILT_IN_OUTCOMES = ['approve', 'return', 'reject'];
const TASK_KINDS = ['review', 'revise', 'report'];
const SERVICE_ACTIONS = ['freeze', 'print', 'notify'];
const SHENBAO_ATTRIBUTE_NAMES = ['organisation', 'outcomes', 'withdrawable', 'kind', 'dueDate', 'action', 'print', 'message', 'outcome', 'validFor'];
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

function list(element: ModdleElement, key: string): ModdleElement[] {
  const value = element[key];
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

/** An attribute by local name, whether moddle mapped it to a property or left it in $attrs. */
function attribute(element: ModdleElement, name: string, prefix: string): string | undefined {
  const value = element[name];
  if (value !== undefined && value !== null) return String(value);
  const attrs = element.$attrs as Record<string, unknown> | undefined;
  const raw = attrs?.[`${prefix}:${name}`];
  return raw === undefined ? undefined : String(raw);
}

/** True when an element carries one of our attribute names in a namespace other than shenbao's. */
function hasMisplacedShenbao(element: ModdleElement): boolean {
  return Object.keys((element.$attrs ?? {}) as Record<string, unknown>).some((key) => {
    const [prefix, local] = key.includes(':') ? key.split(':', 2) : ['', key];
    return local !== undefined && SHENBAO_ATTRIBUTE_NAMES.includes(local) && prefix !== 'xmlns' && prefix !== 'shenbao';
  });
}

function isFlowNode(element: ModdleElement): boolean {
  return /(Task|Event|Gateway|SubProcess|CallActivity)$/.test(element.$type) || element.$type === 'bpmn:Task';
}

function idOf(ref: unknown): string | undefined {
  return typeof ref === 'object' && ref !== null ? ((ref as ModdleElement).id ?? undefined) : undefined;
}

/**
 * The flow's user tasks by id, with their task form's id (camunda:formKey) when they have one.
 * An unparsable flow has none (checkBpmn reports why).
 */
export async function flowUserTaskForms(programme: Programme): Promise<Map<string, string | undefined>> {
  const tasks = new Map<string, string | undefined>();
  try {
    const parsed = await parseBpmnXml(programme.flowXml);
    const visit = (container: ModdleElement) => {
      for (const element of list(container, 'flowElements')) {
        if (element.$type === 'bpmn:UserTask' && element.id) tasks.set(element.id, attribute(element, 'formKey', 'camunda') || undefined);
      }
    };
    list(parsed.rootElement, 'rootElements').filter((e) => e.$type === 'bpmn:Process').forEach(visit);
  } catch {
    // Reported by checkBpmn.
  }
  return tasks;
}

/** The words a user task can end with: its shenbao:outcomes, or its one default button. */
function taskOutcomeWords(element: ModdleElement): string[] {
  const declared = (attribute(element, 'outcomes', 'shenbao') ?? '').split(/\s+/).filter(Boolean);
  if (declared.length > 0) return declared;
  return [attribute(element, 'kind', 'shenbao') === 'revise' ? 'resubmit' : 'complete'];
}

/** Each user task's outcome words by task id (what `<task>.outcome` can be). */
export async function flowTaskOutcomes(programme: Programme): Promise<Map<string, string[]>> {
  const outcomes = new Map<string, string[]>();
  try {
    const parsed = await parseBpmnXml(programme.flowXml);
    for (const process of list(parsed.rootElement, 'rootElements').filter((e) => e.$type === 'bpmn:Process')) {
      for (const element of list(process, 'flowElements')) if (element.$type === 'bpmn:UserTask' && element.id) outcomes.set(element.id, taskOutcomeWords(element));
    }
  } catch {
    // Reported by checkBpmn.
  }
  return outcomes;
}

/**
 * The flow's user tasks by id, with their task form's schema: application-level expressions
 * (gateways, export columns) read them as `recommend.outcome`, `recommend.data.opinion`.
 */
export function taskSchemas(programme: Programme, taskForms: Map<string, string | undefined>): Map<string, JsonSchema | undefined> {
  const schemas = new Map<string, JsonSchema>(programme.taskForms.map((f) => [f.ref.id, f.schema]));
  return new Map([...taskForms].map(([id, formKey]) => [id, formKey ? schemas.get(formKey) : undefined]));
}

/** Checks the programme's flow; one problem per mistake, located by BPMN element id. */
export async function checkBpmn(programme: Programme): Promise<Problem[]> {
  const file = programme.manifest.flow;
  const found: Problem[] = [];
  const at = (element: string | undefined, code: string, zh: string, en: string) => found.push(problem(file, code, { zh, en }, { element }));

  // A missing or oversized flow file is reported by the loader.
  if (programme.flowXml === '') return found;
  let parsed: Awaited<ReturnType<typeof parseBpmnXml>>;
  try {
    parsed = await parseBpmnXml(programme.flowXml);
  } catch (error) {
    if (error instanceof FlowXmlRefused) {
      found.push(problem(file, error.refusal.code, error.refusal.message));
      return found;
    }
    const detail = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    at(undefined, 'SB_CHECK_BPMN_PARSE', `流程文件无法解析：${detail}`, `The flow does not parse: ${detail}`);
    return found;
  }
  const processes = list(parsed.rootElement, 'rootElements').filter((e) => e.$type === 'bpmn:Process');
  // What shenbao does not run comes first and always: nothing else said about such an element matters.
  const namespaces = namespaceLookup(parsed.rootElement);
  const refused = new Set<string>();
  for (const process of processes) {
    for (const refusal of refusedConstructs(process, namespaces)) {
      found.push(problem(file, refusal.code, refusal.message, { element: refusal.element }));
      if (refusal.element && refusal.code === 'SB_CHECK_BPMN_UNSUPPORTED') refused.add(refusal.element);
    }
  }
  for (const warning of parsed.warnings) {
    if (isVendorWarning(warning.message)) continue;
    const detail = warning.message.split('\n')[0]!;
    at(warning.element?.id, 'SB_CHECK_BPMN_WARNING', `流程文件有误：${detail}`, `Flow warning: ${detail}`);
  }
  if (processes.length !== 1) {
    at(undefined, 'SB_CHECK_BPMN_PROCESS_COUNT', `流程文件应恰好包含一个流程（现有 ${processes.length} 个）`, `The flow must hold exactly one process (found ${processes.length})`);
    if (processes.length === 0) return found;
  }

  const m = programme.manifest;
  const declaredForms = new Set((m.taskForms ?? []).map((f) => f.id));
  const prints = new Set((m.prints ?? []).map((p) => p.id));
  const outcomes = new Set([...BUILT_IN_OUTCOMES, ...Object.keys(m.outcomes ?? {})]);

  // Refused elements are not judged further (a sub-process's contents, a multi-instance task's attributes).
  const all = processes.flatMap((process) => list(process, 'flowElements')).filter((e) => !e.id || !refused.has(e.id));
  const scope = applicationScope(programme, taskSchemas(programme, await flowUserTaskForms(programme)));
  // A task whose shenbao: attributes sit in another namespace has unknown outcomes (reported as SB_CHECK_BPMN_NAMESPACE).
  const taskOutcomes = new Map(all.filter((e) => e.$type === 'bpmn:UserTask' && e.id && !hasMisplacedShenbao(e)).map((e) => [e.id!, taskOutcomeWords(e)]));

  const checkExpression = (element: string | undefined, text: string, what: string) => {
    const compiled = compileExpression(text);
    if (!compiled.ok) {
      found.push(problem(file, 'SB_CHECK_EXPRESSION_SYNTAX', { zh: `${what}：${compiled.error.message.zh}`, en: `${what}: ${compiled.error.message.en}` }, { element }));
      return undefined;
    }
    const unknown = checkApplicationReferences(compiled.expression, scope);
    for (const message of unknown) found.push(problem(file, 'SB_CHECK_UNKNOWN_NAME', message, { element }));
    if (unknown.length > 0) return undefined;
    const meaning = applicationExpressionMeaning(compiled.expression, (p) => applicationPathTarget(scope, p), (p) => applicationPathType(scope, p), (t) => taskOutcomes.get(t));
    for (const { code, message } of meaning) found.push(problem(file, code, message, { element }));
    return compiled.expression;
  };

  for (const element of all) {
    const id = element.id;
    const attrs = (element.$attrs ?? {}) as Record<string, unknown>;
    // An attribute in the wrong namespace is one mistake: report it, not also its absence.
    let misplacedNamespace = false;
    for (const key of Object.keys(attrs)) {
      const [prefix, local] = key.includes(':') ? key.split(':', 2) : ['', key];
      if (local && SHENBAO_ATTRIBUTE_NAMES.includes(local) && prefix !== 'xmlns' && prefix !== 'shenbao') {
        misplacedNamespace = true;
        at(id, 'SB_CHECK_BPMN_NAMESPACE', `属性 ${key} 不在 shenbao 命名空间（${SHENBAO_NAMESPACE}）中，或不能用在此元素上`, `Attribute ${key} is not in the shenbao namespace (${SHENBAO_NAMESPACE}) or not allowed on this element`);
      }
    }

    if (element.$type === 'bpmn:UserTask') {
      const groups = attribute(element, 'candidateGroups', 'camunda');
      if (!groups || groups.trim() === '') at(id, 'SB_CHECK_TASK_NO_ROLE', `用户任务 ${id} 没有指定角色（camunda:candidateGroups）`, `User task ${id} names no role (camunda:candidateGroups)`);
      for (const role of (groups ?? '').split(',').map((r) => r.trim()).filter(Boolean)) {
        if (!(role in m.roles)) at(id, 'SB_CHECK_UNKNOWN_ROLE', `用户任务 ${id} 的角色“${role}”未在 programme.json 中声明`, `User task ${id} names role "${role}", which programme.json does not declare`);
      }
      const formKey = attribute(element, 'formKey', 'camunda');
      if (formKey !== undefined && !declaredForms.has(formKey)) at(id, 'SB_CHECK_UNKNOWN_TASK_FORM', `用户任务 ${id} 的表单“${formKey}”不在 taskForms 中`, `User task ${id} uses form "${formKey}", which taskForms does not declare`);
      for (const word of (attribute(element, 'outcomes', 'shenbao') ?? '').split(/\s+/).filter(Boolean)) {
        if (!outcomes.has(word)) at(id, 'SB_CHECK_UNKNOWN_OUTCOME', `用户任务 ${id} 的结果“${word}”未定义（可在 outcomes 中声明）`, `User task ${id} offers outcome "${word}", which is neither built in nor in outcomes`);
      }
      const kind = attribute(element, 'kind', 'shenbao');
      if (kind !== undefined && !TASK_KINDS.includes(kind)) at(id, 'SB_CHECK_BPMN_ATTRIBUTE', `用户任务 ${id} 的 shenbao:kind“${kind}”应为 ${TASK_KINDS.join('/')}`, `User task ${id}: shenbao:kind "${kind}" must be one of ${TASK_KINDS.join(', ')}`);
      // Reporting ends each waiting application with the first word (ranked) or the second (left out); with one
      // word the ones left out would go on as if reported.
      const words = (attribute(element, 'outcomes', 'shenbao') ?? '').split(/\s+/).filter(Boolean);
      if (kind === 'report' && words.length !== 2) {
        at(id, 'SB_CHECK_BPMN_ATTRIBUTE', `上报任务 ${id} 的 shenbao:outcomes 应恰好为两个词：“已上报 未上报”（如 reported notReported）`,
          `Report task ${id}: shenbao:outcomes must be exactly two words, "<reported> <not reported>" (e.g. reported notReported)`);
      }
      const withdrawable = attribute(element, 'withdrawable', 'shenbao');
      if (withdrawable !== undefined && withdrawable !== 'true' && withdrawable !== 'false') at(id, 'SB_CHECK_BPMN_ATTRIBUTE', `用户任务 ${id} 的 shenbao:withdrawable 应为 true 或 false`, `User task ${id}: shenbao:withdrawable must be true or false`);
      const dueDate = attribute(element, 'dueDate', 'shenbao');
      if (dueDate !== undefined) checkExpression(id, dueDate, 'shenbao:dueDate');
      const organisation = attribute(element, 'organisation', 'shenbao');
      const taskRoles = (groups ?? '').split(',').map((r) => r.trim()).filter(Boolean);
      if (organisation === undefined || organisation.trim() === '') {
        // A reviewer's task is seen by the members of the unit it is routed to; without one, by nobody.
        if (!misplacedNamespace && kind !== 'revise' && taskRoles.every((r) => m.roles[r]?.kind !== 'applicant')) {
          at(id, 'SB_CHECK_TASK_NO_ORGANISATION', `用户任务 ${id} 没有 shenbao:organisation：任务会打开，但没有任何单位能看到和处理它`, `User task ${id} has no shenbao:organisation: it would open, but no unit could ever see or act on it`);
        }
      } else {
        const compiled = checkExpression(id, organisation, 'shenbao:organisation');
        if (compiled) for (const [zh, en] of routingProblems(compiled, taskRoles, programme, scope)) at(id, 'SB_CHECK_TASK_UNIT', `用户任务 ${id}：${zh}`, `User task ${id}: ${en}`);
      }
    }

    if (element.$type === 'bpmn:ServiceTask') {
      const action = attribute(element, 'action', 'shenbao');
      if (action === undefined ? !misplacedNamespace : !SERVICE_ACTIONS.includes(action)) {
        at(id, 'SB_CHECK_BPMN_ATTRIBUTE', `服务任务 ${id} 的 shenbao:action 应为 ${SERVICE_ACTIONS.join('/')}`, `Service task ${id}: shenbao:action must be one of ${SERVICE_ACTIONS.join(', ')}`);
      }
      const print = attribute(element, 'print', 'shenbao');
      if (action === 'print' && (print === undefined || !prints.has(print))) {
        at(id, 'SB_CHECK_UNKNOWN_PRINT', `服务任务 ${id} 的 shenbao:print“${print ?? ''}”不在 prints 中`, `Service task ${id}: shenbao:print "${print ?? ''}" is not a declared print`);
      }
    }

    if (element.$type === 'bpmn:EndEvent') {
      // The outcome is what the applicant and every list show at the end: it needs words, not just an id.
      const outcome = attribute(element, 'outcome', 'shenbao');
      if (outcome === undefined) {
        if (!misplacedNamespace) at(id, 'SB_CHECK_END_NO_OUTCOME', `结束事件 ${id} 没有 shenbao:outcome：申报人最终看不到结果。请写结果（并在 outcomes 中给出名称）`, `End event ${id} has no shenbao:outcome: the applicant would never read how it ended. Give it an outcome named in outcomes`);
      } else if (!outcomes.has(outcome)) {
        at(id, 'SB_CHECK_UNKNOWN_OUTCOME', `结束事件 ${id} 的结果“${outcome}”未在 outcomes 中给出名称`, `End event ${id} ends with outcome "${outcome}", which outcomes does not name`);
      }
      const validFor = attribute(element, 'validFor', 'shenbao');
      if (validFor !== undefined && !ISO_DURATION.test(validFor)) at(id, 'SB_CHECK_BPMN_ATTRIBUTE', `结束事件 ${id} 的 shenbao:validFor“${validFor}”不是 ISO 8601 时长（如 P3Y）`, `End event ${id}: shenbao:validFor "${validFor}" is not an ISO 8601 duration such as P3Y`);
    }

    if (element.$type === 'bpmn:SequenceFlow') {
      const condition = element.conditionExpression as ModdleElement | undefined;
      const body = condition ? String(condition.body ?? '').trim() : undefined;
      if (body !== undefined) checkExpression(id, body, `条件 condition`);
    }
  }

  for (const process of processes) checkGraph(process, at);
  return found;
}

/**
 * Where an organisation expression can route the task: a literal must be a unit of one of the
 * task's roles; a field must be a unit picker (x-organisation) of one of them. Other expressions
 * are evaluated by the flow walk (flow-check.ts), which checks every unit they yield.
 */
function routingProblems(compiled: CompiledExpression, taskRoles: string[], programme: Programme, scope: ReturnType<typeof applicationScope>): Array<[string, string]> {
  const m = programme.manifest;
  const units = m.organisations?.units ?? [];
  const roleOfCategory = new Map((m.organisations?.categories ?? []).map((c) => [c.id, c.role]));
  const shape = expressionShape(compiled);
  if (!shape) return [];
  if ('literal' in shape) {
    const unit = units.find((u) => u.id === shape.literal);
    if (!unit) return [[`shenbao:organisation 指向的单位“${shape.literal}”不在 organisations.units 中：任务没有人能处理`, `shenbao:organisation routes to "${shape.literal}", which is not a unit in organisations.units: nobody could act on the task`]];
    const role = roleOfCategory.get(unit.category);
    if (role !== undefined && !taskRoles.includes(role)) return [[`单位“${unit.id}”属于角色“${role}”，不是任务的角色（${taskRoles.join('、')}）`, `unit "${unit.id}" belongs to role "${role}", not to the task's role (${taskRoles.join(', ')})`]];
    return [];
  }
  const target = applicationPathTarget(scope, shape.path);
  if (!target) return [];
  const step = followPath(target.schema, target.rest, target.schema);
  if (step.kind !== 'found') return [];
  const picker = step.schema['x-organisation'] as { role?: unknown } | undefined;
  if (!picker) return [[`shenbao:organisation 读取的 ${shape.path.join('.')} 不是单位选择字段（x-organisation），其值不是单位 id：任务没有人能处理`, `shenbao:organisation reads ${shape.path.join('.')}, which is not a unit field (x-organisation), so its value is no unit id: nobody could act on the task`]];
  // Undeclared roles are reported where they are written; compare only declared ones.
  if (typeof picker.role === 'string' && picker.role in m.roles && taskRoles.every((r) => r in m.roles) && !taskRoles.includes(picker.role)) return [[`${shape.path.join('.')} 选择的是角色“${picker.role}”的单位，不是任务的角色（${taskRoles.join('、')}）`, `${shape.path.join('.')} picks units of role "${picker.role}", not of the task's role (${taskRoles.join(', ')})`]];
  return [];
}

type At = (element: string | undefined, code: string, zh: string, en: string) => void;

/** Gateways that can get stuck, nodes that cannot be reached, and nodes that lead nowhere. */
function checkGraph(container: ModdleElement, at: At): void {
  const elements = list(container, 'flowElements');
  const nodes = elements.filter(isFlowNode);
  const flows = elements.filter((e) => e.$type === 'bpmn:SequenceFlow');
  const forward = new Map<string, string[]>(nodes.map((n) => [n.id!, []]));
  const backward = new Map<string, string[]>(nodes.map((n) => [n.id!, []]));
  const link = (from: string | undefined, to: string | undefined) => {
    if (!from || !to) return;
    forward.get(from)?.push(to);
    backward.get(to)?.push(from);
  };
  for (const flow of flows) link(idOf(flow.sourceRef), idOf(flow.targetRef));
  for (const node of nodes) if (node.$type === 'bpmn:BoundaryEvent') link(idOf(node.attachedToRef), node.id);

  const outgoingOf = new Map<string, ModdleElement[]>();
  for (const flow of flows) {
    const source = idOf(flow.sourceRef) ?? '';
    const known = outgoingOf.get(source);
    if (known) known.push(flow);
    else outgoingOf.set(source, [flow]);
  }
  for (const gateway of nodes.filter((n) => n.$type === 'bpmn:ExclusiveGateway')) {
    const outgoing = outgoingOf.get(gateway.id ?? '') ?? [];
    if (outgoing.length < 2) continue;
    const defaultId = idOf(gateway.default);
    for (const flow of outgoing) {
      if (flow.id !== defaultId && !flow.conditionExpression) {
        at(flow.id, 'SB_CHECK_GATEWAY_UNGUARDED', `排他网关 ${gateway.id} 的出口 ${flow.id} 既无条件也不是默认出口`, `Exclusive gateway ${gateway.id}: outgoing flow ${flow.id} has no condition and is not the default`);
      }
    }
  }

  checkParallelJoins(nodes, forward, backward, at);

  const starts = nodes.filter((n) => n.$type === 'bpmn:StartEvent').map((n) => n.id!);
  const ends = nodes.filter((n) => n.$type === 'bpmn:EndEvent').map((n) => n.id!);
  if (container.$type === 'bpmn:Process' && starts.length !== 1) {
    at(container.id, 'SB_CHECK_BPMN_START', `流程应恰好有一个开始事件（现有 ${starts.length} 个）`, `The process must have exactly one start event (found ${starts.length})`);
  }
  if (ends.length === 0) at(container.id, 'SB_CHECK_BPMN_NO_END', '流程没有结束事件', 'The process has no end event');
  const reachable = closure(starts, forward);
  const canEnd = closure(ends, backward);
  for (const node of nodes) {
    if (starts.length > 0 && !reachable.has(node.id!)) {
      at(node.id, 'SB_CHECK_UNREACHABLE', `流程节点 ${node.id} 从开始事件无法到达`, `Flow node ${node.id} cannot be reached from the start`);
    } else if (ends.length > 0 && !canEnd.has(node.id!)) {
      at(node.id, 'SB_CHECK_DEAD_END', `流程节点 ${node.id} 无法到达任何结束事件`, `Flow node ${node.id} cannot reach any end event`);
    }
  }
}

/**
 * Branches of a parallel split must meet again at a parallel gateway. Where two of them meet
 * anywhere else (an exclusive gateway, a task, an end), the token arrives twice: the task opens
 * twice, the flow ends twice. Nodes on a way back to the split (a return loop) are not joins.
 */
function checkParallelJoins(nodes: ModdleElement[], forward: Map<string, string[]>, backward: Map<string, string[]>, at: At): void {
  const typeOf = new Map(nodes.map((n) => [n.id!, n.$type]));
  for (const split of nodes.filter((n) => n.$type === 'bpmn:ParallelGateway' && (forward.get(n.id!)?.length ?? 0) > 1)) {
    const loopsBack = closure([split.id!], backward);
    const branchOf = new Map<string, number>();
    const reported = new Set<string>();
    (forward.get(split.id!) ?? []).forEach((start, branch) => {
      const queue = [start];
      const seen = new Set<string>();
      while (queue.length > 0) {
        const id = queue.pop()!;
        if (seen.has(id) || loopsBack.has(id)) continue;
        seen.add(id);
        if (typeOf.get(id) === 'bpmn:ParallelGateway') continue;
        const earlier = branchOf.get(id);
        if (earlier !== undefined && earlier !== branch) {
          if (!reported.has(id)) {
            reported.add(id);
            at(id, 'SB_CHECK_PARALLEL_JOIN', `并行网关 ${split.id} 分出的多条分支在 ${id} 汇合，但它不是并行网关：流程会到达这里两次（任务打开两次、流程结束两次）。请用并行网关汇合`,
              `Branches of parallel gateway ${split.id} meet at ${id}, which is not a parallel gateway: the flow would arrive there twice (a task opening twice, the flow ending twice). Join them with a parallel gateway`);
          }
          continue;
        }
        branchOf.set(id, branch);
        queue.push(...(forward.get(id) ?? []));
      }
    });
  }
}

function closure(from: string[], edges: Map<string, string[]>): Set<string> {
  const seen = new Set(from);
  const queue = [...from];
  while (queue.length > 0) {
    for (const next of edges.get(queue.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}
