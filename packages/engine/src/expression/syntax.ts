import { parseExpression } from 'feelin';
import type { SyntaxNode, Tree } from '@lezer/common';

/** Where a syntax error sits in the expression text (offsets without the leading `=`). */
export interface SyntaxProblem {
  from: number;
  to: number;
}

/** Parses FEEL text into its lezer tree. Context-free: programme names never contain spaces. */
export function parseFeel(source: string): Tree {
  return parseExpression(source, {}, undefined);
}

/** The first error node in the tree, if the text does not parse. */
export function findSyntaxProblem(tree: Tree): SyntaxProblem | undefined {
  let found: SyntaxProblem | undefined;
  tree.iterate({
    enter(node) {
      if (found) return false;
      if (node.type.isError) {
        found = { from: node.from, to: node.to };
        return false;
      }
      return undefined;
    },
  });
  return found;
}

/** The direct children of a node, skipping nothing. */
export function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const children: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) children.push(child);
  return children;
}
