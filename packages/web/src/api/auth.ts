/** Auth operations, named as in the shared API contract (mutation login / logout / changePassword / register …). */

export interface RoleGrant {
  role: string;
  organisationId: string | null;
  programmeId: string | null;
}

export interface Organisation {
  id: string;
  name: string;
  kind: string;
  category: string | null;
  parentId: string | null;
}

export interface Me {
  id: string;
  mobile: string;
  name: string;
  mustChangePassword: boolean;
  grants: RoleGrant[];
  organisation: Organisation | null;
}

export interface RegisterInput {
  mobile: string;
  code: string;
  password: string;
  name: string;
  organisationName: string;
  uscc?: string;
}

const meFields = `
  id mobile name mustChangePassword
  grants { role organisationId programmeId }
  organisation { id name kind category parentId }
`;

export const meQuery = `query Me { me { ${meFields} } }`;
export const loginMutation = `mutation Login($mobile: String!, $password: String!) { login(mobile: $mobile, password: $password) { ${meFields} } }`;
export const logoutMutation = `mutation Logout { logout }`;
export const changePasswordMutation = `mutation ChangePassword($oldPassword: String!, $newPassword: String!) { changePassword(oldPassword: $oldPassword, newPassword: $newPassword) }`;
// The contract does not list VerificationCodeSent's fields yet; __typename is valid on any object type.
export const requestVerificationCodeMutation = `mutation RequestVerificationCode($mobile: String!, $purpose: String!) { requestVerificationCode(mobile: $mobile, purpose: $purpose) { __typename } }`;
export const registerMutation = `mutation Register($input: RegisterInput!) { register(input: $input) { ${meFields} } }`;

/** The purpose string the server expects for a registration code. */
export const registrationPurpose = 'register';

/** True when the user holds `role` anywhere (any organisation or programme). */
export function hasRole(me: Me | null | undefined, role: string): boolean {
  return Boolean(me?.grants.some((grant) => grant.role === role));
}
