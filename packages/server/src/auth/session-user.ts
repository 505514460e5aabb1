/** The signed-in user as resolvers see it: who, and what they may do where. */
export interface RoleGrant {
  role: 'platform_admin' | 'programme_admin' | 'applicant' | 'reviewer';
  organisationId: string;
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
