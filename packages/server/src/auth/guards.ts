/**
 * Guards for resolvers and routes. Each throws an AppError (SB_ERR_UNAUTHENTICATED, SB_ERR_SESSION_EXPIRED,
 * SB_ERR_PASSWORD_CHANGE_REQUIRED or SB_ERR_FORBIDDEN) and writes an `access.denied` audit row saying why.
 *
 * Scope: a grant with an empty programmeId holds for every programme; a grant's organisation must match the scope's
 * organisation exactly when one is asked for. A platform administrator passes requirePlatformAdmin only — it does
 * not silently act as a reviewer or applicant.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { Services } from '../services.ts';
import type { Role, SessionUser } from './session-user.ts';

export interface GuardContext {
  services: Services;
  request: FastifyRequest;
  user: SessionUser | undefined;
}

export interface GrantScope {
  organisationId?: string | undefined;
  programmeId?: string | undefined;
}

export function hasRole(user: SessionUser, role: Role, scope: GrantScope = {}): boolean {
  return user.grants.some(
    (grant) =>
      grant.role === role &&
      (scope.organisationId === undefined || grant.organisationId === scope.organisationId) &&
      (scope.programmeId === undefined || grant.programmeId === '' || grant.programmeId === scope.programmeId),
  );
}

async function deny(ctx: GuardContext, error: AppError, details: Record<string, unknown>): Promise<never> {
  await ctx.services.audit.record({
    actorId: ctx.user?.id ?? null,
    action: 'access.denied',
    result: 'refused',
    ip: ctx.request.ip,
    details: { code: error.code, method: ctx.request.method, url: ctx.request.url.slice(0, 300), ...details },
  });
  throw error;
}

export interface RequireUserOptions {
  /** Only for me, changePassword and logout: let a user who still has to change the initial password through. */
  allowPendingPasswordChange?: boolean;
}

/** The signed-in user, or an error telling apart "never logged in" from "your session expired". */
export async function requireUser(ctx: GuardContext, options: RequireUserOptions = {}): Promise<SessionUser> {
  const user = ctx.user;
  if (!user) {
    const lookup = await ctx.request.sessionLookup?.();
    const code = lookup?.status === 'expired' ? 'SB_ERR_SESSION_EXPIRED' : 'SB_ERR_UNAUTHENTICATED';
    return deny(ctx, new AppError(code), {});
  }
  if (user.mustChangePassword && !options.allowPendingPasswordChange) {
    return deny(ctx, new AppError('SB_ERR_PASSWORD_CHANGE_REQUIRED'), {});
  }
  return user;
}

export async function requireRole(ctx: GuardContext, role: Role, scope: GrantScope = {}): Promise<SessionUser> {
  const user = await requireUser(ctx);
  if (!hasRole(user, role, scope)) return deny(ctx, new AppError('SB_ERR_FORBIDDEN'), { role, scope });
  return user;
}

export function requirePlatformAdmin(ctx: GuardContext): Promise<SessionUser> {
  return requireRole(ctx, 'platform_admin');
}
