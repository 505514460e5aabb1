import type { SyntaxNode, Tree } from '@lezer/common';
import { childrenOf } from './syntax.ts';

/** One name chain an expression reads from its context: `basic.platformName` → ['basic', 'platformName']. */
export type ReferencePath = string[];

/**
 * Lists the context paths an expression reads: root variable names followed by the plain
 * `.name` steps after them. Names bound inside the expression (`for r in …`, `some x in …`,
 * function parameters, `item` in filters) and function names are left out. `check` uses this to
 * report names that exist nowhere in the programme.
 */
export function referencedPaths(tree: Tree, source: string): ReferencePath[] {
  const bound = new Set<string>();
  // First pass: names the expression binds itself (scoping is approximated per expression,
  // which is enough for short programme expressions).
  tree.iterate({
    enter(node) {
      if (node.name === 'InExpression' || node.name === 'FormalParameter') {
        const name = node.node.getChild('Name') ?? node.node.getChild('ParameterName');
        if (name) bound.add(source.slice(name.from, name.to));
      }
      if (node.name === 'FilterExpression') bound.add('item');
      return undefined;
    },
  });

  const paths: ReferencePath[] = [];
  const seen = new Set<string>();
  const visit = (node: SyntaxNode): void => {
    if (node.name === 'FunctionInvocation') {
      // The callee is a function name, not a context variable; only visit the arguments.
      for (const child of childrenOf(node).slice(1)) visit(child);
      return;
    }
    if (node.name === 'PathExpression' || node.name === 'VariableName') {
      const path = pathOf(node, source);
      if (path) {
        if (!bound.has(path[0]!) && !seen.has(path.join('.'))) {
          seen.add(path.join('.'));
          paths.push(path);
        }
        return;
      }
    }
    for (const child of childrenOf(node)) visit(child);
  };
  visit(tree.topNode);
  return paths;
}

/** `a.b.c` as ['a','b','c'] when the node is a plain name chain; undefined otherwise. */
function pathOf(node: SyntaxNode, source: string): ReferencePath | undefined {
  if (node.name === 'VariableName') return [source.slice(node.from, node.to)];
  if (node.name !== 'PathExpression') return undefined;
  const children = childrenOf(node);
  const base = children[0];
  const last = children[children.length - 1];
  if (!base || !last || last.name !== 'PathName') return undefined;
  const head = pathOf(base, source);
  return head ? [...head, source.slice(last.from, last.to)] : undefined;
}
