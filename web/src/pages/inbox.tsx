import { api, enc } from '../api';
import { useI18n } from '../i18n';
import { DeadlineText } from '../lists';
import { Link } from '../router';
import { AcceptDecline, CompleteForm, ProgressForm } from '../task-actions';
import type { ListAnswer, TaskRow } from '../types';
import { Badge, Card, LoadError, Loading, useFetch } from '../ui';

interface InboxAnswer {
  total: number;
  items: Array<{ id: string; type: string; reminder?: string | null; taskId: string | null; communityId: string; occurredAt: string; deadline: string | null; reason: string | null; for: { kind: string; id: string } }>;
}

interface Scorecard {
  year: number;
  registeredCommunities: Array<{ communityId: string; name: string | null }>;
  pledges: { count: number };
  tasks: { claimed: number; assigned: number; accepted: number; completed: number; verified: number; onTime: number; overdue: number; escalated: number };
  atLeastOnePracticalThing: boolean;
}

const thisYear = () => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

/** 单位待办: the unit's tasks to accept or decline, report on and complete; its reminders and scorecard. */
export function InboxPage({ unitId }: { unitId: string }) {
  const { t, label, date } = useI18n();
  const inbox = useFetch(() => api.read<InboxAnswer>('/inbox?limit=200'), [unitId]);
  const card = useFetch(() => api.read<Scorecard | null>(`/units/${enc(unitId)}/scorecards/${thisYear()}`).catch(() => null), [unitId]);
  const communities = [
    ...new Set([
      ...(inbox.data?.items ?? []).filter((i) => i.for.id === unitId).map((i) => i.communityId),
      ...(card.data?.registeredCommunities ?? []).map((c) => c.communityId),
    ]),
  ].sort();
  const tasks = useFetch(
    async () => {
      const lists = await Promise.all(
        communities.map((c) => api.read<ListAnswer<TaskRow>>(`/communities/${enc(c)}/lists/tasks?limit=200&responsibleUnitId=${enc(unitId)}`).then((l) => l.items, () => [] as TaskRow[])),
      );
      return lists.flat();
    },
    [communities.join(','), inbox.data?.total],
  );
  const reload = () => {
    inbox.reload();
    card.reload();
    tasks.reload();
  };
  const mine = tasks.data ?? [];
  const waiting = mine.filter((x) => x.status === 'assigned');
  const working = mine.filter((x) => ['accepted', 'in_progress'].includes(x.status));
  const other = mine.filter((x) => !['assigned', 'accepted', 'in_progress'].includes(x.status));
  return (
    <div className="stack">
      <div className="page-head">
        <h1>{t('navInbox')} · <code>{unitId}</code></h1>
        <div className="page-actions">
          {communities.map((c) => (
            <Link key={c} to={`/board/${enc(c)}`} className="button">{t('navBoard')} · {c}</Link>
          ))}
          <button onClick={reload}>{t('refresh')}</button>
        </div>
      </div>
      {inbox.error && <LoadError error={inbox.error} retry={inbox.reload} />}
      <div className="three">
        <Card title={<>{t('assigned')} <span className="total">{waiting.length}</span></>}>
          {tasks.loading && !tasks.data ? <Loading /> : (
            <ul className="rows">
              {waiting.length === 0 && <li className="empty">{t('none')}</li>}
              {waiting.map((x) => (
                <li key={x.id} className="row" data-testid="inbox-assigned">
                  <div className="row-head"><Link to={`/task/${x.id}`}><strong>{x.title}</strong></Link><Badge value={x.status} /></div>
                  <div className="row-meta"><span><code>{x.communityId}</code></span><DeadlineText task={x} /></div>
                  <AcceptDecline taskId={x.id} onDone={reload} />
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={<>{t('accepted')} <span className="total">{working.length}</span></>}>
          <ul className="rows">
            {working.length === 0 && <li className="empty">{t('none')}</li>}
            {working.map((x) => (
              <li key={x.id} className={`row${x.overdue ? ' is-overdue' : ''}`} data-testid="inbox-working">
                <div className="row-head"><Link to={`/task/${x.id}`}><strong>{x.title}</strong></Link><Badge value={x.status} /></div>
                <div className="row-meta"><DeadlineText task={x} />{x.progress.percentComplete != null && <span>{x.progress.percentComplete}%</span>}</div>
                <details className="add"><summary>{t('reportProgress')}</summary><ProgressForm taskId={x.id} onDone={reload} /></details>
                <details className="add"><summary>{t('reportCompletion')}</summary><CompleteForm taskId={x.id} onDone={reload} /></details>
              </li>
            ))}
          </ul>
          {other.length > 0 && (
            <>
              <h3>{t('completed')} / {t('verified')}</h3>
              <ul className="rows">
                {other.map((x) => (
                  <li key={x.id} className="row"><div className="row-head"><Link to={`/task/${x.id}`}>{x.title}</Link><Badge value={x.status} /></div></li>
                ))}
              </ul>
            </>
          )}
        </Card>
        <div className="stack">
          <Card title={t('scorecard')}>
            {card.data ? (
              <div data-testid="scorecard">
                <div className="stats">
                  {(['assigned', 'accepted', 'completed', 'verified', 'onTime', 'overdue'] as const).map((k) => (
                    <div className="stat" key={k}><span>{k === 'onTime' ? t('onTime') : k === 'overdue' ? t('overdue') : label(k)}</span><b>{card.data!.tasks[k]}</b></div>
                  ))}
                </div>
                <p>{t('atLeastOne')}: {card.data.atLeastOnePracticalThing ? <span className="ok">✓ {t('yes')}</span> : <span className="bad">✗ {t('no')}</span>}</p>
              </div>
            ) : card.loading ? <Loading /> : <p className="empty">{t('none')}</p>}
          </Card>
          <Card title={<>{t('reminders')} <span className="total">{inbox.data?.total ?? ''}</span></>}>
            <ul className="rows">
              {(inbox.data?.items ?? []).slice(0, 30).map((i) => (
                <li key={i.id} className={`row${i.type.includes('Overdue') ? ' is-overdue' : ''}`}>
                  <div className="row-head">{i.taskId ? <Link to={`/task/${i.taskId}`}>{label(i.type)}{i.reminder ? ` · ${label(i.reminder)}` : ''}</Link> : <span>{label(i.type)}{i.reminder ? ` · ${label(i.reminder)}` : ''}</span>}<span className="muted">{date(i.occurredAt, true)}</span></div>
                  {i.deadline && <div className="row-meta">{t('deadline')} {date(i.deadline)}</div>}
                  {i.reason && <div className="row-sub">{i.reason}</div>}
                </li>
              ))}
              {inbox.data && inbox.data.items.length === 0 && <li className="empty">{t('none')}</li>}
            </ul>
          </Card>
        </div>
      </div>
    </div>
  );
}
