import { RegExpParser, visitRegExpAST, type AST } from '@eslint-community/regexpp';
import { FOLDER_LIMITS } from '../format/limits.ts';
import type { Message } from '../text.ts';

/**
 * A schema `pattern` is run on every value an applicant types, on the server (RE2, linear time:
 * packages/server compiles patterns with it) and in the browser (the JavaScript engine, which
 * backtracks). So a pattern must be one RE2 runs with the same meaning — no backreferences, no
 * lookaround — and one that cannot backtrack catastrophically: no variable-length repetition
 * inside an unbounded repetition (`^(a+)+$`), no unbounded repetition of alternatives that can
 * start alike (`(a|ab)*`). Ajv compiles patterns with the `u` flag; so does this parser.
 */
export function patternProblem(pattern: string): Message | undefined {
  if (pattern.length > FOLDER_LIMITS.maxPatternChars) {
    return { zh: `pattern 有 ${pattern.length} 个字符，最多 ${FOLDER_LIMITS.maxPatternChars} 个`, en: `The pattern has ${pattern.length} characters; at most ${FOLDER_LIMITS.maxPatternChars} are allowed` };
  }
  let ast: AST.Pattern;
  try {
    ast = new RegExpParser({ ecmaVersion: 2024 }).parsePattern(pattern, 0, pattern.length, { unicode: true });
  } catch {
    return undefined; // Ajv's compile reports a pattern that does not parse.
  }
  let found: Message | undefined;
  visitRegExpAST(ast, {
    onBackreferenceEnter(node) {
      found ??= { zh: `pattern 中的反向引用 ${node.raw} 不受支持（服务器用线性时间的 RE2 引擎）`, en: `The backreference ${node.raw} is not supported (the server runs patterns with linear-time RE2)` };
    },
    onAssertionEnter(node) {
      if (node.kind === 'lookahead' || node.kind === 'lookbehind') {
        found ??= { zh: `pattern 中的环视 ${node.raw} 不受支持（服务器用线性时间的 RE2 引擎）`, en: `The lookaround ${node.raw} is not supported (the server runs patterns with linear-time RE2)` };
      }
    },
    onQuantifierEnter(node) {
      if (found || node.max !== Infinity) return;
      const inner = innerRisk(node.element);
      if (inner) {
        found = {
          zh: `pattern 中的 ${node.raw} ${inner.zh}：某些输入会让浏览器回溯数秒乃至卡死。请改写，例如 ^(a+)+$ 写成 ^a+$`,
          en: `In the pattern, ${node.raw} ${inner.en}: some inputs would make a browser backtrack for seconds or hang. Rewrite it, e.g. ^(a+)+$ as ^a+$`,
        };
      }
    },
  });
  return found;
}

/** Why an element repeated without bound can backtrack catastrophically, if it can. */
function innerRisk(element: AST.QuantifiableElement): Message | undefined {
  let risk: Message | undefined;
  const check = (node: AST.Node) => {
    if (risk) return;
    if (node.type === 'Quantifier' && node.min !== node.max) {
      risk = { zh: '在无限重复中又含有可变长度的重复', en: 'repeats, without bound, something that itself repeats a variable number of times' };
      return;
    }
    if ((node.type === 'Group' || node.type === 'CapturingGroup') && node.alternatives.length > 1 && alternativesOverlap(node.alternatives)) {
      risk = { zh: '无限重复的分支可以以相同字符开头', en: 'repeats, without bound, alternatives that can start with the same character' };
      return;
    }
    if ('elements' in node) node.elements.forEach(check);
    if ('alternatives' in node) node.alternatives.forEach(check);
    if (node.type === 'Quantifier') check(node.element);
  };
  check(element);
  return risk;
}

/** True when two alternatives can begin with the same character (judged on their first element; a class overlaps anything). */
function alternativesOverlap(alternatives: AST.Alternative[]): boolean {
  const starts = alternatives.map((a) => firstCharacter(a));
  if (starts.some((s) => s === 'any')) return starts.length > 1 && starts.filter((s) => s !== 'empty').length > 1;
  const literal = starts.filter((s): s is number => typeof s === 'number');
  return new Set(literal).size !== literal.length || starts.includes('empty');
}

function firstCharacter(alternative: AST.Alternative): number | 'any' | 'empty' {
  const first = alternative.elements[0];
  if (!first) return 'empty';
  if (first.type === 'Character') return first.value;
  return 'any';
}
