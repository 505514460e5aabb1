/**
 * Which BPMN constructs and vendor attributes shenbao runs, decided per construct in one place:
 * both the runtime loader (load-flow.ts) and `check` (check/bpmn-checks.ts) refuse from here, so
 * nothing is ever run with a meaning other than the one it was drawn with. Each refusal names
 * the element and the construct, and says what to draw instead.
 *
 * Attributes and extension elements of the execution vendors (Camunda, Flowable, Activiti,
 * Zeebe, jBPM) are judged by name: what only tunes the vendor's own engine or Modeler
 * (historyTimeToLive, asyncBefore, versionTag, extension properties …) is accepted and ignored;
 * what would route, time or run something differently (assignee, camunda:dueDate, listeners,
 * input/output mappings, Java classes …) is refused. Other namespaces (diagram colours,
 * Signavio's or Trisotech's metadata …) never change execution and are ignored.
 */
import type { Message } from '../text.ts';
import type { ModdleElement } from './bpmn-moddle.ts';
import { CAMUNDA_NAMESPACE, SHENBAO_NAMESPACE } from './moddle-descriptors.ts';

export interface ConstructRefusal {
  /** The element's id (the process id for process-level constructs). */
  element: string | undefined;
  code: 'SB_CHECK_BPMN_UNSUPPORTED' | 'SB_CHECK_BPMN_VENDOR';
  message: Message;
}

/**
 * Multi-instance user tasks (会签/或签). Refused until the approval-semantics work runs them:
 * lifting the refusal is this one function (return undefined for the supported forms).
 */
export function multiInstanceRefusal(element: ModdleElement): Message | undefined {
  const sequential = (element.loopCharacteristics as ModdleElement | undefined)?.isSequential === true;
  return {
    zh: `${element.id} 是多实例${sequential ? '（顺序）' : '（并行）'}任务（会签/或签），目前尚不支持：它会只运行一次。请画成普通用户任务，或等待会签功能`,
    en: `${element.id} is a ${sequential ? 'sequential' : 'parallel'} multi-instance task (countersign), which is not supported yet: it would run once. Draw a plain user task for now`,
  };
}

/** Flow element types the interpreter runs (interpreter.ts), and the inert ones. */
const SUPPORTED_TYPES = new Set([
  'bpmn:StartEvent', 'bpmn:EndEvent', 'bpmn:UserTask', 'bpmn:ServiceTask', 'bpmn:ExclusiveGateway', 'bpmn:ParallelGateway',
  'bpmn:InclusiveGateway', 'bpmn:BoundaryEvent', 'bpmn:IntermediateThrowEvent', 'bpmn:Task', 'bpmn:ManualTask',
  'bpmn:SequenceFlow', 'bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference',
]);

/** What to say about each unsupported element type: its name, and what to draw instead. */
const UNSUPPORTED_TYPES: Record<string, [zh: string, en: string]> = {
  'bpmn:SubProcess': ['子流程不受支持：请把其中的步骤画在主流程中', 'sub-processes are not supported: draw their steps in the main process'],
  'bpmn:AdHocSubProcess': ['自由子流程不受支持：请把其中的步骤画在主流程中', 'ad-hoc sub-processes are not supported: draw their steps in the main process'],
  'bpmn:Transaction': ['事务子流程不受支持：请把其中的步骤画在主流程中', 'transactions are not supported: draw their steps in the main process'],
  'bpmn:CallActivity': ['调用活动（调用另一个流程）不受支持：请把步骤画在本流程中', 'call activities (calling another process) are not supported: draw the steps in this process'],
  'bpmn:ScriptTask': ['脚本任务不受支持：申报项目不运行脚本，请用网关条件（FEEL）或带 shenbao:action 的服务任务', 'script tasks are not supported: a programme runs no scripts; use a FEEL gateway condition or a service task with shenbao:action'],
  'bpmn:BusinessRuleTask': ['业务规则（DMN）任务不受支持：请写成 programme.json 的 rules 或网关条件', 'business rule (DMN) tasks are not supported: write the rule in programme.json rules or as a gateway condition'],
  'bpmn:SendTask': ['发送任务不受支持：通知请用 shenbao:action="notify" 的服务任务', 'send tasks are not supported: notify with a service task with shenbao:action="notify"'],
  'bpmn:ReceiveTask': ['接收任务不受支持：等待请画成用户任务', 'receive tasks are not supported: draw the wait as a user task'],
  'bpmn:IntermediateCatchEvent': ['中间捕获事件（等待消息、定时或信号）不受支持：期限请用用户任务上的定时边界事件', 'intermediate catch events (waiting for a message, a timer or a signal) are not supported: put a timer boundary event on a user task'],
  'bpmn:EventBasedGateway': ['事件网关不受支持：请用排他网关和条件', 'event-based gateways are not supported: use an exclusive gateway with conditions'],
  'bpmn:ComplexGateway': ['复杂网关不受支持：请用排他、并行或包容网关', 'complex gateways are not supported: use an exclusive, parallel or inclusive gateway'],
};

