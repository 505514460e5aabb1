import { parseBpmnXml, type ModdleElement, type ModdleParseResult } from './bpmn-moddle.ts';
import { WorkflowError, workflowFailure, type WorkflowFailure } from './errors.ts';
import { FlowXmlRefused } from './flow-xml.ts';
import { isVendorWarning, namespaceLookup, refusedConstructs } from './supported-elements.ts';
import type {
  BoundaryTimerDefinition,
  EndEventDefinition,
  FlowDefinition,
  FlowNodeKind,
  GatewayDefinition,
  ServiceActionKind,
  ServiceTaskDefinition,
  UserTaskDefinition,
} from './types.ts';

const SERVICE_ACTIONS: readonly ServiceActionKind[] = ['freeze', 'print', 'notify'];
const TASK_KINDS: ReadonlyArray<UserTaskDefinition['kind']> = ['review', 'revise', 'report'];

/** A flow and the problems found while reading it (problems never stop the reading). */
export interface FlowInspection {
  flow: FlowDefinition | undefined;
  problems: WorkflowFailure[];
}

/**
 * Parses flow.bpmn once per programme version. Throws a WorkflowError with the first problem;
 * use inspectFlow to get every problem as data.
 */
export async function loadFlow(bpmnXml: string): Promise<FlowDefinition> {
  const { flow, problems } = await inspectFlow(bpmnXml);
  const first = problems[0];
  if (first) throw new WorkflowError(first);
  if (!flow) throw new WorkflowError(workflowFailure('SB_ERR_FLOW_NO_PROCESS'));
  return flow;
}

/** Parses and checks a flow, returning the definition (when there is one) and all problems. */
export async function inspectFlow(bpmnXml: string): Promise<FlowInspection> {
  let parsed: ModdleParseResult;
  try {
    parsed = await parseBpmnXml(bpmnXml);
  } catch (err) {
    const detail = err instanceof FlowXmlRefused ? err.refusal.message.en : errorText(err);
    return { flow: undefined, problems: [workflowFailure('SB_ERR_FLOW_XML', { detail })] };
  }
  // Vendor attributes moddle does not know are judged by name below, not as XML faults.
  const problems = parsed.warnings.filter((w) => !isVendorWarning(w.message)).map((w) => workflowFailure('SB_ERR_FLOW_XML', { detail: w.message }));
  const processes = children(parsed.rootElement, 'rootElements').filter((e) => e.$type === 'bpmn:Process');
  const process = processes.find((p) => p.isExecutable === true) ?? processes[0];
  if (!process) return { flow: undefined, problems: [...problems, workflowFailure('SB_ERR_FLOW_NO_PROCESS')] };
  // What shenbao does not run is refused before anything else is read, each by element.
  for (const refusal of refusedConstructs(process, namespaceLookup(parsed.rootElement))) {
    problems.push(workflowFailure('SB_ERR_FLOW_INVALID', { element: refusal.element ?? process.id ?? '', detail: refusal.message.en }));
  }
  const flow = readProcess(process, problems);
  return { flow, problems };
}

/** The BPMN element types the interpreter runs, and how (interpreter.ts). Anything else is refused. */
const NODE_KINDS: Record<string, FlowNodeKind> = {
  'bpmn:StartEvent': 'start',
  'bpmn:EndEvent': 'end',
  'bpmn:UserTask': 'userTask',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:ExclusiveGateway': 'exclusive',
  'bpmn:ParallelGateway': 'parallel',
  'bpmn:InclusiveGateway': 'inclusive',
  'bpmn:BoundaryEvent': 'boundary',
  'bpmn:IntermediateThrowEvent': 'pass',
  'bpmn:Task': 'pass',
  'bpmn:ManualTask': 'pass',
};

