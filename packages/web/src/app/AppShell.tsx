import type { ReactNode } from 'react';
import { Button, Dropdown, Layout, Space } from 'antd';
import { DownOutlined, GlobalOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useSession } from '../api/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, useRouter } from '../router/router.tsx';
import { adminBasePath, adminNavLabel, isAdmin } from '../admin/admin-access.ts';

function BrandMark() {
  return (
    <span className="sb-brand__mark" aria-hidden="true">
      <svg width="24" height="24" viewBox="0 0 24 24">
        <rect x="3" y="4" width="18" height="3" rx="1" fill="#1f4e9c" />
        <rect x="3" y="10.5" width="18" height="3" rx="1" fill="#1f4e9c" />
        <rect x="3" y="17" width="11" height="3" rx="1" fill="#c8a24a" />
      </svg>
    </span>
  );
}

function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <Button type="link" size="small" icon={<GlobalOutlined />} title={t('language.switchTitle')} onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}>
      {t('language.switch')}
    </Button>
  );
}

function UserMenu() {
  const { me, logout } = useSession();
  const { t } = useI18n();
  const { navigate } = useRouter();
  if (!me) {
    return (
      <Space>
        <Link to="/login" style={{ color: '#fff' }}>{t('nav.login')}</Link>
        <span style={{ color: 'rgba(255,255,255,.5)' }}>|</span>
        <Link to="/register" style={{ color: '#fff' }}>{t('nav.register')}</Link>
      </Space>
    );
  }
  return (
    <Dropdown
      menu={{
        items: [
          { key: 'password', icon: <LockOutlined />, label: t('user.menu.changePassword') },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t('user.menu.logout') },
        ],
        onClick: ({ key }) => {
          if (key === 'password') navigate('/change-password');
          if (key === 'logout') void logout().then(() => navigate('/login'));
        },
      }}
    >
      <span className="sb-user" tabIndex={0} role="button">
        <UserOutlined />
        <span className="sb-user__name" title={me.organisation ? `${me.organisation.name} · ${me.name}` : me.name}>{me.organisation ? `${me.organisation.name} · ${me.name}` : me.name}</span>
        <DownOutlined style={{ fontSize: 10 }} />
      </span>
    </Dropdown>
  );
}

/** Header (platform name, navigation, user menu), top bar with the language switch, and footer. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t, pick } = useI18n();
  const { path } = useRouter();
  const { me } = useSession();
  const nav = [
    { to: '/', label: t('nav.programmes'), active: path === '/' || path.startsWith('/programmes') },
    ...(me?.grants.some((grant) => grant.role === 'applicant')
      ? [{ to: '/my/applications', label: t('nav.myApplications'), active: path.startsWith('/my') || path.startsWith('/applications') }]
      : []),
    ...(me?.grants.some((grant) => grant.role === 'reviewer')
      ? [{ to: '/reviewer/inbox', label: t('nav.inbox'), active: path.startsWith('/reviewer') || path.startsWith('/tasks') || path.startsWith('/rankings') }]
      : []),
    ...(isAdmin(me) ? [{ to: `${adminBasePath}/programmes`, label: pick(adminNavLabel), active: path.startsWith(adminBasePath) }] : []),
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="sb-skip" href="#main">{t('app.skipToContent')}</a>
      <div className="sb-topbar">
        <div className="sb-topbar__inner">
          <span>{t('app.subtitle')}</span>
          <LanguageSwitch />
        </div>
      </div>
      <Layout.Header className="sb-header">
        <div className="sb-header__inner">
          <Link to="/" className="sb-brand">
            <BrandMark />
            <span>
              <div className="sb-brand__name">{t('app.name')}</div>
            </span>
          </Link>
          <nav className="sb-nav" aria-label={t('app.name')}>
            {nav.map((item) => (
              <Link key={item.to} to={item.to} className={item.active ? 'is-active' : undefined} aria-current={item.active ? 'page' : undefined}>
                {item.label}
              </Link>
            ))}
          </nav>
          <UserMenu />
        </div>
      </Layout.Header>
      <main id="main" className="sb-main">{children}</main>
      <Layout.Footer className="sb-footer">
        <div className="sb-footer__inner">
          <div>{t('app.footer.help')}</div>
          <div>{t('app.footer.browser')}</div>
          <div>{t('app.footer.service')}</div>
        </div>
      </Layout.Footer>
    </Layout>
  );
}

export function PageHead({ title, subtitle, extra }: { title: string; subtitle?: string; extra?: ReactNode }) {
  return (
    <div className="sb-page-head">
      <div>
        <h1>{title}</h1>
        {subtitle && <p>{subtitle}</p>}
      </div>
      {extra}
    </div>
  );
}
