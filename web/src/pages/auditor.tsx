import { useState, type FormEvent } from 'react';
import { api, enc } from '../api';
import { useI18n } from '../i18n';
import { NeedItem, ResourceItem, TaskItem } from '../lists';
import { navigate } from '../router';
import { Timeline } from '../timeline';
import type { ListAnswer, NeedRow, ResourceRow, TaskRow, TimelineEntry } from '../types';
import { Card, Field, LoadError, Loading, useFetch } from '../ui';

interface Changes {
  added: Array<Record<string, unknown>>;
  removed: Array<Record<string, unknown>>;
  changed: Array<{ id: string; fields: Array<{ field: string; before: unknown; after: unknown }> }>;
}
interface Diff {
  from: { position: number; at: string | null };
  to: { position: number; at: string | null };
  lists: { needs: Changes; resources: Changes; tasks: Changes };
}

/** the end of a local day, or now when that is still to come (the API refuses future moments) */
const endOfDay = (d: string) => {
  const end = `${d}T23:59:59+08:00`;
  return Date.parse(end) > Date.now() - 2000 ? new Date(Date.now() - 2000).toISOString() : end;
};
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** 审计查询: the lists as they stood on a date, one entity's timeline, what changed between two dates, the chain's verification. */
export function AuditorPage({ query }: { query: URLSearchParams }) {
  const { t } = useI18n();
  const [community, setCommunity] = useState(query.get('community') ?? '');
  const [date, setDate] = useState(query.get('date') ?? today());
  const [from, setFrom] = useState(query.get('from') ?? '');
  const [stream, setStream] = useState(query.get('stream') ?? '');
  const go = (e: FormEvent) => {
    e.preventDefault();
    const q = new URLSearchParams();
    if (community) q.set('community', community.trim());
    if (date) q.set('date', date);
    if (from) q.set('from', from);
    if (stream) q.set('stream', stream.trim());
    navigate(`/auditor?${q}`);
  };
  const c = query.get('community');
  const d = query.get('date');
  const f = query.get('from');
  const s = query.get('stream');
  return (
    <div className="stack">
      <h1>{t('auditor')}</h1>
      <Card>
        <form className="form" onSubmit={go} data-testid="audit-form">
          <div className="grid2">
            <Field label={t('communityId')}><input name="community" value={community} onChange={(e) => setCommunity(e.target.value)} /></Field>
            <Field label={`${t('asOf')} (${t('to')})`}><input name="date" type="date" value={date} onChange={(e) => setDate(e.target.value)} /></Field>
            <Field label={`${t('diff')}: ${t('from')}`}><input name="from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} /></Field>
            <Field label={`${t('entityTimeline')}: ${t('streamId')}`} hint="task-…, need-…, pledge-…, notice-…"><input name="stream" value={stream} onChange={(e) => setStream(e.target.value)} /></Field>
          </div>
          <div className="actions"><button type="submit" className="primary">{t('show')}</button></div>
        </form>
      </Card>
      <VerifyCard />
      {s && <StreamTimeline streamId={s} />}
      {c && d && <AsOfLists communityId={c} date={d} />}
      {c && d && f && <DiffView communityId={c} from={f} to={d} />}
    </div>
  );
}

function AsOfLists({ communityId, date }: { communityId: string; date: string }) {
  const { t, date: fmt } = useI18n();
  const lists = useFetch(async () => {
    const q = `asOf=${enc(endOfDay(date))}&limit=200`;
    const base = `/communities/${enc(communityId)}/lists`;
    const [needs, resources, tasks] = await Promise.all([
      api.get<ListAnswer<NeedRow>>(`${base}/needs?${q}`),
      api.get<ListAnswer<ResourceRow>>(`${base}/resources?${q}`),
      api.get<ListAnswer<TaskRow>>(`${base}/tasks?${q}`),
    ]);
    return { needs, resources, tasks };
  }, [communityId, date]);
  if (lists.loading && !lists.data) return <Loading />;
  if (lists.error) return <LoadError error={lists.error} retry={lists.reload} />;
  const l = lists.data!;
  return (
    <Card title={<>{t('asOf')} {fmt(l.needs.asOf?.at ?? endOfDay(date), true)} · {t('logPosition')} {l.needs.asOf?.position}</>}>
      <div className="three" data-testid="as-of-lists">
        <div><h3>{t('needs')} {l.needs.total}</h3><ul className="rows">{l.needs.items.map((x) => <NeedItem key={x.id} n={x} />)}</ul></div>
        <div><h3>{t('resources')} {l.resources.total}</h3><ul className="rows">{l.resources.items.map((x) => <ResourceItem key={x.id} r={x} />)}</ul></div>
        <div><h3>{t('tasks')} {l.tasks.total}</h3><ul className="rows">{l.tasks.items.map((x) => <TaskItem key={x.id} task={x} />)}</ul></div>
      </div>
    </Card>
  );
}

