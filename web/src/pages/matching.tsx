import { useMemo, useState, type FormEvent } from 'react';
import { api, enc, type CommandAnswer } from '../api';
import { useI18n } from '../i18n';
import { CapacityBar, pledgerName } from '../lists';
import { Link } from '../router';
import { rankPledges } from '../suggestions';
import { AssignmentFields, assignmentBody, emptyAssignment } from '../task-actions';
import type { ListAnswer, NeedRow, ResourceRow } from '../types';
import { Badge, Busy, Card, Field, FormProblem, LoadError, Loading, useFetch, useSubmit } from '../ui';

interface Scorecard {
  evaluations: Array<{ roundId: string; direction: string; satisfactionRate: number | null }>;
}

const year = () => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

/** 清单匹配: choose listed needs and pledges with capacity left, see ranked suggestions, form the task. */
export function MatchingPage({ communityId }: { communityId: string }) {
  const { t, label } = useI18n();
  const base = `/communities/${enc(communityId)}/lists`;
  const needs = useFetch(() => api.read<ListAnswer<NeedRow>>(`${base}/needs?status=listed,matched&limit=200`), [communityId]);
  const pledges = useFetch(() => api.read<ListAnswer<ResourceRow>>(`${base}/resources?status=listed,partly_allocated&limit=200`), [communityId]);
  const units = useMemo(() => [...new Set((pledges.data?.items ?? []).map((p) => p.pledger.unitId).filter((u): u is string => !!u))], [pledges.data]);
  const satisfaction = useFetch(async () => {
    const out: Record<string, number | null> = {};
    await Promise.all(
      units.map(async (u) => {
        for (const y of [year(), year() - 1]) {
          const card = await api.get<Scorecard>(`/units/${enc(u)}/scorecards/${y}`).catch(() => null);
          const rates = (card?.evaluations ?? []).filter((e) => e.direction === 'community_to_unit' && e.satisfactionRate != null);
          if (rates.length) {
            out[u] = rates[rates.length - 1].satisfactionRate;
            return;
          }
        }
        out[u] = null;
      }),
    );
    return out;
  }, [units.join(',')]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [qty, setQty] = useState<Record<string, string>>({});
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [meetingId, setMeetingId] = useState('');
  const [assignment, setAssignment] = useState(emptyAssignment());
  const [formed, setFormed] = useState<CommandAnswer | null>(null);
  const form = useSubmit();

  const needRows = needs.data?.items ?? [];
  const chosenNeeds = needRows.filter((n) => chosen.includes(n.id));
  const ranked = rankPledges(chosenNeeds, pledges.data?.items ?? [], satisfaction.data ?? {});
  const allocations = Object.entries(qty).filter(([, q]) => q !== '' && Number(q) !== 0);

  const toggleNeed = (id: string) => {
    const next = chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id];
    setChosen(next);
    const first = needRows.find((n) => n.id === next[0]);
    if (first && !title) setTitle(first.title);
  };
  const setQuantity = (p: ResourceRow, q: string) => {
    setQty({ ...qty, [p.id]: q });
    if (!assignment.unitId && p.pledger.unitId) setAssignment({ ...assignment, unitId: p.pledger.unitId });
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      title,
      description,
      needIds: chosen,
      allocations: allocations.map(([pledgeId, q]) => ({ pledgeId, quantity: Number(q) })),
      ...(meetingId ? { meetingId } : {}),
      assignment: assignmentBody(assignment),
    };
    const answer = await form.run((k) => api.command(`/communities/${enc(communityId)}/tasks`, body, k));
    if (answer) {
      setFormed(answer);
      setChosen([]);
      setQty({});
      setTitle('');
      setDescription('');
      needs.reload();
      pledges.reload();
    }
  };
  return (
    <div className="stack">
      <div className="page-head">
        <h1>{t('matching')} · <code>{communityId}</code></h1>
        <Link to={`/board/${enc(communityId)}`} className="button">{t('navBoard')}</Link>
      </div>
      {formed && (
        <div className="notice-ok" role="status" data-testid="task-formed">
          {t('taskFormed')} · <Link to={`/task/${enc(formed.id)}`}>{t('openTask')}</Link>
        </div>
      )}
      <div className="three">
        <Card title={<>{t('chooseNeeds')} <span className="total">{chosen.length}/{needRows.length}</span></>}>
          {needs.loading && !needs.data ? <Loading /> : needs.error ? <LoadError error={needs.error} /> : (
            <ul className="rows">
              {needRows.length === 0 && <li className="empty">{t('none')}</li>}
              {needRows.map((n) => (
                <li key={n.id} className={`row urgency-${n.urgency}${chosen.includes(n.id) ? ' selected' : ''}`} data-testid="match-need">
                  <label className="check">
                    <input type="checkbox" checked={chosen.includes(n.id)} onChange={() => toggleNeed(n.id)} />
                    <strong>{n.title}</strong>
                  </label>
                  <div className="row-meta"><span className={`pill u-${n.urgency}`}>{label(n.urgency)}</span><span>{n.category}</span><Badge value={n.status} /></div>
                </li>
              ))}
            </ul>
          )}
          {form.errorsOf('needIds').map((m) => <p key={m} className="field-error">{m}</p>)}
        </Card>
        <Card title={<>{t('suggestions')} <span className="total">{ranked.length}</span></>}>
          {pledges.loading && !pledges.data ? <Loading /> : pledges.error ? <LoadError error={pledges.error} /> : (
            <ul className="rows">
              {ranked.length === 0 && <li className="empty">{t('none')}</li>}
              {ranked.map(({ pledge: p, score, parts }, i) => (
                <li key={p.id} className={`row${qty[p.id] ? ' selected' : ''}`} data-testid="match-pledge">
                  <div className="row-head">
                    <strong>{i + 1}. {p.description}</strong>
                    <span className="score" title={t('score')}>{Math.round(score * 100)}</span>
                  </div>
                  <div className="row-meta">
                    <span className="pill">{label(p.type)}</span>
                    <span>{pledgerName(p)}</span>
                    <span>{t('categoryFit')} {Math.round(parts.category * 100)}%</span>
                    <span>{t('capacityLeft')} {Math.round(parts.capacity * 100)}%</span>
                    <span>{t('pastEvaluation')} {parts.evaluation == null ? '—' : `${Math.round(parts.evaluation * 100)}%`}</span>
                    <span>{t('pairing')} —</span>
                  </div>
                  <CapacityBar c={p.capacity} />
                  <Field label={`${t('quantity')} (${p.capacity.measure}, ≤ ${p.capacity.remaining})`} errors={[]}>
                    <input name={`qty-${p.id}`} data-testid="allocation-qty" inputMode="decimal" value={qty[p.id] ?? ''} onChange={(e) => setQuantity(p, e.target.value)} />
                  </Field>
                </li>
              ))}
            </ul>
          )}
          {form.errorsOf('allocations').map((m) => <p key={m} className="field-error">{m}</p>)}
        </Card>
        <Card title={t('formTask')}>
          <form className="form" onSubmit={submit} noValidate data-testid="form-task">
            <Field label={t('taskTitle')} errors={form.errorsOf('title')}><input name="title" value={title} onChange={(e) => setTitle(e.target.value)} /></Field>
            <Field label={t('description')} errors={form.errorsOf('description')}><textarea name="description" value={description} onChange={(e) => setDescription(e.target.value)} /></Field>
            <AssignmentFields value={assignment} onChange={setAssignment} errorsOf={form.errorsOf} />
            <Field label={t('meetingId')} errors={form.errorsOf('meetingId')}><input name="meetingId" value={meetingId} onChange={(e) => setMeetingId(e.target.value)} /></Field>
            <p className="muted">{t('chooseNeeds')}: {chosen.length} · {t('choosePledges')}: {allocations.length}</p>
            <FormProblem error={form.error} />
            <div className="actions"><Busy busy={form.busy}>{t('formTask')}</Busy></div>
          </form>
        </Card>
      </div>
    </div>
  );
}
