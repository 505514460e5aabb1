/**
 * What is done to flow.bpmn before an XML parser sees it, in one linear pass each: the size and
 * shape budgets (FOLDER_LIMITS), and the declared encoding. Folder files reach the engine as
 * text already decoded as UTF-8, so a declared single-byte encoding (ISO-8859-1, windows-1252 …)
 * is right exactly when the text is plain ASCII: then the declaration is read as UTF-8 (the
 * same bytes); otherwise the author is asked to save the file as UTF-8.
 */
import { FOLDER_LIMITS } from '../format/limits.ts';
import type { Message } from '../text.ts';

export interface FlowXmlRefusal {
  code: 'SB_CHECK_LIMIT_FILE_SIZE' | 'SB_CHECK_LIMIT_NESTING' | 'SB_CHECK_LIMIT_FLOW_ELEMENTS' | 'SB_CHECK_BPMN_ENCODING';
  message: Message;
}

/** Thrown by parseBpmnXml when the text is refused before parsing. */
export class FlowXmlRefused extends Error {
  readonly refusal: FlowXmlRefusal;
  constructor(refusal: FlowXmlRefusal) {
    super(refusal.message.en);
    this.name = 'FlowXmlRefused';
    this.refusal = refusal;
  }
}

const DECLARATION = /^\s*<\?xml[^?]*?encoding\s*=\s*(["'])([^"']*)\1/;
/** Local names of the elements counted against maxFlowElements: every node and sequence flow. */
const FLOW_ELEMENT = /(Task|Event|Gateway|^subProcess|^adHocSubProcess|^transaction|^callActivity|^sequenceFlow|^task)$/;
const number = (n: number) => n.toLocaleString('en-US');

/** The text to parse, or why it is refused. */
export function prepareFlowXml(xml: string): { xml: string } | { refusal: FlowXmlRefusal } {
  if (xml.length > FOLDER_LIMITS.maxFlowChars) {
    return { refusal: { code: 'SB_CHECK_LIMIT_FILE_SIZE', message: {
      zh: `流程文件有 ${number(xml.length)} 个字符，最多 ${number(FOLDER_LIMITS.maxFlowChars)} 个`,
      en: `The flow has ${number(xml.length)} characters; at most ${number(FOLDER_LIMITS.maxFlowChars)} are allowed`,
    } } };
  }
  const declared = DECLARATION.exec(xml);
  let text = xml;
  if (declared && !/^utf-?8$/i.test(declared[2]!)) {
    // eslint-disable-next-line no-control-regex
    if (/[^\u0000-\u007f]/.test(xml)) {
      return { refusal: { code: 'SB_CHECK_BPMN_ENCODING', message: {
        zh: `流程文件声明编码为 ${declared[2]}，但含有非 ASCII 字符：请以 UTF-8 编码保存（并把声明改为 encoding="UTF-8"）`,
        en: `The flow declares encoding ${declared[2]} but holds non-ASCII characters: save it as UTF-8 (and declare encoding="UTF-8")`,
      } } };
    }
    text = xml.replace(DECLARATION, (whole, quote: string, name: string) => whole.replace(`${quote}${name}${quote}`, `${quote}UTF-8${quote}`));
  }
  const shape = scanShape(text);
  if (shape.depth > FOLDER_LIMITS.maxXmlDepth) {
    return { refusal: { code: 'SB_CHECK_LIMIT_NESTING', message: {
      zh: `流程文件的 XML 嵌套 ${number(shape.depth)} 层，最多 ${FOLDER_LIMITS.maxXmlDepth} 层`,
      en: `The flow's XML nests ${number(shape.depth)} levels deep; at most ${FOLDER_LIMITS.maxXmlDepth} are allowed`,
    } } };
  }
  if (shape.flowElements > FOLDER_LIMITS.maxFlowElements) {
    return { refusal: { code: 'SB_CHECK_LIMIT_FLOW_ELEMENTS', message: {
      zh: `流程有 ${number(shape.flowElements)} 个流程元素（任务、事件、网关、连线），最多 ${number(FOLDER_LIMITS.maxFlowElements)} 个`,
      en: `The flow has ${number(shape.flowElements)} flow elements (tasks, events, gateways, sequence flows); at most ${number(FOLDER_LIMITS.maxFlowElements)} are allowed`,
    } } };
  }
  return { xml: text };
}

/**
 * Element nesting depth and the number of flow elements, from tags alone, in one forward pass
 * (comments, CDATA, processing instructions and quoted attribute values are skipped whole; a
 * malformed tail ends the scan and is left to the parser to report).
 */
function scanShape(xml: string): { depth: number; flowElements: number } {
  let depth = 0;
  let deepest = 0;
  let flowElements = 0;
  let i = xml.indexOf('<');
  while (i !== -1 && i < xml.length) {
    let end: number;
    if (xml.startsWith('<!--', i)) end = xml.indexOf('-->', i + 4);
    else if (xml.startsWith('<![CDATA[', i)) end = xml.indexOf(']]>', i + 9);
    else if (xml.startsWith('<?', i) || xml.startsWith('<!', i)) end = xml.indexOf('>', i + 2);
    else {
      end = tagEnd(xml, i + 1);
      if (end === -1) break;
      const closing = xml[i + 1] === '/';
      if (closing) depth--;
      else {
        const name = /^[\w.:-]+/.exec(xml.slice(i + 1, Math.min(end, i + 200)))?.[0] ?? '';
        const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
        if (FLOW_ELEMENT.test(local)) flowElements++;
        if (xml[end - 1] !== '/') {
          depth++;
          if (depth > deepest) deepest = depth;
        }
      }
    }
    if (end === -1) break;
    i = xml.indexOf('<', end);
  }
  return { depth: deepest, flowElements };
}

/** The index of the `>` that ends the tag starting before `from`, skipping quoted values; -1 if none. */
function tagEnd(xml: string, from: number): number {
  let quote = '';
  for (let i = from; i < xml.length; i++) {
    const c = xml[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
  }
  return -1;
}
