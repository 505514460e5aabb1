import { evaluateFeel, isFeelExpression } from './feel-adapter.ts';

/**
 * bpmn-elements' expression handler, replaced so that every condition in a flow is FEEL (`=…`)
 * and sees the process variables (sections, application, and each completed task by its id).
 * bpmn-elements' own `${…}` syntax is deliberately not supported: one language everywhere.
 */
export const feelExpressions = {
  resolveExpression(expression: unknown, from: { environment?: { variables?: Record<string, unknown> } } = {}): unknown {
    if (!isFeelExpression(expression)) return expression;
    return evaluateFeel(expression, from.environment?.variables ?? {});
  },
  isExpression: isFeelExpression,
  hasExpression: isFeelExpression,
};
