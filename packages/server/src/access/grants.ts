/**
 * What a user's grants allow, as plain predicates. Applicants act for their organisation; reviewers act for the units
 * they belong to (and see an application once a task of theirs has been opened on it); administrators see all.
 */
import type { Role, SessionUser } from './session-user.ts';

export interface GrantScope {
  organisationId?: string | undefined;
  programmeId?: string | undefined;
}

/** A grant's empty programmeId holds for every programme; an organisation, when asked for, must match exactly. */
export function hasRole(user: SessionUser, role: Role, scope: GrantScope = {}): boolean {
  return user.grants.some(
    (grant) =>
      grant.role === role &&
      (scope.organisationId === undefined || grant.organisationId === scope.organisationId) &&
      (scope.programmeId === undefined || grant.programmeId === '' || grant.programmeId === scope.programmeId),
  );
}

export function isPlatformAdmin(user: SessionUser): boolean {
  return user.grants.some((g) => g.role === 'platform_admin');
}

export function isProgrammeAdmin(user: SessionUser, programmeId: string): boolean {
  return isPlatformAdmin(user) || user.grants.some((g) => g.role === 'programme_admin' && (g.programmeId === programmeId || g.programmeId === ''));
}

/** Organisations the user applies for. */
export function applicantOrganisations(user: SessionUser): string[] {
  return user.grants.filter((g) => g.role === 'applicant' && g.organisationId).map((g) => g.organisationId);
}

/** Units the user reviews for. */
export function reviewerOrganisations(user: SessionUser): string[] {
  return user.grants.filter((g) => g.role === 'reviewer' && g.organisationId).map((g) => g.organisationId);
}

export function actsForApplicant(user: SessionUser, applicantOrganisationId: string): boolean {
  return applicantOrganisations(user).includes(applicantOrganisationId);
}