/** Event definitions by type, for the sentence. */
const EVENT_KINDS: Record<string, [zh: string, en: string]> = {
  'bpmn:MessageEventDefinition': ['消息', 'message'],
  'bpmn:SignalEventDefinition': ['信号', 'signal'],
  'bpmn:ErrorEventDefinition': ['错误', 'error'],
  'bpmn:EscalationEventDefinition': ['升级', 'escalation'],
  'bpmn:TerminateEventDefinition': ['终止', 'terminate'],
  'bpmn:CompensateEventDefinition': ['补偿', 'compensation'],
  'bpmn:ConditionalEventDefinition': ['条件', 'conditional'],
  'bpmn:LinkEventDefinition': ['链接', 'link'],
  'bpmn:CancelEventDefinition': ['取消', 'cancel'],
  'bpmn:TimerEventDefinition': ['定时', 'timer'],
};

/** Namespaces of engines that execute BPMN: their attributes and extension elements may change meaning. */
const EXECUTION_VENDORS: Record<string, string> = {
  [CAMUNDA_NAMESPACE]: 'Camunda',
  'http://flowable.org/bpmn': 'Flowable',
  'http://activiti.org/bpmn': 'Activiti',
  'http://camunda.org/schema/zeebe/1.0': 'Zeebe',
  'http://www.jboss.org/drools': 'jBPM',
};

/** Camunda attributes that only tune Camunda's engine or Modeler: accepted, ignored (or read: candidateGroups, formKey). */
const CAMUNDA_ACCEPTED = new Set([
  'candidateGroups', 'formKey', 'historyTimeToLive', 'versionTag', 'isStartableInTasklist', 'jobPriority', 'taskPriority',
  'async', 'asyncBefore', 'asyncAfter', 'exclusive', 'modelerTemplate', 'modelerTemplateVersion', 'diagramRelationId',
  'candidateStarterGroups', 'candidateStarterUsers', 'priority', 'initiator',
]);

