/**
 * Who reads the reviewers' own records on an application they may see — the units' task forms (an on-site check, a
 * survey, a recommendation letter) and the files attached to them: reviewers (whose unit has a task on it, or they
 * would not see the application) and the programme's administrators. The applicant sees what the flow tells them
 * (each step's status, outcome and opinion, the notices in the history), not the units' internal forms.
 */
import type { SessionUser } from './session-user.ts';
import { isProgrammeAdmin, reviewerOrganisations } from './grants.ts';

export function readsReviewRecords(user: SessionUser, programmeId: string): boolean {
  return isProgrammeAdmin(user, programmeId) || reviewerOrganisations(user).length > 0;
}

/** Upload purposes of reviewers' records: task-form files and report-form files. */
export const isReviewRecordPurpose = (purpose: string) => purpose === 'task' || purpose.startsWith('report:');
