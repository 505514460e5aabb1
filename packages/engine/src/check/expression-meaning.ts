import type { SyntaxNode } from '@lezer/common';
import type { CompiledExpression } from '../expression/index.ts';
import { childrenOf, parseFeel } from '../expression/syntax.ts';
import { FOLDER_LIMITS } from '../format/limits.ts';
import { followPath } from '../format/schema-paths.ts';
import type { JsonSchema } from '../format/types.ts';
import type { Message } from '../text.ts';

/**
 * What an expression means, beyond the names it reads: its cost (a budget per expression, so
 * no programme can make one evaluation take seconds), the words it compares names with (an
 * outcome the task offers, a value in the field's enum), and operations its operand types can
 * never do (text in arithmetic). Decided on the syntax tree, in time linear in its size.
 */

const number = (n: number) => n.toLocaleString('en-US');

/** Why one expression is over budget, if it is. */
export function expressionBudgetProblem(compiled: CompiledExpression): Message | undefined {
  if (compiled.text.length > FOLDER_LIMITS.maxExpressionChars) {
    return { zh: `表达式有 ${number(compiled.text.length)} 个字符，最多 ${number(FOLDER_LIMITS.maxExpressionChars)} 个`, en: `The expression has ${number(compiled.text.length)} characters; at most ${number(FOLDER_LIMITS.maxExpressionChars)} are allowed` };
  }
  const tree = parseFeel(compiled.source);
  let found: Message | undefined;
  const visit = (node: SyntaxNode, iterations: number): void => {
    if (found) return;
    if (node.name === 'FunctionDefinition') {
      found = { zh: `表达式 ${compiled.text} 定义了函数：申报项目的表达式不能定义函数（可能无限递归）`, en: `Expression ${compiled.text} defines a function: programme expressions may not (they could recurse without end)` };
      return;
    }
    let here = iterations;
    if (node.name === 'ForExpression' || node.name === 'QuantifiedExpression') {
      for (const range of descendants(node, 'IterationContext')) here *= rangeSize(range, compiled.source);
      if (here > FOLDER_LIMITS.maxExpressionIterations) {
        found = {
          zh: `表达式 ${compiled.text} 的循环共需 ${number(here)} 次，超过每个表达式 ${number(FOLDER_LIMITS.maxExpressionIterations)} 次的上限`,
          en: `Expression ${compiled.text} loops ${number(here)} times, over the budget of ${number(FOLDER_LIMITS.maxExpressionIterations)} per expression`,
        };
        return;
      }
    }
    for (const child of childrenOf(node)) visit(child, here);
  };
  visit(tree.topNode, 1);
  return found;
}

/** The nodes named `name` directly among the InExpressions of a loop (not those of inner loops). */
function descendants(loop: SyntaxNode, name: string): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const walk = (node: SyntaxNode) => {
    for (const child of childrenOf(node)) {
      if (child.name === name) found.push(child);
      else if (child.name === 'InExpressions' || child.name === 'InExpression' || child.name === 'QuantifiedInExpression') walk(child);
    }
  };
  walk(loop);
  return found;
}

/** How many values `a..b` yields when both ends are number literals; 1 otherwise (a list from the data, bounded by its schema). */
function rangeSize(range: SyntaxNode, source: string): number {
  const parts = childrenOf(range);
  if (parts.length === 3 && parts[0]!.name === 'NumericLiteral' && parts[2]!.name === 'NumericLiteral') {
    const from = Number(source.slice(parts[0]!.from, parts[0]!.to));
    const to = Number(source.slice(parts[2]!.from, parts[2]!.to));
    return Math.abs(to - from) + 1;
  }
  return 1;
}

/** `path = "word"`, `path != "word"`, `path in ["a", "b"]`: the name chain and the words it is compared with. */
export interface LiteralComparison {
  path: string[];
  words: string[];
}

/** Every comparison of a plain name chain with string literals in the expression. */
export function literalComparisons(compiled: CompiledExpression): LiteralComparison[] {
  const tree = parseFeel(compiled.source);
  const found: LiteralComparison[] = [];
  const text = (node: SyntaxNode) => compiled.source.slice(node.from, node.to);
  const string = (node: SyntaxNode): string | undefined => (node.name === 'StringLiteral' ? (JSON.parse(text(node)) as string) : undefined);
  tree.iterate({
    enter(ref) {
      if (ref.name !== 'Comparison') return undefined;
      const [left, op, right] = childrenOf(ref.node);
      if (!left || !op || !right) return undefined;
      const leftPath = namePath(left, compiled.source);
      const rightPath = namePath(right, compiled.source);
      if (op.name === 'CompareOp' && ['=', '!='].includes(text(op))) {
        const word = string(right) ?? string(left);
        const path = leftPath ?? rightPath;
        if (word !== undefined && path) found.push({ path, words: [word] });
      } else if (op.name === 'in' && leftPath) {
        const words: string[] = [];
        const collect = (node: SyntaxNode) => {
          const word = string(node);
          if (word !== undefined) words.push(word);
          for (const child of childrenOf(node)) if (child.name === 'List' || child.name === 'PositiveUnaryTest' || child.name === 'PositiveUnaryTests' || child.name === 'StringLiteral') collect(child);
        };
        collect(right);
        if (words.length > 0) found.push({ path: leftPath, words });
      }
      return undefined;
    },
  });
  return found;
}

/** `a.b.c` as ['a','b','c'] when the node is a plain name chain. */
function namePath(node: SyntaxNode, source: string): string[] | undefined {
  if (node.name === 'VariableName') return [source.slice(node.from, node.to)];
  if (node.name !== 'PathExpression') return undefined;
  const children = childrenOf(node);
  const head = children[0] ? namePath(children[0], source) : undefined;
  const last = children[children.length - 1];
  return head && last?.name === 'PathName' ? [...head, source.slice(last.from, last.to)] : undefined;
}

