import { useState, type FormEvent } from 'react';
import { api, enc } from '../api';
import { StackedBars } from '../charts';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import { useSession } from '../session';
import { Badge, Busy, Card, Field, FormProblem, LoadError, Loading, useFetch, useSubmit } from '../ui';

const DIRECTIONS = ['community_to_unit', 'unit_to_community', 'resident_to_member', 'task_work', 'task_coordination'];
const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'];
const KNOWN = 'cobuild.rounds';

interface Round {
  roundId: string;
  status: 'open' | 'closed';
  scope: { level: string; id: string };
  period: { kind: string; year?: number; label?: string };
  directions: string[];
  criteria: string[];
  openedAt: string | null;
  closedAt: string | null;
  plannedCloseAt: string | null;
  ratingCount: number;
  results: Array<{ direction: string; subject: { kind: string; id: string }; counts: Record<string, number>; total: number; satisfactionRate: number; meanCriterionScores: Record<string, number> }> | null;
}

/** rounds this browser opened or looked at (the API has no list of rounds yet) */
const known = (): string[] => JSON.parse(localStorage.getItem(KNOWN) ?? '[]') as string[];
const remember = (id: string) => localStorage.setItem(KNOWN, JSON.stringify([id, ...known().filter((x) => x !== id)].slice(0, 20)));

/** 双向评价: open a round, rate in each direction while it is open, results after close. */
export function EvaluationPage({ roundId }: { roundId: string | null }) {
  const { t } = useI18n();
  const [id, setId] = useState(roundId ?? '');
  return (
    <div className="stack">
      <div className="page-head">
        <h1>{t('evaluation')}</h1>
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); if (id.trim()) navigate(`/evaluation?round=${enc(id.trim())}`); }}>
          <input placeholder={t('roundId')} value={id} onChange={(e) => setId(e.target.value)} list="known-rounds" />
          <datalist id="known-rounds">{known().map((r) => <option key={r} value={r} />)}</datalist>
          <button type="submit">{t('show')}</button>
        </form>
      </div>
      {roundId ? <RoundView roundId={roundId} /> : <OpenRoundForm />}
    </div>
  );
}

function OpenRoundForm() {
  const { t, label } = useI18n();
  const s = useSession();
  const communities = s.scopes('community_secretary');
  const streets = s.scopes('street_admin');
  const [where, setWhere] = useState(communities[0] ? `c:${communities[0]}` : streets[0] ? `s:${streets[0]}` : '');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [dirs, setDirs] = useState<string[]>(['community_to_unit', 'unit_to_community']);
  const [criteria, setCriteria] = useState('服务态度, 办事效率');
  const form = useSubmit();
  if (!where) return <p className="empty">{t('rounds')}: {known().length ? known().join(', ') : t('none')}</p>;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const [kind, scopeId] = [where.slice(0, 1), where.slice(2)];
    const path = kind === 'c' ? `/communities/${enc(scopeId)}/evaluation-rounds` : `/streets/${enc(scopeId)}/evaluation-rounds`;
    const body = { period: { kind: 'year', year: Number(year) }, directions: dirs, criteria: criteria.split(/[,，]/).map((c) => c.trim()).filter(Boolean) };
    const answer = await form.run((k) => api.command(path, body, k));
    if (answer) {
      remember(answer.id);
      navigate(`/evaluation?round=${enc(answer.id)}`);
    }
  };
  return (
    <Card title={t('openRound')}>
      <form className="form" onSubmit={submit} noValidate data-testid="open-round">
        <div className="grid2">
          <Field label={t('community')}>
            <select value={where} onChange={(e) => setWhere(e.target.value)}>
              {communities.map((c) => <option key={c} value={`c:${c}`}>{t('community')} {c}</option>)}
              {streets.map((c) => <option key={c} value={`s:${c}`}>{t('street')} {c}</option>)}
            </select>
          </Field>
          <Field label={t('year')} errors={form.errorsOf('period')}><input name="year" inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} /></Field>
        </div>
        <Field label={t('direction')} errors={form.errorsOf('directions')}>
          <div className="filters">
            {DIRECTIONS.map((d) => (
              <label key={d} className="check"><input type="checkbox" checked={dirs.includes(d)} onChange={() => setDirs(dirs.includes(d) ? dirs.filter((x) => x !== d) : [...dirs, d])} /> {label(d)}</label>
            ))}
          </div>
        </Field>
        <Field label={t('criteria')} errors={form.errorsOf('criteria')}><input name="criteria" value={criteria} onChange={(e) => setCriteria(e.target.value)} /></Field>
        <FormProblem error={form.error} />
        <div className="actions"><Busy busy={form.busy}>{t('openRound')}</Busy></div>
      </form>
    </Card>
  );
}

