/**
 * A user whose password was set by an administrator must change it before doing anything else. This GraphQL hook
 * refuses every operation that asks for more than `me`, `changePassword` and `logout` while the flag is set, so
 * no resolver can forget the rule. (REST routes get the same rule through `requireUser`.)
 */
import { markAudited } from '../access/refusals.ts';
import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import type { RequestContext } from '../graphql/module.ts';
import type { AuditService } from '../audit/audit.service.ts';

export const allowedWhilePasswordChangePending = new Set(['me', 'changePassword', 'logout', '__typename']);

/** Root field names the operation(s) in the document would run, following fragments at the root. */
export function rootFieldNames(document: DocumentNode): string[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const names: string[] = [];
  const visit = (selectionSet: SelectionSetNode, seen: Set<string>) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) names.push(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, seen);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment.selectionSet, seen);
      }
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) visit(definition.selectionSet, new Set());
  }
  return names;
}

export function installPasswordChangeGate(app: FastifyInstance, audit: Pick<AuditService, 'record'>): void {
  app.graphql.addHook<RequestContext>('preExecution', async (_schema, document, context) => {
    const user = context.user;
    if (!user?.mustChangePassword) return;
    const refused = rootFieldNames(document).filter((name) => !allowedWhilePasswordChangePending.has(name));
    if (refused.length === 0) return;
    await audit.record({
      actorId: user.id,
      action: 'access.denied',
      result: 'refused',
      ip: context.request.ip,
      details: { code: 'SB_ERR_PASSWORD_CHANGE_REQUIRED', fields: refused },
    });
    // Recorded here, before execution: the boundary in app.ts sees only executed operations.
    throw markAudited(new AppError('SB_ERR_PASSWORD_CHANGE_REQUIRED'));
  });
}