/** A schema's string enum, when it has one. */
function enumOf(schema: Record<string, unknown>): string[] | undefined {
  const values = Array.isArray(schema.enum) ? schema.enum : Array.isArray((schema.items as Record<string, unknown> | undefined)?.enum) ? (schema.items as { enum: unknown[] }).enum : undefined;
  return values && values.every((v) => typeof v === 'string') ? (values as string[]) : undefined;
}

/**
 * Words compared with a section field that has an enum must be in it: `basic.kind = "企业"`
 * where kind offers 国有/民营 is false for every application. `sections` maps root names to
 * schemas; `skip` is how many leading path steps name the section (1, or 2 for `application.x`).
 */
export function enumComparisonProblems(compiled: CompiledExpression, resolve: (path: string[]) => { schema: JsonSchema; rest: string[] } | undefined): Message[] {
  const found: Message[] = [];
  for (const { path, words } of literalComparisons(compiled)) {
    const target = resolve(path);
    if (!target) continue;
    const step = followPath(target.schema, target.rest, target.schema);
    if (step.kind !== 'found') continue;
    const values = enumOf(step.schema);
    if (!values) continue;
    for (const word of words.filter((w) => !values.includes(w))) {
      found.push({
        zh: `表达式 ${compiled.text} 把 ${path.join('.')} 与“${word}”比较，但该字段只能取 ${values.map((v) => `“${v}”`).join('、')}：比较结果永远相同`,
        en: `Expression ${compiled.text} compares ${path.join('.')} with "${word}", but the field only takes ${values.map((v) => `"${v}"`).join(', ')}: the comparison always gives the same answer`,
      });
    }
  }
  return found;
}

/**
 * Task outcome words compared in an expression (`recommend.outcome = "approved"`) must be ones the
 * task offers; `outcomesOf` gives a user task's words by its id.
 */
export function outcomeComparisonProblems(compiled: CompiledExpression, outcomesOf: (taskId: string) => string[] | undefined): Message[] {
  const found: Message[] = [];
  for (const { path, words } of literalComparisons(compiled)) {
    if (path.length !== 2 || path[1] !== 'outcome') continue;
    const offered = outcomesOf(path[0]!);
    if (!offered) continue;
    for (const word of words.filter((w) => !offered.includes(w))) {
      found.push({
        zh: `表达式 ${compiled.text} 检查任务 ${path[0]} 的结果是否为“${word}”，但该任务只会产生 ${offered.map((o) => `“${o}”`).join('、')}：这个条件永远不成立（或永远成立）`,
        en: `Expression ${compiled.text} tests whether task ${path[0]} ended with "${word}", but it only ends with ${offered.map((o) => `"${o}"`).join(', ')}: the test can never change`,
      });
    }
  }
  return found;
}

/** Arithmetic that FEEL can never do with text: `-`, `*`, `/`, `**` on a text field gives null. */
export function textArithmeticProblems(compiled: CompiledExpression, typeOf: (path: string[]) => string | undefined): Message[] {
  const tree = parseFeel(compiled.source);
  const found: Message[] = [];
  tree.iterate({
    enter(ref) {
      if (ref.name !== 'ArithmeticExpression') return undefined;
      const parts = childrenOf(ref.node);
      const op = parts.find((p) => p.name === 'ArithOp');
      const opText = op ? compiled.source.slice(op.from, op.to) : '';
      const numericOnly = ['-', '*', '/', '**'].includes(opText);
      for (const operand of parts.filter((p) => p.name !== 'ArithOp')) {
        const path = namePath(operand, compiled.source);
        if (!path) continue;
        const type = typeOf(path);
        if (type === 'string' && numericOnly) {
          found.push({
            zh: `表达式 ${compiled.text} 对文本字段 ${path.join('.')} 做“${opText}”运算：结果永远为空。请把该字段改为数字（type: number），或不参与计算`,
            en: `Expression ${compiled.text} applies "${opText}" to the text field ${path.join('.')}: the result is always null. Make the field a number (type: number) or leave it out`,
          });
        }
      }
      return undefined;
    },
  });
  return found;
}

/** Everything above, for an application-level expression (rule, export column, gateway, due date, organisation). */
export function applicationExpressionMeaning(
  compiled: CompiledExpression,
  resolve: (path: string[]) => { schema: JsonSchema; rest: string[] } | undefined,
  typeOf: (path: string[]) => string | undefined,
  outcomesOf: (taskId: string) => string[] | undefined,
): Array<{ code: 'SB_CHECK_EXPRESSION_BUDGET' | 'SB_CHECK_EXPRESSION_MEANING'; message: Message }> {
  const budget = expressionBudgetProblem(compiled);
  if (budget) return [{ code: 'SB_CHECK_EXPRESSION_BUDGET', message: budget }];
  return [
    ...enumComparisonProblems(compiled, resolve),
    ...outcomeComparisonProblems(compiled, outcomesOf),
    ...textArithmeticProblems(compiled, typeOf),
  ].map((message) => ({ code: 'SB_CHECK_EXPRESSION_MEANING' as const, message }));
}

/** The expression's whole value when it is one string literal (`="sd-kx"`), or one name chain (`=basic.recommender`). */
export function expressionShape(compiled: CompiledExpression): { literal: string } | { path: string[] } | undefined {
  const top = childrenOf(parseFeel(compiled.source).topNode);
  if (top.length !== 1) return undefined;
  const node = top[0]!;
  if (node.name === 'StringLiteral') return { literal: JSON.parse(compiled.source.slice(node.from, node.to)) as string };
  const path = namePath(node, compiled.source);
  return path ? { path } : undefined;
}
