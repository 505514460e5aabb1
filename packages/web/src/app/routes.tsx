import { lazy, type ReactNode } from 'react';
import { ProgrammeListPage } from '../pages/ProgrammeListPage.tsx';
import { MyApplicationsPage } from '../pages/MyApplicationsPage.tsx';
import { InboxPage } from '../reviewer/InboxPage.tsx';

// Pages with generated forms pull in rjsf and Ajv: load them only when someone opens one.
const SectionPage = lazy(() => import('../pages/SectionPage.tsx'));
const ApplicationReviewPage = lazy(() => import('../pages/ApplicationReviewPage.tsx'));
const TaskPage = lazy(() => import('../reviewer/TaskPage.tsx'));
const RankingPage = lazy(() => import('../reviewer/RankingPage.tsx'));
// The whole administration area (and, inside it, bpmn-js) is one lazy chunk; it routes /admin/... itself.
const AdminArea = lazy(() => import('../admin/AdminArea.tsx'));

/**
 * The route table. To add pages (e.g. the admin area), append entries: `pattern` uses `:name` parameters, `login`
 * says the page needs a signed-in user, `render` gets the decoded parameters. The first matching entry wins.
 */
export interface RouteEntry {
  pattern: string;
  login: boolean;
  render: (params: Record<string, string>) => ReactNode;
}

export const routes: RouteEntry[] = [
  { pattern: '/', login: false, render: () => <ProgrammeListPage /> },
  { pattern: '/my/applications', login: true, render: () => <MyApplicationsPage /> },
  { pattern: '/applications/:applicationId/sections/:sectionId', login: true, render: (p) => <SectionPage applicationId={p.applicationId!} sectionId={p.sectionId!} /> },
  { pattern: '/applications/:applicationId/review', login: true, render: (p) => <ApplicationReviewPage key={p.applicationId} applicationId={p.applicationId!} /> },
  { pattern: '/reviewer/inbox', login: true, render: () => <InboxPage /> },
  { pattern: '/tasks/:taskId', login: true, render: (p) => <TaskPage key={p.taskId} taskId={p.taskId!} /> },
  {
    pattern: '/rankings/:programmeId/:organisationId/:taskDefinitionId',
    login: true,
    render: (p) => <RankingPage scope={{ programmeId: p.programmeId!, organisationId: p.organisationId!, taskDefinitionId: p.taskDefinitionId! }} />,
  },
  { pattern: '/admin', login: true, render: () => <AdminArea /> },
  { pattern: '/admin/:page', login: true, render: () => <AdminArea /> },
  { pattern: '/admin/programmes/:programmeId/flow', login: true, render: () => <AdminArea /> },
];
