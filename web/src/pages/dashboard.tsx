import { api, enc } from '../api';
import { StackedBars } from '../charts';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { Card, LoadError, Loading, useFetch } from '../ui';

interface CommunityView {
  communityId: string;
  name: string | null;
  needs: { met: number; open: number; overdue: number; closedUnmet: number };
  tasks: { open: number; overdue: number; verified: number };
  unusedPledges: Array<{ pledgeId: string; description: string }>;
  escalationsWaiting: { byDepartment: Record<string, number>; toStreet: number; items: Array<{ escalationId: string; taskId: string; to: { kind: string; departmentId?: string; streetId?: string }; status: string; escalatedAt: string }> };
  unitsWithNothingDone: Array<{ unitId: string; unitName: string | null }>;
}

interface Dashboard {
  streetId: string;
  asOf: string;
  totals: Record<string, number>;
  communities: CommunityView[];
}

/** 街道调度: coverage and overdue per community, escalations waiting, units with nothing done this year. */
export function DashboardPage({ streetId }: { streetId: string }) {
  const { t, date } = useI18n();
  const d = useFetch(() => api.read<Dashboard>(`/streets/${enc(streetId)}/dashboard`), [streetId]);
  if (d.loading && !d.data) return <Loading />;
  if (d.error) return <LoadError error={d.error} retry={d.reload} />;
  const x = d.data!;
  const name = (c: CommunityView) => c.name ?? c.communityId;
  const escalations = x.communities.flatMap((c) => c.escalationsWaiting.items.map((e) => ({ ...e, community: name(c) })));
  const byTarget: Record<string, number> = {};
  for (const e of escalations) {
    const k = e.to.departmentId ?? (e.to.kind === 'street' ? t('street') : e.to.kind);
    byTarget[k] = (byTarget[k] ?? 0) + 1;
  }
  const coverage = (c: CommunityView) => (c.needs.met + c.needs.open > 0 ? Math.round((c.needs.met / (c.needs.met + c.needs.open)) * 100) : 0);
  return (
    <div className="stack">
      <div className="page-head">
        <h1>{t('dashboard')} · <code>{streetId}</code></h1>
        <span className="muted">{t('asOf')} {date(x.asOf, true)} <button onClick={d.reload}>{t('refresh')}</button></span>
      </div>
      <div className="stats" data-testid="dashboard-totals">
        <div className="stat card"><span>{t('needsMet')}</span><b>{x.totals.needsMet}</b></div>
        <div className="stat card"><span>{t('needsOpen')}</span><b>{x.totals.needsOpen}</b></div>
        <div className="stat card"><span>{t('tasksOverdue')}</span><b>{x.totals.tasksOverdue}</b></div>
        <div className="stat card"><span>{t('unused')}</span><b>{x.totals.unusedPledges}</b></div>
        <div className="stat card"><span>{t('escalationsWaiting')}</span><b>{x.totals.escalationsWaiting}</b></div>
        <div className="stat card"><span>{t('unitsNothingDone')}</span><b>{x.totals.unitsWithNothingDone}</b></div>
      </div>
      <div className="two">
        <Card title={t('coverage')}>
          <StackedBars
            testId="chart-coverage"
            rows={x.communities.map((c) => ({ label: name(c), values: { met: c.needs.met, open: c.needs.open - c.needs.overdue, overdue: c.needs.overdue }, note: `${coverage(c)}%` }))}
            series={[
              { key: 'met', label: t('needsMet'), color: '#1a7f37' },
              { key: 'open', label: t('needsOpen'), color: '#2f6fd0' },
              { key: 'overdue', label: t('overdue'), color: '#d1242f' },
            ]}
          />
        </Card>
        <Card title={t('tasks')}>
          <StackedBars
            testId="chart-tasks"
            rows={x.communities.map((c) => ({ label: name(c), values: { verified: c.tasks.verified, open: c.tasks.open - c.tasks.overdue, overdue: c.tasks.overdue } }))}
            series={[
              { key: 'verified', label: t('verified'), color: '#1a7f37' },
              { key: 'open', label: t('accepted'), color: '#d9a21b' },
              { key: 'overdue', label: t('overdue'), color: '#d1242f' },
            ]}
          />
        </Card>
        <Card title={<>{t('escalationsWaiting')} <span className="total">{escalations.length}</span></>}>
          {Object.keys(byTarget).length > 0 && (
            <StackedBars rows={Object.entries(byTarget).map(([k, n]) => ({ label: k, values: { n } }))} series={[{ key: 'n', label: t('escalationsWaiting'), color: '#c0262d' }]} />
          )}
          <ul className="rows">
            {escalations.length === 0 && <li className="empty">{t('none')}</li>}
            {escalations.map((e) => (
              <li key={e.escalationId} className="row">
                <Link to={`/task/${enc(e.taskId)}`}>{e.community} · {e.to.departmentId ?? e.to.streetId}</Link>
                <span className="muted"> {date(e.escalatedAt)} · {e.status}</span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title={<>{t('unitsNothingDone')} <span className="total">{x.totals.unitsWithNothingDone}</span></>}>
          <div className="table-wrap">
            <table>
              <thead><tr><th>{t('community')}</th><th>{t('unit')}</th></tr></thead>
              <tbody>
                {x.totals.unitsWithNothingDone === 0 && <tr><td colSpan={2} className="empty">{t('none')}</td></tr>}
                {x.communities.flatMap((c) => c.unitsWithNothingDone.map((u) => (
                  <tr key={`${c.communityId}:${u.unitId}`}><td>{name(c)}</td><td>{u.unitName ?? u.unitId} <code>{u.unitId}</code></td></tr>
                )))}
              </tbody>
            </table>
          </div>
        </Card>
      </div>
    </div>
  );
}
