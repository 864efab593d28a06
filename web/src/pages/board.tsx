import { useState } from 'react';
import { api, enc } from '../api';
import { useI18n } from '../i18n';
import { Counts, NeedItem, ResourceItem, TaskItem, unusedNeed, unusedPledge } from '../lists';
import { Link } from '../router';
import { STAFF_ROLES, useSession } from '../session';
import type { ListAnswer, NeedRow, ResourceRow, TaskRow } from '../types';
import { Card, LoadError, Loading, useFetch } from '../ui';
import { NewNeedForm, NewPledgeForm } from './board-forms';

const URGENCIES = ['urgent', 'high', 'normal', 'low'];
const TYPES = ['venue', 'funds', 'volunteers', 'professional_service', 'materials', 'other'];

/** 三张清单 side by side: needs by urgency, pledges with remaining capacity, tasks by deadline. */
export function BoardPage({ communityId }: { communityId: string }) {
  const { t, label } = useI18n();
  const s = useSession();
  const staff = s.scopes(...STAFF_ROLES).includes(communityId);
  const [needStatus, setNeedStatus] = useState('');
  const [urgency, setUrgency] = useState('');
  const [category, setCategory] = useState('');
  const [resStatus, setResStatus] = useState('');
  const [type, setType] = useState('');
  const [taskStatus, setTaskStatus] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [unusedOnly, setUnusedOnly] = useState(false);
  const base = `/communities/${enc(communityId)}/lists`;
  const q = (o: Record<string, string | boolean>) => {
    const p = new URLSearchParams({ limit: '200' });
    for (const [k, v] of Object.entries(o)) if (v !== '' && v !== false) p.set(k, String(v));
    return p.toString();
  };
  const needs = useFetch(() => api.read<ListAnswer<NeedRow>>(`${base}/needs?${q({ status: needStatus, urgency, category })}`), [communityId, needStatus, urgency, category]);
  const resources = useFetch(() => api.read<ListAnswer<ResourceRow>>(`${base}/resources?${q({ status: resStatus, type })}`), [communityId, resStatus, type]);
  const tasks = useFetch(() => api.read<ListAnswer<TaskRow>>(`${base}/tasks?${q({ status: taskStatus, overdue: overdueOnly })}`), [communityId, taskStatus, overdueOnly]);
  const reloadAll = () => {
    needs.reload();
    resources.reload();
    tasks.reload();
  };
  const needItems = (needs.data?.items ?? []).filter((n) => !unusedOnly || unusedNeed(n));
  const resItems = (resources.data?.items ?? []).filter((r) => !unusedOnly || unusedPledge(r));
  return (
    <div className="stack">
      <div className="page-head">
        <h1>
          {t('navBoard')} · <code>{communityId}</code>
        </h1>
        <div className="page-actions">
          <label className="check">
            <input type="checkbox" checked={unusedOnly} onChange={(e) => setUnusedOnly(e.target.checked)} /> {t('unused')}
          </label>
          {staff && <Link to={`/matching/${enc(communityId)}`} className="button">{t('navMatching')}</Link>}
          <Link to={`/notice-board/${enc(communityId)}`} className="button">{t('navPublic')}</Link>
          <button onClick={reloadAll}>{t('refresh')}</button>
        </div>
      </div>
      <div className="three">
        <Card title={<>{t('needs')} <span className="total">{needs.data?.total ?? ''}</span></>} className="col-needs">
          {needs.data && <Counts counts={needs.data.counts} active={needStatus} onPick={setNeedStatus} />}
          <div className="filters">
            <select value={urgency} onChange={(e) => setUrgency(e.target.value)} aria-label={t('urgency')}>
              <option value="">{t('urgency')}: {t('all')}</option>
              {URGENCIES.map((u) => (
                <option key={u} value={u}>{label(u)}</option>
              ))}
            </select>
            <input placeholder={t('category')} value={category} onChange={(e) => setCategory(e.target.value)} aria-label={t('category')} />
          </div>
          {needs.loading && !needs.data ? <Loading /> : needs.error ? <LoadError error={needs.error} retry={needs.reload} /> : (
            <ul className="rows">{needItems.length ? needItems.map((n) => <NeedItem key={n.id} n={n} />) : <li className="empty">{t('none')}</li>}</ul>
          )}
          {staff && <NewNeedForm communityId={communityId} onDone={needs.reload} />}
        </Card>
        <Card title={<>{t('resources')} <span className="total">{resources.data?.total ?? ''}</span></>} className="col-resources">
          {resources.data && <Counts counts={resources.data.counts} active={resStatus} onPick={setResStatus} />}
          <div className="filters">
            <select value={type} onChange={(e) => setType(e.target.value)} aria-label={t('type')}>
              <option value="">{t('type')}: {t('all')}</option>
              {TYPES.map((x) => (
                <option key={x} value={x}>{label(x)}</option>
              ))}
            </select>
          </div>
          {resources.loading && !resources.data ? <Loading /> : resources.error ? <LoadError error={resources.error} retry={resources.reload} /> : (
            <ul className="rows">{resItems.length ? resItems.map((r) => <ResourceItem key={r.id} r={r} />) : <li className="empty">{t('none')}</li>}</ul>
          )}
          {(staff || s.has('unit_contact')) && <NewPledgeForm communityId={communityId} onDone={resources.reload} />}
        </Card>
        <Card title={<>{t('tasks')} <span className="total">{tasks.data?.total ?? ''}</span></>} className="col-tasks">
          {tasks.data && <Counts counts={tasks.data.counts} active={taskStatus} onPick={setTaskStatus} />}
          <div className="filters">
            <label className="check">
              <input type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} /> {t('overdue')}
            </label>
          </div>
          {tasks.loading && !tasks.data ? <Loading /> : tasks.error ? <LoadError error={tasks.error} retry={tasks.reload} /> : (
            <ul className="rows">{tasks.data!.items.length ? tasks.data!.items.map((x) => <TaskItem key={x.id} task={x} />) : <li className="empty">{t('none')}</li>}</ul>
          )}
        </Card>
      </div>
    </div>
  );
}