/** Attribute names that decide who works a task, when, with which form, or what runs: refused, with what to write instead. */
const MEANINGFUL_ATTRIBUTES: Record<string, [zh: string, en: string]> = {
  assignee: ['任务交给审核单位（shenbao:organisation）及其成员，而不是某一个人', 'a task goes to a unit (shenbao:organisation) and its members, never to one person'],
  candidateUsers: ['任务交给审核单位（shenbao:organisation）及其成员，而不是指定用户', 'a task goes to a unit (shenbao:organisation) and its members, never to named users'],
  candidateGroups: ['角色请写 camunda:candidateGroups', 'write the role as camunda:candidateGroups'],
  dueDate: ['期限请写 shenbao:dueDate', 'write the deadline as shenbao:dueDate'],
  followUpDate: ['没有跟进日期，期限请写 shenbao:dueDate', 'there are no follow-up dates; write the deadline as shenbao:dueDate'],
  formKey: ['审核表单请写 camunda:formKey（taskForms 中的 id）', 'write the task form as camunda:formKey (an id in taskForms)'],
  formRef: ['审核表单请写 camunda:formKey（taskForms 中的 id）', 'write the task form as camunda:formKey (an id in taskForms)'],
  formRefBinding: ['审核表单请写 camunda:formKey', 'write the task form as camunda:formKey'],
  formRefVersion: ['审核表单请写 camunda:formKey', 'write the task form as camunda:formKey'],
  formHandlerClass: ['审核表单请写 camunda:formKey', 'write the task form as camunda:formKey'],
  class: ['服务任务只运行 shenbao:action（freeze、print、notify），不运行程序代码', 'service tasks run shenbao:action (freeze, print, notify), never program code'],
  expression: ['服务任务只运行 shenbao:action（freeze、print、notify），不运行表达式', 'service tasks run shenbao:action (freeze, print, notify), never expressions'],
  delegateExpression: ['服务任务只运行 shenbao:action（freeze、print、notify）', 'service tasks run shenbao:action (freeze, print, notify)'],
  resultVariable: ['流程不设置变量', 'the flow sets no variables'],
  type: ['服务任务只运行 shenbao:action（freeze、print、notify），没有外部任务', 'service tasks run shenbao:action (freeze, print, notify); there are no external tasks'],
  topic: ['服务任务只运行 shenbao:action（freeze、print、notify），没有外部任务', 'service tasks run shenbao:action (freeze, print, notify); there are no external tasks'],
  resource: ['条件请直接写 FEEL 表达式（以 = 开头），不引用外部脚本', 'write conditions as FEEL (with a leading =), not as external scripts'],
  collection: ['多实例（会签）目前尚不支持', 'multi-instance (countersign) is not supported yet'],
  elementVariable: ['多实例（会签）目前尚不支持', 'multi-instance (countersign) is not supported yet'],
  skipExpression: ['任务不能被跳过：请用网关条件', 'tasks cannot be skipped: use a gateway condition'],
};

/** Camunda extension elements that only describe: accepted. Every other vendor extension element is refused. */
const ACCEPTED_EXTENSIONS = new Set(['camunda:Properties', 'camunda:Property', 'camunda:FailedJobRetryTimeCycle', 'camunda:PotentialStarter']);

/** What a refused extension element does, for the sentence (Camunda's; other vendors' are named as found). */
const EXTENSION_NAMES: Record<string, [zh: string, en: string]> = {
  'camunda:InputOutput': ['输入/输出映射', 'input/output mappings'],
  'camunda:ExecutionListener': ['执行监听器（运行程序代码）', 'execution listeners (they run code)'],
  'camunda:TaskListener': ['任务监听器（运行程序代码）', 'task listeners (they run code)'],
  'camunda:FormData': ['内嵌表单字段（审核表单请写 camunda:formKey）', 'embedded form fields (write the task form as camunda:formKey)'],
  'camunda:FormProperty': ['内嵌表单字段（审核表单请写 camunda:formKey）', 'embedded form fields (write the task form as camunda:formKey)'],
  'camunda:Connector': ['连接器', 'connectors'],
  'camunda:Field': ['字段注入（运行程序代码）', 'field injection (it runs code)'],
  'camunda:In': ['变量传入', 'variable passing'],
  'camunda:Out': ['变量传出', 'variable passing'],
};

/** moddle's warning for a Camunda attribute its descriptor lacks (camunda:dueDate): judged by vendorRefusals instead. */
export function isVendorWarning(message: string): boolean {
  return /^unknown attribute <camunda:/.test(message);
}

