/**
 * Who may see and do what with an application. Applicants act for their organisation; reviewers act for the units
 * they belong to, and see an application once a task of theirs has been opened on it; administrators see all.
 */
import type { SessionUser } from '../auth/session-user.ts';

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