function readProcess(process: ModdleElement, problems: WorkflowFailure[]): FlowDefinition {
  const invalid = (element: string, detail: string) => problems.push(workflowFailure('SB_ERR_FLOW_INVALID', { element, detail }));
  const flow: FlowDefinition = {
    processId: process.id ?? 'process',
    userTasks: {},
    serviceTasks: {},
    endEvents: {},
    gateways: {},
    boundaryTimers: {},
    elementIds: [],
    nodes: {},
    startEventId: '',
  };
  const elements = children(process, 'flowElements');
  // Sequence flows by their source, once: looking them up per gateway would be quadratic.
  const outgoingBySource = new Map<string, ModdleElement[]>();
  for (const element of elements) {
    if (element.$type !== 'bpmn:SequenceFlow') continue;
    const source = (element.sourceRef as ModdleElement | undefined)?.id ?? '';
    const known = outgoingBySource.get(source);
    if (known) known.push(element);
    else outgoingBySource.set(source, [element]);
  }
  for (const element of elements) {
    const id = element.id ?? '';
    flow.elementIds.push(id);
    const kind = NODE_KINDS[element.$type];
    if (kind) flow.nodes[id] = { id, kind, outgoing: [], incoming: [], defaultFlow: (element.default as ModdleElement | undefined)?.id };
    switch (element.$type) {
      case 'bpmn:StartEvent':
        if (flow.startEventId) invalid(id, `the process has a second start event (${flow.startEventId} is the first)`);
        else flow.startEventId = id;
        break;
      case 'bpmn:UserTask':
        flow.userTasks[id] = readUserTask(element, invalid);
        break;
      case 'bpmn:ServiceTask': {
        const task = readServiceTask(element, invalid);
        if (task) flow.serviceTasks[id] = task;
        break;
      }
      case 'bpmn:EndEvent':
        flow.endEvents[id] = readEndEvent(element);
        break;
      case 'bpmn:BoundaryEvent': {
        const timer = readBoundaryTimer(element);
        // Any other boundary event is refused by refusedConstructs.
        if (timer) flow.boundaryTimers[id] = timer;
        break;
      }
      case 'bpmn:ExclusiveGateway':
      case 'bpmn:InclusiveGateway':
      case 'bpmn:ParallelGateway':
        flow.gateways[id] = readGateway(element, outgoingBySource.get(id) ?? []);
        break;
      default:
        // Unsupported element types are refused by refusedConstructs.
        break;
    }
  }
  if (!flow.startEventId) invalid(flow.processId, 'the process has no start event');
  linkSequenceFlows(flow, elements, invalid);
  linkDeadlines(flow, invalid);
  checkGateways(flow, invalid);
  return flow;
}

/** Hangs every sequence flow on the nodes it joins, in document order; found by sourceRef (`<bpmn:outgoing>` is optional). */
function linkSequenceFlows(flow: FlowDefinition, elements: ModdleElement[], invalid: (id: string, detail: string) => void): void {
  const known = new Set(flow.elementIds);
  for (const element of elements) {
    if (element.$type !== 'bpmn:SequenceFlow') continue;
    const id = element.id ?? '';
    const source = flow.nodes[(element.sourceRef as ModdleElement | undefined)?.id ?? ''];
    const target = flow.nodes[(element.targetRef as ModdleElement | undefined)?.id ?? ''];
    if (!source || !target) {
      // A flow to or from an element refused above says nothing new.
      const ends = [(element.sourceRef as ModdleElement | undefined)?.id, (element.targetRef as ModdleElement | undefined)?.id];
      if (!ends.some((end) => end && known.has(end))) invalid(id, 'a sequence flow must join two elements of the process');
      continue;
    }
    const condition = body(element.conditionExpression);
    if (condition && !condition.startsWith('=')) invalid(id, 'conditions are FEEL written with a leading "="');
    source.outgoing.push({ flowId: id, target: target.id, condition });
    target.incoming.push(id);
  }
  for (const node of Object.values(flow.nodes)) {
    if (node.kind === 'inclusive' && node.incoming.length > 1) invalid(node.id, 'an inclusive gateway may split the flow but not join it; join with a parallel or exclusive gateway');
  }
}

function readUserTask(element: ModdleElement, invalid: (id: string, detail: string) => void): UserTaskDefinition {
  const id = element.id ?? '';
  const roles = words(element.candidateGroups, ',');
  if (roles.length === 0) invalid(id, 'a user task needs camunda:candidateGroups (its role)');
  const kindText = text(element.kind) ?? 'review';
  const kind = TASK_KINDS.find((k) => k === kindText);
  if (!kind) invalid(id, `shenbao:kind "${kindText}" is not one of ${TASK_KINDS.join(', ')}`);
  // Without shenbao:outcomes a task has one button: the applicant resubmits, a reviewer completes.
  const declared = words(element.outcomes, ' ');
  const outcomes = declared.length > 0 ? declared : [kind === 'revise' ? 'resubmit' : 'complete'];
  return {
    id,
    name: element.name ?? id,
    role: roles[0],
    roles,
    formKey: text(element.formKey),
    organisationExpr: text(element.organisation),
    outcomes,
    withdrawable: text(element.withdrawable) === 'true',
    kind: kind ?? 'review',
    dueDateExpr: text(element.dueDate),
    deadlineEvents: [],
  };
}

