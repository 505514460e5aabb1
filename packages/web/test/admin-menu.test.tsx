import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { AppShell } from '../src/app/AppShell.tsx';
import AdminArea from '../src/admin/AdminArea.tsx';
import { isAdmin, administers } from '../src/admin/admin-access.ts';
import type { Me, RoleGrant } from '../src/api/auth.ts';
import { SessionProvider } from '../src/api/session.tsx';
import { I18nProvider } from '../src/i18n/i18n.tsx';
import { RouterProvider } from '../src/router/router.tsx';

function me(grants: RoleGrant[]): Me {
  return { id: 'u1', mobile: '13800000000', name: '测试用户', mustChangePassword: false, grants, organisation: null };
}

const applicant = me([{ role: 'applicant', organisationId: 'org-1', programmeId: null }]);
const reviewer = me([{ role: 'reviewer', organisationId: 'unit-1', programmeId: null }]);
const platformAdmin = me([{ role: 'platform_admin', organisationId: '', programmeId: '' }]);
const programmeAdmin = me([{ role: 'programme_admin', organisationId: null, programmeId: 'sd-maker-home-2020' }]);

/** Answers the session's `me` query the way the server would. */
function serveMe(user: Me | null) {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ data: { me: user } }), { status: 200, headers: { 'content-type': 'application/json' } })));
}

function renderShell(children = <div>page</div>) {
  return render(
    <I18nProvider initialLanguage="zh">
      <RouterProvider>
        <SessionProvider>
          <AppShell>{children}</AppShell>
        </SessionProvider>
      </RouterProvider>
    </I18nProvider>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('who gets the admin menu', () => {
  it('decides from the grants', () => {
    expect(isAdmin(null)).toBe(false);
    expect(isAdmin(applicant)).toBe(false);
    expect(isAdmin(reviewer)).toBe(false);
    expect(isAdmin(platformAdmin)).toBe(true);
    expect(isAdmin(programmeAdmin)).toBe(true);
    expect(administers(programmeAdmin, 'sd-maker-home-2020')).toBe(true);
    expect(administers(programmeAdmin, 'another-programme')).toBe(false);
    expect(administers(platformAdmin, 'another-programme')).toBe(true);
  });

  it('hides 系统管理 from applicants and reviewers', async () => {
    serveMe(applicant);
    renderShell();
    expect(await screen.findByText(/测试用户/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: '系统管理' })).toBeNull();
  });

  it('hides it from anonymous visitors', async () => {
    serveMe(null);
    renderShell();
    expect(await screen.findByText('登录')).toBeTruthy();
    expect(screen.queryByRole('link', { name: '系统管理' })).toBeNull();
  });

  it('shows it to a platform administrator and a programme administrator', async () => {
    serveMe(platformAdmin);
    const first = renderShell();
    expect((await screen.findByRole('link', { name: '系统管理' })).getAttribute('href')).toBe('/admin/programmes');
    first.unmount();
    serveMe(programmeAdmin);
    renderShell();
    expect(await screen.findByRole('link', { name: '系统管理' })).toBeTruthy();
  });

  it('refuses the admin area itself to a non-admin who types the address', async () => {
    serveMe(reviewer);
    window.history.replaceState(null, '', '/admin/audit');
    renderShell(<AdminArea />);
    expect(await screen.findByText('无权访问')).toBeTruthy();
  });

  it('gives a programme administrator the programme pages only', async () => {
    serveMe(programmeAdmin);
    window.history.replaceState(null, '', '/admin/publish');
    renderShell(<AdminArea />);
    expect(await screen.findByRole('menuitem', { name: /发布新版本/ })).toBeTruthy();
    expect(screen.queryByRole('menuitem', { name: /审计日志/ })).toBeNull();
    expect(screen.queryByRole('menuitem', { name: /审核账号/ })).toBeNull();
  });
});
