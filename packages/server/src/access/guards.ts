/**
 * Guards for resolvers and routes. Each throws an AppError (SB_ERR_UNAUTHENTICATED, SB_ERR_SESSION_EXPIRED,
 * SB_ERR_PASSWORD_CHANGE_REQUIRED or SB_ERR_FORBIDDEN) carrying why (role, scope) for the `access.denied` audit row
 * that app.ts writes for every refusal leaving a request (refusals.ts).
 *
 * Scope: a grant with an empty programmeId holds for every programme; a grant's organisation must match the scope's
 * organisation exactly when one is asked for. A platform administrator passes requirePlatformAdmin only — it does
 * not silently act as a reviewer or applicant.
 *
 * The guards are built once by the composition root and handed to the areas that guard something.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { hasRole, type GrantScope } from './grants.ts';
import { withRefusalDetails } from './refusals.ts';
import type { Role, SessionUser } from './session-user.ts';

/** What a guard needs of a request: the request itself (for the audit row) and its signed-in user, if any. */
export interface GuardContext {
  request: FastifyRequest;
  user: SessionUser | undefined;
}

export interface RequireUserOptions {
  /** Only for me, changePassword and logout: let a user who still has to change the initial password through. */
  allowPendingPasswordChange?: boolean;
}

export interface Guards {
  /** The signed-in user, or an error telling apart "never logged in" from "your session expired". */
  requireUser(ctx: GuardContext, options?: RequireUserOptions): Promise<SessionUser>;
  requireRole(ctx: GuardContext, role: Role, scope?: GrantScope): Promise<SessionUser>;
  requirePlatformAdmin(ctx: GuardContext): Promise<SessionUser>;
}

export function createGuards(): Guards {
  async function deny(_ctx: GuardContext, error: AppError, details: Record<string, unknown>): Promise<never> {
    throw withRefusalDetails(error, details);
  }

  const guards: Guards = {
    async requireUser(ctx, options = {}) {
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
    },

    async requireRole(ctx, role, scope = {}) {
      const user = await guards.requireUser(ctx);
      if (!hasRole(user, role, scope)) return deny(ctx, new AppError('SB_ERR_FORBIDDEN'), { role, scope });
      return user;
    },

    requirePlatformAdmin(ctx) {
      return guards.requireRole(ctx, 'platform_admin');
    },
  };
  return guards;
}

/** The guard context of a REST request: its signed-in user comes from the session hook the auth area installs. */
export async function restGuardContext(request: FastifyRequest): Promise<GuardContext> {
  return { request, user: await request.sessionUser?.() };
}
