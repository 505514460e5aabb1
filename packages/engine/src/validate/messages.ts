import type { ErrorObject } from 'ajv';
import type { Message } from '../text.ts';
import { pointerSegment } from '../problem.ts';
import { diagnoseUscc } from './uscc.ts';

/**
 * Chinese and English messages for every validation error a form can produce. Messages are
 * shown next to the field, so they do not repeat the field's name.
 */

const TYPE_NAMES: Record<string, Message> = {
  string: { zh: '文本', en: 'text' },
  number: { zh: '数字', en: 'a number' },
  integer: { zh: '整数', en: 'a whole number' },
  boolean: { zh: '“是”或“否”', en: 'yes or no' },
  object: { zh: '一组信息', en: 'an object' },
  array: { zh: '列表', en: 'a list' },
  null: { zh: '空值', en: 'empty' },
};

function typeName(type: unknown): Message {
  const types = Array.isArray(type) ? type : [type];
  const names = types.map((t) => TYPE_NAMES[String(t)] ?? { zh: String(t), en: String(t) });
  return { zh: names.map((n) => n.zh).join('或'), en: names.map((n) => n.en).join(' or ') };
}

/** The fixed messages of the completeness checks, exported so that callers can compare. */
export const REQUIRED_MESSAGE: Message = { zh: '必填项', en: 'Required' };

const FORMAT_MESSAGES: Record<string, Message> = {
  mobile: { zh: '请输入正确的手机号码', en: 'Enter a valid mainland China mobile number' },
  landline: { zh: '请输入正确的固定电话号码，如 0531-12345678', en: 'Enter a valid landline number, e.g. 0531-12345678' },
  email: { zh: '请输入正确的电子邮箱地址', en: 'Enter a valid e-mail address' },
  date: { zh: '请输入正确的日期，如 2021-10-31', en: 'Enter a valid date, e.g. 2021-10-31' },
  'date-time': { zh: '请输入正确的日期时间', en: 'Enter a valid date and time' },
  time: { zh: '请输入正确的时间', en: 'Enter a valid time' },
  uri: { zh: '请输入正确的网址', en: 'Enter a valid URL' },
  url: { zh: '请输入正确的网址', en: 'Enter a valid URL' },
};

function usccMessage(value: unknown): Message {
  switch (typeof value === 'string' ? diagnoseUscc(value) : 'length') {
    case 'length':
      return { zh: '统一社会信用代码应为 18 位', en: 'A unified social credit code has 18 characters' };
    case 'alphabet':
      return {
        zh: '统一社会信用代码只能包含数字和大写字母（不含 I、O、Z、S、V）',
        en: 'A unified social credit code uses digits and capital letters except I, O, Z, S and V',
      };
    case 'division':
      return { zh: '统一社会信用代码第 3–8 位应为行政区划码（数字）', en: 'Characters 3–8 of the code must be the division code (digits)' };
    default:
      return { zh: '统一社会信用代码校验位不正确', en: 'The check character of the unified social credit code is wrong' };
  }
}

function formatMessage(format: string, value: unknown): Message {
  if (format === 'uscc') return usccMessage(value);
  return FORMAT_MESSAGES[format] ?? { zh: `格式不正确（${format}）`, en: `Invalid format (${format})` };
}

function quote(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The message for one Ajv error (Ajv must run with `verbose: true` so that `data` is present). */
export function messageForAjvError(error: ErrorObject): Message {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
    case 'dependentRequired':
      return REQUIRED_MESSAGE;
    case 'type':
      return { zh: `应填写${typeName(p.type).zh}`, en: `Must be ${typeName(p.type).en}` };
    case 'format':
      return formatMessage(String(p.format), error.data);
    case 'maxLength':
      return { zh: `最多 ${String(p.limit)} 个字`, en: `At most ${String(p.limit)} characters` };
    case 'minLength':
      return Number(p.limit) === 1 ? REQUIRED_MESSAGE : { zh: `至少 ${String(p.limit)} 个字`, en: `At least ${String(p.limit)} characters` };
    case 'minimum':
      return { zh: `不能小于 ${String(p.limit)}`, en: `Must be at least ${String(p.limit)}` };
    case 'maximum':
      return { zh: `不能大于 ${String(p.limit)}`, en: `Must be at most ${String(p.limit)}` };
    case 'exclusiveMinimum':
      return { zh: `应大于 ${String(p.limit)}`, en: `Must be greater than ${String(p.limit)}` };
    case 'exclusiveMaximum':
      return { zh: `应小于 ${String(p.limit)}`, en: `Must be less than ${String(p.limit)}` };
    case 'multipleOf':
      return { zh: `应为 ${String(p.multipleOf)} 的整数倍`, en: `Must be a multiple of ${String(p.multipleOf)}` };
    case 'pattern':
      return { zh: '格式不正确', en: 'Invalid format' };
    case 'enum':
      return { zh: '请从选项中选择', en: 'Choose one of the options' };
    case 'const':
      return { zh: `应为“${quote(p.allowedValue)}”`, en: `Must be "${quote(p.allowedValue)}"` };
    case 'minItems':
      return { zh: `至少填写 ${String(p.limit)} 项`, en: `Add at least ${String(p.limit)} item(s)` };
    case 'maxItems':
      return { zh: `最多填写 ${String(p.limit)} 项`, en: `At most ${String(p.limit)} item(s)` };
    case 'uniqueItems':
      return { zh: `第 ${Number(p.j) + 1} 项与第 ${Number(p.i) + 1} 项重复`, en: `Item ${Number(p.j) + 1} repeats item ${Number(p.i) + 1}` };
    case 'minProperties':
      return { zh: `至少填写 ${String(p.limit)} 项`, en: `Fill in at least ${String(p.limit)} field(s)` };
    case 'maxProperties':
      return { zh: `最多填写 ${String(p.limit)} 项`, en: `At most ${String(p.limit)} field(s)` };
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return { zh: `不允许的字段“${String(p.additionalProperty ?? p.unevaluatedProperty)}”`, en: `Unknown field "${String(p.additionalProperty ?? p.unevaluatedProperty)}"` };
    case 'propertyNames':
      return { zh: `字段名“${String(p.propertyName)}”不正确`, en: `Invalid field name "${String(p.propertyName)}"` };
    case 'oneOf':
    case 'anyOf':
      return { zh: '不符合任何一种允许的填写方式', en: 'Matches none of the allowed forms' };
    case 'not':
      return { zh: '填写的内容不被允许', en: 'This value is not allowed' };
    case 'contains':
      return { zh: '列表中缺少要求的项', en: 'The list lacks a required item' };
    case 'false schema':
      return { zh: '此处不应填写', en: 'Nothing may be entered here' };
    default:
      return { zh: `填写不正确（${error.keyword}）`, en: error.message ?? `Invalid (${error.keyword})` };
  }
}

/**
 * The JSON pointer an error belongs to. A missing property is reported on the property itself
 * (not on its parent object), so the form can show it next to the empty field.
 */
export function pointerForAjvError(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  if (error.keyword === 'required' || error.keyword === 'dependentRequired') {
    return `${error.instancePath}/${pointerSegment(String(p.missingProperty))}`;
  }
  if (error.keyword === 'additionalProperties' && typeof p.additionalProperty === 'string') {
    return `${error.instancePath}/${pointerSegment(p.additionalProperty)}`;
  }
  return error.instancePath;
}
