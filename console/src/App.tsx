import { App as AntApp, Button, ConfigProvider, Segmented, Select, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import { lazy, Suspense, useEffect, type MouseEvent, type ReactElement } from 'react';
import type { Purpose } from './gql/graphql';
import { useI18n, type Lang } from './lib/i18n';
import { label, PURPOSE, ROLE } from './lib/labels';
import { navigate, PATHS, useRoute, type RouteName } from './lib/router';
import { purposesOf, setPurpose, setSession, useSession, type Session } from './lib/session';
import { DisclosurePage } from './pages/Disclosure';

const SignInPage = lazy(() => import('./pages/SignIn'));
const StaffPage = lazy(() => import('./pages/Staff'));
const TrendsPage = lazy(() => import('./pages/Trends'));
const CitizenPage = lazy(() => import('./pages/Citizen'));
const IdePage = lazy(() => import('./pages/Ide'));

/** Colours darkened where Ant Design's defaults fall under a 4.5:1 contrast (GB/T 37668-2019). */
const THEME = {
  token: {
    colorPrimary: '#0958d9',
    // Hover and press darken instead of lightening: the derived hover blue (#2e7ae6) gives white
    // text 4.2:1, and the pointer stays on a button after it is clicked.
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorPrimaryTextHover: '#003eb3',
    colorPrimaryTextActive: '#002c8c',
    colorLink: '#0958d9',
    colorLinkHover: '#003eb3',
    colorLinkActive: '#002c8c',
    colorError: '#cf1322',
    colorSuccess: '#237804',
    colorWarning: '#ad4e00',
    // Alert backgrounds stay light whatever the darkened status colours would derive.
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorWarningBg: '#fff7e6',
    colorWarningBorder: '#ffd591',
    colorErrorBg: '#fff1f0',
    colorErrorBorder: '#ffa39e',
    colorTextSecondary: '#434343',
    colorTextTertiary: '#595959',
    colorTextDescription: '#595959',
    colorTextPlaceholder: '#6b6b6b',
    colorTextDisabled: '#6b6b6b',
    borderRadius: 4,
    fontFamily: '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif',
  },
};

interface NavItem {
  route: RouteName;
  zh: string;
  en: string;
}

function navFor(session: Session | null): NavItem[] {
  const items: NavItem[] = [{ route: 'disclosure', zh: '信用公示', en: 'Disclosure' }];
  if (!session) return items;
  if (session.role === 'CITIZEN') return [...items, { route: 'me', zh: '我的信用', en: 'My credit' }];
  if (['OFFICER', 'CREDIT_OFFICE', 'AUDITOR'].includes(session.role)) items.push({ route: 'staff', zh: '统一信用视图', en: 'Unified view' });
  if (purposesOf(session.role).includes('STATISTICS')) items.push({ route: 'trends', zh: '趋势分析', en: 'Trends' });
  items.push({ route: 'ide', zh: '查询工具', en: 'Query IDE' });
  return items;
}

function Header() {
  const { t, lang, setLang } = useI18n();
  const session = useSession();
  const route = useRoute();
  const go = (target: RouteName) => (event: MouseEvent) => {
    event.preventDefault();
    navigate(target);
  };
  return (
    <header className="app-header">
      <a className="brand" href={PATHS.disclosure} onClick={go('disclosure')}>
        {t('个人诚信信息控制台', 'Personal credit console')}
      </a>
      <nav aria-label={t('主导航', 'Main navigation')}>
        <ul>
          {navFor(session).map((item) => (
            <li key={item.route}>
              <a href={PATHS[item.route]} onClick={go(item.route)} aria-current={route === item.route ? 'page' : undefined}>
                {t(item.zh, item.en)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="session">
        <Segmented<Lang>
          size="small"
          aria-label={t('界面语言', 'Language')}
          value={lang}
          onChange={setLang}
          options={[
            { value: 'zh', label: '中文' },
            { value: 'en', label: 'English' },
          ]}
        />
        {session ? (
          <>
            <span className="who" data-testid="who">
              {label(ROLE, session.role, lang)}
              {session.display ? ` · ${session.display}` : ''}
            </span>
            {session.role !== 'CITIZEN' && (
              <Select<Purpose>
                size="small"
                aria-label={t('查询用途', 'Purpose')}
                style={{ minWidth: 140 }}
                value={session.purpose}
                onChange={(purpose) => setPurpose(purpose)}
                options={purposesOf(session.role).map((p) => ({ value: p, label: label(PURPOSE, p, lang) }))}
                data-testid="purpose-switch"
              />
            )}
            <Button
              size="small"
              onClick={() => {
                setSession(null);
                navigate('disclosure');
              }}
            >
              {t('退出', 'Sign out')}
            </Button>
          </>
        ) : (
          <Button size="small" onClick={() => navigate('signin')}>
            {t('工作人员 / 公民登录', 'Sign in')}
          </Button>
        )}
      </div>
    </header>
  );
}

function Page() {
  const route = useRoute();
  const session = useSession();
  const { t } = useI18n();
  const needs = (ok: boolean, page: ReactElement) =>
    ok ? page : <SignInPage notice={session ? t('当前身份不能使用此页面，请换一个身份登录。', 'This page is not for your current role: sign in as another.') : undefined} />;
  switch (route) {
    case 'signin':
      return <SignInPage />;
    case 'staff':
      return needs(!!session && ['OFFICER', 'CREDIT_OFFICE', 'AUDITOR'].includes(session.role), <StaffPage />);
    case 'trends':
      return needs(!!session && purposesOf(session.role).includes('STATISTICS'), <TrendsPage />);
    case 'me':
      return needs(session?.role === 'CITIZEN', <CitizenPage />);
    case 'ide':
      return needs(!!session && session.role !== 'CITIZEN', <IdePage />);
    default:
      return <DisclosurePage />;
  }
}

export function App() {
  const { lang, t } = useI18n();
  useEffect(() => {
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  }, [lang]);
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={THEME}>
      <AntApp>
        <a className="skip-link" href="#main">
          {t('跳到主要内容', 'Skip to main content')}
        </a>
        <Header />
        <main id="main" className="app-main" tabIndex={-1}>
          <Suspense fallback={<Spin aria-label={t('加载中', 'Loading')} />}>
            <Page />
          </Suspense>
        </main>
        <footer className="app-footer">
          {t(
            '个人诚信信息联合查询系统 · 演示数据均为合成数据 · 时间均为北京时间（Asia/Shanghai）',
            'Personal credit information system · demo data is synthetic · times in Asia/Shanghai',
          )}
        </footer>
      </AntApp>
    </ConfigProvider>
  );
}
