/** The signed-in user as resolvers see it: who, and what they may do where. */
export type Role = 'platform_admin' | 'programme_admin' | 'applicant' | 'reviewer';

export const roles: readonly Role[] = ['platform_admin', 'programme_admin', 'applicant', 'reviewer'];

export interface RoleGrant {
  role: Role;
  /** '' when the grant is not tied to an organisation (platform administrator). */
  organisationId: string;
  /** '' when the grant holds for every programme. */
  programmeId: string;
}

export interface SessionUser {
  id: string;
  mobile: string;
  name: string;
  mustChangePassword: boolean;
  grants: RoleGrant[];
  sessionIdHash: string;
}

/**
 * What the session cookie of a request amounts to. `expired` is kept apart from `none` so that the user is told
 * "your session has expired" rather than "please log in" when an idle or absolute timeout ended it.
 */
export type SessionLookup =
  | { status: 'none' }
  | { status: 'expired' }
  | { status: 'active'; user: SessionUser };

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth area's onRequest hook: what the session cookie amounts to (cached per request). */
    sessionLookup?: () => Promise<SessionLookup>;
    /** Set by the same hook: the signed-in user of this request, if any (cached per request). */
    sessionUser?: () => Promise<SessionUser | undefined>;
  }
}