function RoundView({ roundId }: { roundId: string }) {
  const { t, label, date } = useI18n();
  const s = useSession();
  const round = useFetch(async () => {
    const r = await api.get<Round>(`/evaluation-rounds/${enc(roundId)}`);
    remember(roundId);
    return r;
  }, [roundId]);
  const close = useSubmit();
  if (round.loading && !round.data) return <Loading />;
  if (round.error) return <LoadError error={round.error} retry={round.reload} />;
  const r = round.data!;
  const mayClose = r.status === 'open' && (s.scopes('community_secretary').includes(r.scope.id) || s.scopes('street_admin').includes(r.scope.id));
  return (
    <>
      <Card title={<>{r.period.label ?? `${r.period.year ?? ''}${t('year')}`} · <code>{r.scope.id}</code></>} actions={<Badge value={r.status} />}>
        <dl className="kv">
          <dt>{t('direction')}</dt><dd>{r.directions.map(label).join('、')}</dd>
          <dt>{t('criteria')}</dt><dd>{r.criteria.join('、') || '—'}</dd>
          <dt>{t('ratings')}</dt><dd>{r.ratingCount}</dd>
          <dt>{t('when')}</dt><dd>{date(r.openedAt, true)}{r.closedAt ? ` – ${date(r.closedAt, true)}` : ''}</dd>
        </dl>
        {mayClose && (
          <div className="actions">
            <button className="danger" disabled={close.busy} onClick={async () => (await close.run((k) => api.command(`/evaluation-rounds/${enc(roundId)}/close`, {}, k))) && round.reload()}>
              {close.busy ? t('saving') : t('closeRound')}
            </button>
          </div>
        )}
        <FormProblem error={close.error} />
      </Card>
      {r.status === 'open' && <RatingForm round={r} onDone={round.reload} />}
      {r.results && (
        <Card title={t('results')}>
          <StackedBars
            testId="chart-results"
            rows={r.results.map((x) => ({ label: `${x.subject.id}`, values: x.counts, note: `${Math.round(x.satisfactionRate * 100)}%` }))}
            series={[
              { key: 'satisfied', label: label('satisfied'), color: '#1a7f37' },
              { key: 'basically_satisfied', label: label('basically_satisfied'), color: '#d9a21b' },
              { key: 'dissatisfied', label: label('dissatisfied'), color: '#d1242f' },
            ]}
          />
          <div className="table-wrap">
            <table>
              <thead><tr><th>{t('direction')}</th><th>{t('subject')}</th><th>{t('ratings')}</th><th>%</th><th>{t('criteria')}</th></tr></thead>
              <tbody>
                {r.results.map((x) => (
                  <tr key={`${x.direction}:${x.subject.kind}:${x.subject.id}`}>
                    <td>{label(x.direction)}</td><td>{label(x.subject.kind)} <code>{x.subject.id}</code></td><td>{x.total}</td>
                    <td>{Math.round(x.satisfactionRate * 100)}%</td>
                    <td>{Object.entries(x.meanCriterionScores).map(([k, v]) => `${k} ${v}`).join('、')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
    </>
  );
}

const SUBJECT_OF: Record<string, string> = { community_to_unit: 'unit', unit_to_community: 'community', resident_to_member: 'member', task_work: 'task', task_coordination: 'task' };

function RatingForm({ round, onDone }: { round: Round; onDone: () => void }) {
  const { t, label } = useI18n();
  const [direction, setDirection] = useState(round.directions[0] ?? 'community_to_unit');
  const [subject, setSubject] = useState('');
  const [rating, setRating] = useState('satisfied');
  const [scores, setScores] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const [sent, setSent] = useState(false);
  const form = useSubmit();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSent(false);
    const criterionScores = Object.fromEntries(Object.entries(scores).filter(([, v]) => v !== '').map(([k, v]) => [k, Number(v)]));
    const body = { direction, subject: { kind: SUBJECT_OF[direction], id: subject }, rating, ...(Object.keys(criterionScores).length ? { criterionScores } : {}), ...(comment ? { comment } : {}) };
    if (await form.run((k) => api.command(`/evaluation-rounds/${enc(round.roundId)}/ratings`, body, k))) {
      setSent(true);
      onDone();
    }
  };
  return (
    <Card title={t('rating')}>
      <form className="form" onSubmit={submit} noValidate data-testid="rating-form">
        {sent && <div className="notice-ok" role="status">{t('submitted')}</div>}
        <div className="grid2">
          <Field label={t('direction')} errors={form.errorsOf('direction')}>
            <select name="direction" value={direction} onChange={(e) => setDirection(e.target.value)}>
              {round.directions.map((d) => <option key={d} value={d}>{label(d)}</option>)}
            </select>
          </Field>
          <Field label={`${t('subject')} (${label(SUBJECT_OF[direction])})`} errors={form.errorsOf('subject')}><input name="subject" value={subject} onChange={(e) => setSubject(e.target.value)} /></Field>
        </div>
        <Field label={t('rating')} errors={form.errorsOf('rating')}>
          <div className="filters">
            {RATINGS.map((x) => <label key={x} className="check"><input type="radio" name="rating" checked={rating === x} onChange={() => setRating(x)} /> {label(x)}</label>)}
          </div>
        </Field>
        {round.criteria.length > 0 && (
          <div className="grid2">
            {round.criteria.map((c) => (
              <Field key={c} label={`${c} ${t('score0100')}`} errors={form.errorsOf(`criterionScores.${c}`)}>
                <input inputMode="numeric" value={scores[c] ?? ''} onChange={(e) => setScores({ ...scores, [c]: e.target.value })} />
              </Field>
            ))}
          </div>
        )}
        <Field label={t('comment')} errors={form.errorsOf('comment')}><textarea name="comment" value={comment} onChange={(e) => setComment(e.target.value)} /></Field>
        <FormProblem error={form.error} />
        <div className="actions"><Busy busy={form.busy}>{t('submit')}</Busy></div>
      </form>
    </Card>
  );
}
