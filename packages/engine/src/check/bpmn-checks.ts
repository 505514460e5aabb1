import { compileExpression } from '../expression/index.ts';
import type { JsonSchema, Programme } from '../format/types.ts';
import { problem, type Problem } from '../problem.ts';
import { parseBpmnXml, type ModdleElement } from '../workflow/bpmn-moddle.ts';
import { FlowXmlRefused } from '../workflow/flow-xml.ts';
import { SHENBAO_NAMESPACE } from '../workflow/moddle-descriptors.ts';
import { isVendorWarning, namespaceLookup, refusedConstructs } from '../workflow/supported-elements.ts';
import { applicationScope, checkApplicationReferences } from './expression-scope.ts';

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

  const checkExpression = (element: string | undefined, text: string, what: string) => {
    const compiled = compileExpression(text);
    if (!compiled.ok) {
      found.push(problem(file, 'SB_CHECK_EXPRESSION_SYNTAX', { zh: `${what}：${compiled.error.message.zh}`, en: `${what}: ${compiled.error.message.en}` }, { element }));
      return;
    }
    for (const message of checkApplicationReferences(compiled.expression, scope)) found.push(problem(file, 'SB_CHECK_UNKNOWN_NAME', message, { element }));
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
      for (const name of ['organisation', 'dueDate']) {
        const text = attribute(element, name, 'shenbao');
        if (text !== undefined) checkExpression(id, text, `shenbao:${name}`);
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
      if (outcome !== undefined && !outcomes.has(outcome)) {
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
