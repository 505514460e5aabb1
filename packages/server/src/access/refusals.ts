/**
 * Every refusal is audited, wherever it is raised — a guard, a service deep inside a transaction, a field resolver —
 * in one place: where the error leaves the request (app.ts: the GraphQL `onResolution` hook and the REST error
 * handler). Areas only throw; none writes `access.denied` itself, so none can forget to, and a refusal raised inside
 * a transaction that rolls back is still on record. One row per refused operation: the actor, the target (the GraphQL
 * field with the ids it was asked for, or the REST route) and the code.
 */
import { Kind, parse, valueFromASTUntyped, type FieldNode, type OperationDefinitionNode } from 'graphql';
import type { AppError} from '../errors.ts';
import { isAppError, type ErrorCode } from '../errors.ts';

/** The codes that mean "you may not": each one leaving a request is one `access.denied` row. */
export const refusalCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['SB_ERR_FORBIDDEN', 'SB_ERR_UNAUTHENTICATED', 'SB_ERR_SESSION_EXPIRED', 'SB_ERR_PASSWORD_CHANGE_REQUIRED']);

const auditDetails = Symbol('refusal audit details');
const alreadyAudited = Symbol('refusal already audited');

/** What a guard knows about why it refused (role, scope), kept for the audit row but never sent to the client. */
export function withRefusalDetails(error: AppError, details: Record<string, unknown>): AppError {
  (error as unknown as Record<symbol, unknown>)[auditDetails] = details;
  return error;
}

/** For the one refusal recorded before the boundary (the password-change gate runs before execution). */
export function markAudited(error: AppError): AppError {
  (error as unknown as Record<symbol, unknown>)[alreadyAudited] = true;
  return error;
}

export interface RefusalEntry {
  actorId: string | null;
  action: 'access.denied';
  result: 'refused';
  subjectType: string | null;
  subjectId: string | null;
  ip: string;
  details: Record<string, unknown>;
}

export function isRefusal(error: unknown): error is AppError {
  return isAppError(error) && refusalCodes.has(error.code) && !(error as unknown as Record<symbol, unknown>)[alreadyAudited];
}

/** Arguments that name what was asked for: ids and scopes, never passwords or form data. */
function targetArguments(value: unknown, depth = 0): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value) && depth < 2) {
    const kept = Object.entries(value).filter(([key, v]) => /(^id$|Id$|^scope$|^ids$|Ids$)/.test(key) && (typeof v === 'string' || typeof v === 'object'));
    return Object.fromEntries(kept.map(([key, v]) => [key, typeof v === 'string' ? v.slice(0, 100) : targetArguments(v, depth + 1)]));
  }
  return typeof value === 'string' ? value.slice(0, 100) : undefined;
}

/** The root field at `path[0]` of the request's document with its id-like arguments (variables resolved). */
export function graphqlTarget(body: unknown, path: ReadonlyArray<string | number> | undefined): { field: string; args: Record<string, unknown> } | undefined {
  const { query, variables } = (body ?? {}) as { query?: unknown; variables?: Record<string, unknown> };
  const responseKey = path?.[0];
  if (typeof query !== 'string' || typeof responseKey !== 'string') return undefined;
  try {
    const document = parse(query, { maxTokens: 100_000 });
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const field = (definition as OperationDefinitionNode).selectionSet.selections.find(
        (s): s is FieldNode => s.kind === Kind.FIELD && (s.alias?.value ?? s.name.value) === responseKey,
      );
      if (!field) continue;
      const args = Object.fromEntries((field.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value, variables ?? {})]));
      return { field: field.name.value, args: targetArguments(args) as Record<string, unknown> };
    }
  } catch {
    // A document that does not parse never reached a resolver; nothing more to say about its target.
  }
  return undefined;
}

/** The audit row for one refusal. `target` is what was asked for; the guard's own details are added. */
export function refusalEntry(error: AppError, request: { ip: string; method: string; url: string }, actorId: string | null, target: { type: string; id: string | null; details?: Record<string, unknown> }): RefusalEntry {
  const guardDetails = (error as unknown as Record<symbol, Record<string, unknown> | undefined>)[auditDetails] ?? {};
  return {
    actorId,
    action: 'access.denied',
    result: 'refused',
    subjectType: target.type,
    subjectId: target.id,
    ip: request.ip,
    details: { code: error.code, method: request.method, url: request.url.slice(0, 300), ...target.details, ...guardDetails },
  };
}
