/**
 * What makes a print template unacceptable, found before it is ever rendered: syntax errors,
 * helpers we do not provide, and constructs that would let a template bypass escaping or reach
 * outside itself (triple-stash, partials, decorators).
 */
import Handlebars from 'handlebars';
import type { Message } from '../text.ts';
import { PRINT_BLOCK_HELPER_NAMES, PRINT_HELPER_NAMES } from './print-helpers.ts';

/** One problem in a print template; `line`/`column` are 1-based / 0-based as Handlebars reports them. */
export interface PrintTemplateProblem {
  code:
    | 'SB_CHECK_PRINT_TEMPLATE_SYNTAX'
    | 'SB_CHECK_PRINT_TEMPLATE_UNKNOWN_HELPER'
    | 'SB_CHECK_PRINT_TEMPLATE_UNESCAPED'
    | 'SB_CHECK_PRINT_TEMPLATE_PARTIAL';
  message: Message;
  line?: number;
  column?: number;
}

/** Parses a template, or explains why it cannot be parsed. */
export function parsePrintTemplate(source: string): { ast: hbs.AST.Program } | { problem: PrintTemplateProblem } {
  try {
    return { ast: Handlebars.parse(source) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const line = /line (\d+)/i.exec(detail)?.[1];
    const problem: PrintTemplateProblem = {
      code: 'SB_CHECK_PRINT_TEMPLATE_SYNTAX',
      message: { zh: `打印模板语法错误：${detail}`, en: `Print template syntax error: ${detail}` },
    };
    if (line !== undefined) problem.line = Number(line);
    return { problem };
  }
}

/** Every problem in a template's source; an empty list means it compiles and is safe to render. */
export function checkPrintTemplate(source: string): PrintTemplateProblem[] {
  const parsed = parsePrintTemplate(source);
  if ('problem' in parsed) return [parsed.problem];
  const problems: PrintTemplateProblem[] = [];
  walkProgram(parsed.ast, problems);
  return problems;
}

const helperNames = new Set(PRINT_HELPER_NAMES);
const blockHelperNames = new Set(PRINT_BLOCK_HELPER_NAMES);

function walkProgram(program: hbs.AST.Program | undefined, problems: PrintTemplateProblem[]): void {
  if (!program) return;
  for (const statement of program.body) walkStatement(statement, problems);
}

function walkStatement(node: hbs.AST.Statement, problems: PrintTemplateProblem[]): void {
  switch (node.type) {
    case 'MustacheStatement': {
      const mustache = node as hbs.AST.MustacheStatement;
      if (!mustache.escaped) {
        problems.push(at(mustache, 'SB_CHECK_PRINT_TEMPLATE_UNESCAPED', {
          zh: '打印模板不得使用 {{{ }}} 或 {{& }} 输出未转义的内容',
          en: 'Print templates must not output unescaped content with {{{ }}} or {{& }}',
        }));
      }
      walkCall(mustache, problems);
      return;
    }
    case 'BlockStatement': {
      const block = node as hbs.AST.BlockStatement;
      const name = helperName(block.path);
      if (name === null || !blockHelperNames.has(name)) {
        const shown = block.path.type === 'PathExpression' ? block.path.original : '?';
        problems.push(at(block, 'SB_CHECK_PRINT_TEMPLATE_UNKNOWN_HELPER', {
          zh: `打印模板中的块 {{#${shown}}} 不是可用的块助手（可用：${PRINT_BLOCK_HELPER_NAMES.join('、')}）`,
          en: `Block {{#${shown}}} in the print template is not an available block helper (available: ${PRINT_BLOCK_HELPER_NAMES.join(', ')})`,
        }));
      }
      walkArguments(block.params, block.hash, problems);
      walkProgram(block.program, problems);
      walkProgram(block.inverse, problems);
      return;
    }
    case 'PartialStatement':
    case 'PartialBlockStatement':
    case 'DecoratorBlock':
    case 'Decorator':
      problems.push(at(node, 'SB_CHECK_PRINT_TEMPLATE_PARTIAL', {
        zh: '打印模板不支持局部模板（{{> }}）和装饰器（{{* }}），请把内容直接写在模板中',
        en: 'Print templates do not support partials ({{> }}) or decorators ({{* }}); write the content into the template',
      }));
      return;
    default:
      return; // content and comments
  }
}

/** A mustache or sub-expression: with arguments its head must be a known helper. */
function walkCall(node: hbs.AST.MustacheStatement | hbs.AST.SubExpression, problems: PrintTemplateProblem[]): void {
  const hasArguments = node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0;
  const name = helperName(node.path);
  const isCall = hasArguments || node.type === 'SubExpression';
  if (isCall && (name === null || !helperNames.has(name))) {
    const shown = node.path.type === 'PathExpression' ? (node.path as hbs.AST.PathExpression).original : String((node.path as hbs.AST.StringLiteral).original);
    problems.push(at(node, 'SB_CHECK_PRINT_TEMPLATE_UNKNOWN_HELPER', {
      zh: `打印模板调用了不存在的助手“${shown}”（可用：${PRINT_HELPER_NAMES.join('、')}）`,
      en: `The print template calls an unknown helper "${shown}" (available: ${PRINT_HELPER_NAMES.join(', ')})`,
    }));
  }
  walkArguments(node.params, node.hash, problems);
}

function walkArguments(params: hbs.AST.Expression[], hash: hbs.AST.Hash | undefined, problems: PrintTemplateProblem[]): void {
  const values = [...params, ...(hash?.pairs.map((pair) => pair.value) ?? [])];
  for (const value of values) {
    if (value.type === 'SubExpression') walkCall(value as hbs.AST.SubExpression, problems);
  }
}

/** The helper name a call's head names, or null when the head is not a plain one-part name. */
function helperName(path: hbs.AST.PathExpression | hbs.AST.Literal): string | null {
  if (path.type !== 'PathExpression') return null;
  const p = path as hbs.AST.PathExpression;
  if (p.data || p.depth > 0 || p.parts.length !== 1 || p.original.startsWith('this')) return null;
  return p.parts[0] ?? null;
}

function at(node: hbs.AST.Node, code: PrintTemplateProblem['code'], message: Message): PrintTemplateProblem {
  const problem: PrintTemplateProblem = { code, message };
  if (node.loc) {
    problem.line = node.loc.start.line;
    problem.column = node.loc.start.column;
  }
  return problem;
}
