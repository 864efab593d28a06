import { useState } from 'react';
import { useI18n, type Key } from '../i18n';
import { Link, navigate } from '../router';
import { useSession, type Grant } from '../session';
import { Card } from '../ui';

/** Where each grant leads. */
function linksOf(g: Grant): Array<{ to: string; key: Key }> {
  const id = encodeURIComponent(g.scope.id);
  switch (g.role) {
    case 'community_secretary':
    case 'community_staff':
      return [
        { to: `/board/${id}`, key: 'navBoard' },
        { to: `/matching/${id}`, key: 'navMatching' },
        { to: `/evaluation`, key: 'navEvaluation' },
        { to: `/notice-board/${id}`, key: 'navPublic' },
      ];
    case 'evaluator':
      return [{ to: `/board/${id}`, key: 'navBoard' }, { to: `/evaluation`, key: 'navEvaluation' }];
    case 'unit_contact':
      return [{ to: `/unit/${id}`, key: 'navInbox' }, { to: `/evaluation`, key: 'navEvaluation' }];
    case 'street_admin':
      return [{ to: `/street/${id}`, key: 'navDashboard' }, { to: `/evaluation`, key: 'navEvaluation' }];
    case 'auditor':
    case 'district_admin':
      return [{ to: `/auditor`, key: 'navAuditor' }];
    default:
      return [];
  }
}

export function HomePage() {
  const { t } = useI18n();
  const { principal } = useSession();
  const grants = principal?.grants ?? [];
  return (
    <div className="stack">
      <Card title={`${t('welcome')}${t('langCode') === 'en' ? ', ' : '，'}${principal?.displayName ?? ''}`}>
        {grants.length === 0 && <p className="empty">{t('noScope')}</p>}
        <ul className="grants">
          {grants.map((g, i) => (
            <li key={i}>
              <span className="badge">{roleName(g.role, t)}</span> <code>{g.scope.id}</code>
              <span className="grant-links">
                {linksOf(g).map((l) => (
                  <Link key={l.to} to={l.to}>
                    {t(l.key)}
                  </Link>
                ))}
              </span>
            </li>
          ))}
        </ul>
      </Card>
      <PublicBoardFinder />
    </div>
  );
}

/** 公示栏 of any community, for anyone (also on the sign-in page). */
export function PublicBoardFinder() {
  const { t } = useI18n();
  const [community, setCommunity] = useState('');
  return (
    <Card title={t('noticeBoard')}>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (community.trim()) navigate(`/notice-board/${encodeURIComponent(community.trim())}`);
        }}
      >
        <input placeholder={t('communityId')} value={community} onChange={(e) => setCommunity(e.target.value)} aria-label={t('communityId')} />
        <button type="submit">{t('show')}</button>
      </form>
    </Card>
  );
}

const ROLE_NAMES: Record<string, [string, string]> = {
  district_admin: ['区管理员', 'district admin'], auditor: ['审计', 'auditor'], street_admin: ['街道党工委', 'street admin'],
  community_secretary: ['社区书记', 'community secretary'], community_staff: ['社区工作人员', 'community staff'], evaluator: ['评议代表', 'evaluator'],
  unit_contact: ['单位联络人', 'unit contact'], department: ['职能部门', 'department'], member: ['在职党员', 'member'],
};

export function roleName(role: string, t: (k: Key) => string): string {
  const pair = ROLE_NAMES[role];
  return pair ? pair[t('langCode') === 'en' ? 1 : 0] : role;
}
