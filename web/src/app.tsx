import type { ReactNode } from 'react';
import { useI18n, type Key } from './i18n';
import { AuditorPage } from './pages/auditor';
import { BoardPage } from './pages/board';
import { DashboardPage } from './pages/dashboard';
import { EvaluationPage } from './pages/evaluation';
import { HomePage } from './pages/home';
import { InboxPage } from './pages/inbox';
import { LoginPage } from './pages/login';
import { MatchingPage } from './pages/matching';
import { NoticePage, PublicBoardPage } from './pages/public-board';
import { TaskPage } from './pages/task';
import { Link, match, useLocation } from './router';
import { LIST_ROLES, STAFF_ROLES, useSession } from './session';
import { Loading } from './ui';

type Page = { pattern: string; public?: boolean; render: (p: Record<string, string>, q: URLSearchParams) => ReactNode };

/** Client routes: none of these prefixes is an API route (apps/api/src/web/client-routes.ts lists them). */
const PAGES: Page[] = [
  { pattern: '/', render: () => <HomePage /> },
  { pattern: '/login', public: true, render: () => <LoginPage /> },
  { pattern: '/board/:communityId', render: (p) => <BoardPage communityId={p.communityId} /> },
  { pattern: '/matching/:communityId', render: (p) => <MatchingPage communityId={p.communityId} /> },
  { pattern: '/task/:taskId', render: (p) => <TaskPage taskId={p.taskId} /> },
  { pattern: '/unit/:unitId', render: (p) => <InboxPage unitId={p.unitId} /> },
  { pattern: '/notice-board/:communityId', public: true, render: (p, q) => <PublicBoardPage communityId={p.communityId} print={q.has('print')} /> },
  { pattern: '/notice-board/:communityId/:noticeId', public: true, render: (p, q) => <NoticePage communityId={p.communityId} noticeId={p.noticeId} print={q.has('print')} /> },
  { pattern: '/evaluation', render: (_p, q) => <EvaluationPage roundId={q.get('round')} /> },
  { pattern: '/street/:streetId', render: (p) => <DashboardPage streetId={p.streetId} /> },
  { pattern: '/auditor', render: (_p, q) => <AuditorPage query={q} /> },
];

export function App() {
  const { path, query } = useLocation();
  const session = useSession();
  const { t, lang, setLang } = useI18n();
  const found = PAGES.map((p) => ({ p, params: match(p.pattern, path) })).find((x) => x.params);
  const print = query.has('print');
  let body: ReactNode;
  if (!session.ready) body = <Loading />;
  else if (!found) body = <p className="empty">{t('notFound')}</p>;
  else if (!found.p.public && !session.principal) body = <LoginPage />;
  else body = found.p.render(found.params!, query);
  return (
    <div className={`app${print ? ' print' : ''}`}>
      {!print && (
        <header className="top">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden>★</span> {t('appName')}
          </Link>
          <Nav />
          <div className="top-right">
            <button className="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="lang-switch">
              {t('language')}
            </button>
            {session.principal ? (
              <>
                <span className="who" title={session.principal.username}>
                  {session.principal.displayName}
                </span>
                <button className="link" onClick={session.logout}>
                  {t('logout')}
                </button>
              </>
            ) : (
              <Link to="/login">{t('login')}</Link>
            )}
          </div>
        </header>
      )}
      <main className="main">{body}</main>
    </div>
  );
}

function Nav() {
  const s = useSession();
  const { t } = useI18n();
  const { path } = useLocation();
  if (!s.principal) return <nav className="nav" />;
  const items: Array<{ to: string; key: Key }> = [];
  const communities = s.scopes(...LIST_ROLES.filter((r) => r !== 'unit_contact' && r !== 'member' && r !== 'auditor' && r !== 'district_admin'));
  for (const c of communities.slice(0, 1)) items.push({ to: `/board/${c}`, key: 'navBoard' });
  for (const c of s.scopes(...STAFF_ROLES).slice(0, 1)) items.push({ to: `/matching/${c}`, key: 'navMatching' });
  for (const u of s.scopes('unit_contact').slice(0, 1)) items.push({ to: `/unit/${u}`, key: 'navInbox' });
  if (s.has('community_secretary', 'community_staff', 'evaluator', 'unit_contact', 'street_admin', 'member')) items.push({ to: '/evaluation', key: 'navEvaluation' });
  for (const st of s.scopes('street_admin').slice(0, 1)) items.push({ to: `/street/${st}`, key: 'navDashboard' });
  if (s.has('auditor', 'district_admin')) items.push({ to: '/auditor', key: 'navAuditor' });
  for (const c of communities.slice(0, 1)) items.push({ to: `/notice-board/${c}`, key: 'navPublic' });
  return (
    <nav className="nav">
      {items.map((i) => (
        <Link key={i.to} to={i.to} className={path.startsWith(i.to) ? 'active' : ''}>
          {t(i.key)}
        </Link>
      ))}
    </nav>
  );
}
