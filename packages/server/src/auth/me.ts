import type { RoleGrant, SessionUser } from '../access/session-user.ts';

/** The `Me` GraphQL object: grants with '' turned into null, as the API contract shows them. */
export interface MeView {
  id: string;
  mobile: string;
  name: string;
  mustChangePassword: boolean;
  grants: { role: string; organisationId: string | null; programmeId: string | null }[];
  /** Raw grants, for the organisation field resolver. */
  rawGrants: RoleGrant[];
}

export function toMe(user: Pick<SessionUser, 'id' | 'mobile' | 'name' | 'mustChangePassword'>, grants: RoleGrant[]): MeView {
  return {
    id: user.id,
    mobile: user.mobile,
    name: user.name,
    mustChangePassword: user.mustChangePassword,
    grants: grants.map((g) => ({ role: g.role, organisationId: g.organisationId || null, programmeId: g.programmeId || null })),
    rawGrants: grants,
  };
}