function list(element: ModdleElement, key: string): ModdleElement[] {
  const value = element[key];
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

interface PropertyDescriptor {
  name: string;
  ns?: { prefix?: string; localName?: string };
  isMany?: boolean;
}

/** The namespace URI of a prefix as the document declares it (`xmlns:flowable="…"`). */
export type NamespaceLookup = (prefix: string) => string | undefined;

/** Reads the xmlns declarations of the document's root element. */
export function namespaceLookup(definitions: ModdleElement): NamespaceLookup {
  const attrs = (definitions.$attrs ?? {}) as Record<string, string>;
  return (prefix) => attrs[`xmlns:${prefix}`];
}

/**
 * Every refused construct of the process, in document order, each once. Sub-processes are
 * refused whole and not entered: what they hold is not judged.
 */
export function refusedConstructs(process: ModdleElement, namespaces: NamespaceLookup): ConstructRefusal[] {
  const found: ConstructRefusal[] = [];
  const refuse = (element: ModdleElement, zh: string, en: string) =>
    found.push({ element: element.id, code: 'SB_CHECK_BPMN_UNSUPPORTED', message: { zh: `${element.id ?? '（无 id）'}：${zh}`, en: `${element.id ?? '(no id)'}: ${en}` } });

  found.push(...vendorRefusals(process, process, namespaces));
  for (const element of list(process, 'flowElements')) {
    const type = element.$type;
    const unsupported = UNSUPPORTED_TYPES[type];
    if (unsupported) {
      const triggered = element.triggeredByEvent === true;
      refuse(element, triggered ? `事件子流程不受支持：${unsupported[0]}` : unsupported[0], triggered ? `event sub-processes are not supported: ${unsupported[1]}` : unsupported[1]);
      continue;
    }
    if (!SUPPORTED_TYPES.has(type)) {
      const name = type.replace(/^bpmn:/, '');
      refuse(element, `${name} 元素不受支持`, `${name} elements are not supported`);
      continue;
    }
    const loop = element.loopCharacteristics as ModdleElement | undefined;
    if (loop?.$type === 'bpmn:MultiInstanceLoopCharacteristics') {
      const refusal = multiInstanceRefusal(element);
      if (refusal) found.push({ element: element.id, code: 'SB_CHECK_BPMN_UNSUPPORTED', message: refusal });
    } else if (loop?.$type === 'bpmn:StandardLoopCharacteristics') {
      refuse(element, '标准循环不受支持：它会只运行一次。请用网关画出回到此任务的连线', 'standard loops are not supported: it would run once. Draw the way back with a gateway');
    }
    if (element.isForCompensation === true) refuse(element, '补偿活动不受支持', 'compensation activities are not supported');
    found.push(...eventRefusals(element, refuse));
    found.push(...vendorRefusals(element, element, namespaces));
  }
  return found;
}

type Refuse = (element: ModdleElement, zh: string, en: string) => void;

/** Event definitions the interpreter does not run: any on start, end and throw events; all but one-off timers on boundaries. */
function eventRefusals(element: ModdleElement, refuse: Refuse): ConstructRefusal[] {
  const definitions = list(element, 'eventDefinitions');
  if (definitions.length === 0) return [];
  if (definitions.length > 1) {
    refuse(element, '一个事件只能有一种事件定义', 'an event may have one event definition only');
    return [];
  }
  const definition = definitions[0]!;
  const [kindZh, kindEn] = EVENT_KINDS[definition.$type] ?? [definition.$type, definition.$type];
  switch (element.$type) {
    case 'bpmn:StartEvent':
      refuse(element, `${kindZh}开始事件不受支持：流程在申报提交时开始，请用无类型的开始事件`, `${kindEn} start events are not supported: the flow starts when the application is submitted; use a plain start event`);
      break;
    case 'bpmn:EndEvent':
      refuse(element, `${kindZh}结束事件不受支持：请用无类型的结束事件和 shenbao:outcome`, `${kindEn} end events are not supported: use a plain end event with shenbao:outcome`);
      break;
    case 'bpmn:IntermediateThrowEvent':
      refuse(element, `${kindZh}中间事件不受支持：请用无类型的中间事件或服务任务`, `${kindEn} intermediate events are not supported: use a plain intermediate event or a service task`);
      break;
    case 'bpmn:BoundaryEvent':
      if (definition.$type !== 'bpmn:TimerEventDefinition') {
        refuse(element, `${kindZh}边界事件不受支持：只支持用户任务上的定时边界事件（期限）`, `${kindEn} boundary events are not supported: only timer boundary events (deadlines) on user tasks are`);
      } else if (definition.timeCycle) {
        refuse(element, '重复定时（timeCycle）不受支持：它只会触发一次。请用 timeDate 或 timeDuration（期限），提醒请用期限前的通知', 'repeating timer cycles (timeCycle) are not supported: it would fire once. Use timeDate or timeDuration (a deadline)');
      }
      break;
    default:
      break;
  }
  return [];
}

/** The vendor attributes and extension elements of one element that would change what runs. */
function vendorRefusals(element: ModdleElement, owner: ModdleElement, namespaces: NamespaceLookup): ConstructRefusal[] {
  const found: ConstructRefusal[] = [];
  const refuse = (name: string, vendor: string, advice: [string, string] | undefined) => found.push({
    element: owner.id,
    code: 'SB_CHECK_BPMN_VENDOR',
    message: {
      zh: `${owner.id ?? '（无 id）'} 的 ${name}（${vendor} 扩展）会改变流程的含义，不能使用${advice ? `：${advice[0]}` : ''}`,
      en: `${name} on ${owner.id ?? '(no id)'} (a ${vendor} extension) would change what the flow means and cannot be used${advice ? `: ${advice[1]}` : ''}`,
    },
  });

  // Camunda attributes moddle knows (mapped to properties); the shenbao descriptor's are ours.
  const descriptor = element.$descriptor as { properties?: PropertyDescriptor[] } | undefined;
  for (const property of descriptor?.properties ?? []) {
    if (property.ns?.prefix !== 'camunda' || !Object.prototype.hasOwnProperty.call(element, property.name)) continue;
    const local = property.ns.localName ?? property.name;
    if (CAMUNDA_ACCEPTED.has(local)) continue;
    // Multi-instance's collection is part of the multi-instance refusal.
    if (element.$type === 'bpmn:MultiInstanceLoopCharacteristics') continue;
    refuse(`camunda:${local}`, 'Camunda', MEANINGFUL_ATTRIBUTES[local]);
  }
  // Attributes moddle does not know, in any namespace.
  for (const key of Object.keys((element.$attrs ?? {}) as Record<string, unknown>)) {
    const colon = key.indexOf(':');
    if (colon === -1 || key.startsWith('xmlns')) continue;
    const prefix = key.slice(0, colon);
    const local = key.slice(colon + 1);
    const uri = namespaces(prefix);
    if (uri === SHENBAO_NAMESPACE) continue; // judged by check (an attribute on the wrong element)
    const vendor = uri ? EXECUTION_VENDORS[uri] : undefined;
    if (!vendor) continue;
    if (vendor === 'Camunda' ? !CAMUNDA_ACCEPTED.has(local) : local in MEANINGFUL_ATTRIBUTES) refuse(key, vendor, MEANINGFUL_ATTRIBUTES[local]);
  }
  // Extension elements.
  const extensions = element.extensionElements as ModdleElement | undefined;
  for (const value of list(extensions ?? { $type: '' }, 'values')) {
    if (ACCEPTED_EXTENSIONS.has(value.$type)) continue;
    const prefix = value.$type.includes(':') ? value.$type.slice(0, value.$type.indexOf(':')) : '';
    const vendor = prefix === 'camunda' ? 'Camunda' : EXECUTION_VENDORS[namespaces(prefix) ?? ''];
    if (!vendor) continue;
    const named = EXTENSION_NAMES[value.$type];
    const tag = `<${value.$type.replace(/^camunda:([A-Z])/, (_m, c: string) => `camunda:${c.toLowerCase()}`)}>`;
    found.push({
      element: owner.id,
      code: 'SB_CHECK_BPMN_VENDOR',
      message: {
        zh: `${owner.id ?? '（无 id）'} 的扩展元素 ${tag}${named ? `（${named[0]}）` : ''}是 ${vendor} 引擎的功能，申报平台不运行它，请删除`,
        en: `The extension element ${tag}${named ? ` (${named[1]})` : ''} on ${owner.id ?? '(no id)'} is a ${vendor} engine feature shenbao does not run: remove it`,
      },
    });
  }
  // Attributes of a condition (camunda:resource, a script language) and of a multi-instance marker.
  const condition = element.conditionExpression as ModdleElement | undefined;
  if (condition) found.push(...vendorRefusals(condition, owner, namespaces));
  return found;
}