function readServiceTask(element: ModdleElement, invalid: (id: string, detail: string) => void): ServiceTaskDefinition | undefined {
  const id = element.id ?? '';
  const actionText = text(element.action);
  const action = SERVICE_ACTIONS.find((a) => a === actionText);
  if (!action) {
    invalid(id, `a service task needs shenbao:action, one of ${SERVICE_ACTIONS.join(', ')}`);
    return undefined;
  }
  const print = text(element.print);
  if (action === 'print' && !print) invalid(id, 'a print action needs shenbao:print (a print id)');
  return { id, name: element.name ?? id, action, print, message: text(element.message) };
}

function readEndEvent(element: ModdleElement): EndEventDefinition {
  const id = element.id ?? '';
  return { id, name: element.name ?? id, outcome: text(element.outcome), validFor: text(element.validFor) };
}

function readBoundaryTimer(element: ModdleElement): BoundaryTimerDefinition | undefined {
  const timer = children(element, 'eventDefinitions').find((d) => d.$type === 'bpmn:TimerEventDefinition');
  const attachedTo = (element.attachedToRef as ModdleElement | undefined)?.id;
  if (!timer || !attachedTo) return undefined;
  return {
    id: element.id ?? '',
    attachedTo,
    interrupting: element.cancelActivity !== false,
    timeDate: body(timer.timeDate),
    timeDuration: body(timer.timeDuration),
  };
}

/** Outgoing flows found by their sourceRef: `<bpmn:outgoing>` children are optional in the XML. */
function readGateway(element: ModdleElement, outgoing: ModdleElement[]): GatewayDefinition {
  return {
    id: element.id ?? '',
    type: element.$type,
    defaultFlow: (element.default as ModdleElement | undefined)?.id,
    outgoing: outgoing.map((flow) => ({
      flowId: flow.id ?? '',
      target: (flow.targetRef as ModdleElement | undefined)?.id ?? '',
      condition: body(flow.conditionExpression),
    })),
  };
}

/** Boundary timers belong to their task's deadline; a timer with no time of its own needs the task's dueDate. */
function linkDeadlines(flow: FlowDefinition, invalid: (id: string, detail: string) => void): void {
  for (const timer of Object.values(flow.boundaryTimers)) {
    const task = flow.userTasks[timer.attachedTo];
    if (!task) {
      invalid(timer.id, 'timer boundary events are supported on user tasks only');
      continue;
    }
    if (!timer.timeDate && !timer.timeDuration && !task.dueDateExpr) {
      invalid(timer.id, `the timer has no timeDate/timeDuration and task ${task.id} has no shenbao:dueDate`);
    }
    task.deadlineEvents.push(timer.id);
  }
}

/** An exclusive gateway with several outgoing flows needs a condition or the default on each. */
function checkGateways(flow: FlowDefinition, invalid: (id: string, detail: string) => void): void {
  for (const gateway of Object.values(flow.gateways)) {
    if (gateway.type !== 'bpmn:ExclusiveGateway' || gateway.outgoing.length < 2) continue;
    for (const out of gateway.outgoing) {
      if (!out.condition && out.flowId !== gateway.defaultFlow) {
        invalid(out.flowId, `flow out of gateway ${gateway.id} has neither a condition nor is it the default`);
      }
    }
  }
}

function children(element: ModdleElement, key: string): ModdleElement[] {
  const value = element[key];
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function body(expression: unknown): string | undefined {
  if (!expression || typeof expression !== 'object') return undefined;
  return text((expression as { body?: unknown }).body);
}

function words(value: unknown, separator: ' ' | ','): string[] {
  const raw = text(value);
  if (!raw) return [];
  return raw.split(separator === ' ' ? /\s+/ : /\s*,\s*/).filter(Boolean);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