function StreamTimeline({ streamId }: { streamId: string }) {
  const { t } = useI18n();
  const tl = useFetch(() => api.get<TimelineEntry[]>(`/audit/streams/${enc(streamId)}/timeline`), [streamId]);
  return (
    <Card title={<>{t('timeline')} · <code>{streamId}</code></>}>
      {tl.loading && !tl.data ? <Loading /> : tl.error ? <LoadError error={tl.error} /> : <Timeline entries={tl.data!} />}
    </Card>
  );
}

const short = (v: unknown) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s && s.length > 60 ? `${s.slice(0, 57)}…` : s;
};
const titleOf = (r: Record<string, unknown>) => String(r.title ?? r.description ?? r.id ?? '');

function DiffView({ communityId, from, to }: { communityId: string; from: string; to: string }) {
  const { t } = useI18n();
  const diff = useFetch(() => api.get<Diff>(`/audit/communities/${enc(communityId)}/diff?from=${enc(endOfDay(from))}&to=${enc(endOfDay(to))}`), [communityId, from, to]);
  if (diff.loading && !diff.data) return <Loading />;
  if (diff.error) return diff.error.status === 404 && diff.error.problem.code.startsWith('HTTP') ? null : <LoadError error={diff.error} />;
  const x = diff.data!;
  const section = (name: 'needs' | 'resources' | 'tasks') => {
    const c = x.lists[name];
    return (
      <div key={name}>
        <h3>{t(name)}</h3>
        <ul className="rows">
          {c.added.map((r) => <li key={`a${String(r.id)}`} className="row diff-added">+ {t('added')}: {titleOf(r)}</li>)}
          {c.removed.map((r) => <li key={`r${String(r.id)}`} className="row diff-removed">− {t('removed')}: {titleOf(r)}</li>)}
          {c.changed.map((r) => (
            <li key={`c${r.id}`} className="row diff-changed">
              ~ <code>{r.id.slice(0, 8)}</code>
              {r.fields.map((f) => <div key={f.field} className="row-sub"><code>{f.field}</code>: {short(f.before)} → {short(f.after)}</div>)}
            </li>
          ))}
          {c.added.length + c.removed.length + c.changed.length === 0 && <li className="empty">{t('none')}</li>}
        </ul>
      </div>
    );
  };
  return (
    <Card title={<>{t('diff')}: #{x.from.position} → #{x.to.position}</>}>
      <div className="three" data-testid="diff">{(['needs', 'resources', 'tasks'] as const).map(section)}</div>
    </Card>
  );
}

/** The hash chain's verification, when the API offers it over HTTP (found in its OpenAPI document). */
function VerifyCard() {
  const { t } = useI18n();
  const found = useFetch(async () => {
    const doc = await api.get<{ paths: Record<string, Record<string, unknown>> }>('/docs-json');
    return Object.keys(doc.paths).find((p) => p.startsWith('/audit') && /verify/.test(p) && !p.includes('{') && doc.paths[p].get) ?? null;
  }, []);
  const [path, setPath] = useState<string | null>(null);
  const result = useFetch(() => (path ? api.get<Record<string, unknown>>(path) : Promise.resolve(null)), [path]);
  return (
    <Card title={t('verifyChain')}>
      {found.data ? (
        <>
          <button onClick={() => setPath(found.data)} disabled={result.loading && !!path}>{t('verifyChain')}</button>
          {path && (result.loading ? <Loading /> : result.error ? <LoadError error={result.error} /> : result.data && (
            <pre className="digest" data-testid="verify-result">{JSON.stringify(result.data, null, 2)}</pre>
          ))}
        </>
      ) : (
        <p className="muted">
          <code>npm run cli -- audit verify</code> {found.loading ? '' : '(HTTP: —)'}
        </p>
      )}
    </Card>
  );
}
