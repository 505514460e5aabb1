import { Suspense, useEffect, type ReactNode } from 'react';
import { App as AntdApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { SessionProvider, useSession } from '../api/session.tsx';
import { I18nProvider, useI18n } from '../i18n/i18n.tsx';
import { matchPath, RouterProvider, useRouter } from '../router/router.tsx';
import { LoginPage } from '../auth/LoginPage.tsx';
import { RegisterPage } from '../auth/RegisterPage.tsx';
import { ChangePasswordPage } from '../auth/ChangePasswordPage.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { AppShell } from './AppShell.tsx';
import { routes } from './routes.tsx';
import { theme } from './theme.ts';

function Routes() {
  const { path, navigate, search } = useRouter();
  const { me } = useSession();

  // A user whose password must change sees nothing else until it is changed.
  useEffect(() => {
    if (me?.mustChangePassword && path !== '/change-password') navigate('/change-password', { replace: true });
  }, [me, path, navigate]);

  const requireLogin = (page: ReactNode): ReactNode => {
    if (me === undefined) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
    if (me === null) {
      return <LoginPage next={path + (search.size > 0 ? `?${search.toString()}` : '')} />;
    }
    return page;
  };

  if (path === '/login') return <LoginPage next={search.get('next') ?? '/'} />;
  if (path === '/register') return <RegisterPage />;
  if (path === '/change-password') return requireLogin(<ChangePasswordPage />);
  for (const route of routes) {
    const params = matchPath(route.pattern, path);
    if (!params) continue;
    const page = <Suspense fallback={<Spin style={{ display: 'block', margin: '80px auto' }} />}>{route.render(params)}</Suspense>;
    return route.login ? requireLogin(page) : page;
  }
  return <NotFoundPage />;
}

function Localised({ children }: { children: ReactNode }) {
  const { language } = useI18n();
  useEffect(() => {
    dayjs.locale(language === 'zh' ? 'zh-cn' : 'en');
  }, [language]);
  return (
    <ConfigProvider locale={language === 'zh' ? zhCN : enUS} theme={theme}>
      <AntdApp>{children}</AntdApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Localised>
        <RouterProvider>
          <SessionProvider>
            <AppShell>
              <Routes />
            </AppShell>
          </SessionProvider>
        </RouterProvider>
      </Localised>
    </I18nProvider>
  );
}
