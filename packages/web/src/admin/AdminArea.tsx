import { lazy, Suspense, type ReactNode } from 'react';
import { Menu, Result, Spin } from 'antd';
import { ApartmentOutlined, AuditOutlined, CloudUploadOutlined, ProfileOutlined, TeamOutlined } from '@ant-design/icons';
import { useSession } from '../api/session.tsx';
import { matchPath, useRouter } from '../router/router.tsx';
import { adminBasePath, isAdmin, isPlatformAdmin } from './admin-access.ts';
import { useAdminText, type AdminTextKey } from './admin-text.ts';
import './admin.css';

// Each page is its own chunk; the flow page brings bpmn-js only when it draws.
const ProgrammesPage = lazy(() => import('./programmes/ProgrammesPage.tsx'));
const PublishPage = lazy(() => import('./programmes/PublishPage.tsx'));
const FlowPage = lazy(() => import('./flow/FlowPage.tsx'));
const OrganisationsPage = lazy(() => import('./organisations/OrganisationsPage.tsx'));
const ReviewersPage = lazy(() => import('./reviewers/ReviewersPage.tsx'));
const AuditLogPage = lazy(() => import('./audit/AuditLogPage.tsx'));

interface Section {
  path: string;
  label: AdminTextKey;
  icon: ReactNode;
  /** Units, accounts and the audit log are the platform administrator's; programme admins see their programmes. */
  platformOnly: boolean;
}

const sections: Section[] = [
  { path: `${adminBasePath}/programmes`, label: 'menu.programmes', icon: <ProfileOutlined />, platformOnly: false },
  { path: `${adminBasePath}/publish`, label: 'menu.publish', icon: <CloudUploadOutlined />, platformOnly: false },
  { path: `${adminBasePath}/organisations`, label: 'menu.organisations', icon: <ApartmentOutlined />, platformOnly: true },
  { path: `${adminBasePath}/reviewers`, label: 'menu.reviewers', icon: <TeamOutlined />, platformOnly: true },
  { path: `${adminBasePath}/audit`, label: 'menu.audit', icon: <AuditOutlined />, platformOnly: true },
];

function pageFor(path: string, platform: boolean): ReactNode {
  const flow = matchPath(`${adminBasePath}/programmes/:programmeId/flow`, path);
  if (flow) return <FlowPage programmeId={flow.programmeId!} />;
  if (path === adminBasePath || path === `${adminBasePath}/` || path === `${adminBasePath}/programmes`) return <ProgrammesPage />;
  if (path === `${adminBasePath}/publish`) return <PublishPage />;
  if (!platform) return undefined;
  if (path === `${adminBasePath}/organisations`) return <OrganisationsPage />;
  if (path === `${adminBasePath}/reviewers`) return <ReviewersPage />;
  if (path === `${adminBasePath}/audit`) return <AuditLogPage />;
  return undefined;
}

/** The administration area: a side menu and the page for `/admin/...`. Loaded lazily as a whole. */
export default function AdminArea() {
  const { t } = useAdminText();
  const { me } = useSession();
  const { path, navigate } = useRouter();

  if (!isAdmin(me)) return <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.body')} />;
  const platform = isPlatformAdmin(me);
  const visible = sections.filter((section) => platform || !section.platformOnly);
  const selected = visible.find((section) => path === section.path || path.startsWith(`${section.path}/`))?.path ?? visible[0]!.path;
  const page = pageFor(path, platform);

  return (
    <div className="sb-admin">
      <nav className="sb-admin__menu" aria-label={t('menu.title')}>
        <div className="sb-admin__menu-title">{t('menu.title')}</div>
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          items={visible.map((section) => ({ key: section.path, icon: section.icon, label: t(section.label) }))}
          onClick={({ key }) => navigate(key)}
        />
      </nav>
      <div className="sb-admin__page">
        <Suspense fallback={<Spin style={{ display: 'block', margin: '80px auto' }} />}>
          {page ?? <Result status="404" title="404" />}
        </Suspense>
      </div>
    </div>
  );
}
