import type { Message } from '../text.ts';

/**
 * Every way a workflow command can be refused or a flow can be wrong, with its message in both
 * languages. Commands return these as data (`{ error }`); only `loadFlow` throws (a flow that
 * does not load is a programme bug, caught by `check` long before users meet it).
 */
export const WORKFLOW_ERRORS = {
  SB_ERR_FLOW_XML: { zh: '流程文件不是有效的 BPMN：{detail}', en: 'The flow file is not valid BPMN: {detail}' },
  SB_ERR_FLOW_NO_PROCESS: { zh: '流程文件中没有可执行的流程', en: 'The flow file has no executable process' },
  SB_ERR_FLOW_INVALID: { zh: '流程元素 {element} 有误：{detail}', en: 'Flow element {element} is wrong: {detail}' },
  SB_ERR_TASK_NOT_OPEN: { zh: '任务 {taskId} 不在待办中（可能已被处理）', en: 'Task {taskId} is not open (it may have been handled already)' },
  SB_ERR_OUTCOME_NOT_ALLOWED: { zh: '任务 {taskId} 不能选择“{outcome}”，可选：{allowed}', en: 'Task {taskId} does not offer "{outcome}"; it offers: {allowed}' },
  SB_ERR_REASON_REQUIRED: { zh: '退回必须填写理由', en: 'A return needs a reason' },
  SB_ERR_TIMER_NOT_PENDING: { zh: '定时器 {timerId} 不存在或已触发', en: 'Timer {timerId} is not pending (it may have fired already)' },
  SB_ERR_NOT_WITHDRAWABLE: { zh: '当前环节不允许撤回', en: 'The application cannot be withdrawn at this step' },
  SB_ERR_FLOW_FINISHED: { zh: '流程已结束', en: 'The flow has already finished' },
  SB_ERR_STATE_INVALID: { zh: '流程状态数据无效', en: 'The saved flow state is not valid' },
  SB_ERR_EXPRESSION: { zh: '表达式 {expr} 求值失败：{detail}', en: 'Expression {expr} failed: {detail}' },
  SB_ERR_ENGINE: { zh: '流程执行出错：{detail}', en: 'The flow failed: {detail}' },
} as const satisfies Record<string, Message>;

export type WorkflowErrorCode = keyof typeof WORKFLOW_ERRORS;

/** A refused command or failed step, as data. */
export interface WorkflowFailure {
  code: WorkflowErrorCode;
  message: Message;
  params?: Record<string, string>;
}

/** Fills `{name}` placeholders of the code's message. */
export function workflowFailure(code: WorkflowErrorCode, params: Record<string, string> = {}): WorkflowFailure {
  const fill = (template: string) => template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
  const template = WORKFLOW_ERRORS[code];
  return { code, message: { zh: fill(template.zh), en: fill(template.en) }, params };
}

/** Thrown only where a caller cannot go on (a flow that does not load). */
export class WorkflowError extends Error {
  readonly failure: WorkflowFailure;
  constructor(failure: WorkflowFailure) {
    super(failure.message.en);
    this.name = 'WorkflowError';
    this.failure = failure;
  }
  get code(): WorkflowErrorCode {
    return this.failure.code;
  }
}
