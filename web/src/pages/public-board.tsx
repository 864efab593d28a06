import { useState, type FormEvent } from 'react';
import { api, enc } from '../api';
import { useI18n } from '../i18n';
import { NeedItem, ResourceItem, TaskItem } from '../lists';
import { Link } from '../router';
import { useSession } from '../session';
import type { ListAnswer, NeedRow, NoticeView, ResourceRow, TaskRow } from '../types';
import { Busy, Card, Field, FormProblem, LoadError, Loading, useFetch, useSubmit } from '../ui';

/** 公示栏: a community's published notices, for anyone, without signing in; ?print for the physical board. */
export function PublicBoardPage({ communityId, print }: { communityId: string; print: boolean }) {
  const { t } = useI18n();
  const board = useFetch(() => api.get<{ communityId: string; notices: NoticeView[] }>(`/public/communities/${enc(communityId)}/notices`), [communityId]);
  return (
    <div className="stack">
      <div className="page-head">
        <h1>{t('noticeBoard')} · <code>{communityId}</code></h1>
        <div className="page-actions no-print">
          <Link to={`/notice-board/${enc(communityId)}?print`} className="button">{t('print')}</Link>
          <button onClick={board.reload}>{t('refresh')}</button>
        </div>
      </div>
      {board.loading && !board.data ? <Loading /> : board.error ? <LoadError error={board.error} retry={board.reload} /> : (
        <>
          {board.data!.notices.length === 0 && <p className="empty">{t('none')}</p>}
          {board.data!.notices.map((n) => <NoticeCard key={n.noticeId} n={n} print={print} onChange={board.reload} />)}
        </>
      )}
      {!print && <PublishNoticeForm communityId={communityId} onDone={board.reload} />}
      {print && <PrintNow />}
    </div>
  );
}

/** 发布公示, for the community's secretary: a snapshot of the lists (or decisions) at this moment of the log. */
function PublishNoticeForm({ communityId, onDone }: { communityId: string; onDone: () => void }) {
  const { t, label } = useI18n();
  const s = useSession();
  const form = useSubmit();
  const [kind, setKind] = useState('periodic_lists');
  const [title, setTitle] = useState('');
  if (!s.scopes('community_secretary').includes(communityId)) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await form.run((k) => api.command(`/communities/${enc(communityId)}/notices`, { kind, title }, k))) {
      setTitle('');
      onDone();
    }
  };
  return (
    <Card title={t('publish')} className="no-print">
      <form className="form" onSubmit={submit} noValidate data-testid="publish-form">
        <div className="grid2">
          <Field label={t('noticeKind')} errors={form.errorsOf('kind')}>
            <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
              {['periodic_lists', 'meeting_decisions', 'completions', 'evaluation_results'].map((k) => <option key={k} value={k}>{label(k)}</option>)}
            </select>
          </Field>
          <Field label={t('noticeTitle')} errors={form.errorsOf('title')}><input name="title" value={title} onChange={(e) => setTitle(e.target.value)} /></Field>
        </div>
        <FormProblem error={form.error} />
        <div className="actions"><Busy busy={form.busy}>{t('publish')}</Busy></div>
      </form>
    </Card>
  );
}

export function NoticePage({ communityId, noticeId, print }: { communityId: string; noticeId: string; print: boolean }) {
  const notice = useFetch(() => api.get<NoticeView>(`/public/notices/${enc(noticeId)}`), [noticeId]);
  const { t } = useI18n();
  return (
    <div className="stack">
      <div className="no-print"><Link to={`/notice-board/${enc(communityId)}`}>← {t('noticeBoard')}</Link></div>
      {notice.loading && !notice.data ? <Loading /> : notice.error ? <LoadError error={notice.error} /> : <NoticeCard n={notice.data!} print={print} onChange={notice.reload} withLists />}
      {print && <PrintNow />}
    </div>
  );
}

function PrintNow() {
  const { t } = useI18n();
  return (
    <div className="no-print actions">
      <button className="primary" onClick={() => window.print()}>{t('print')}</button>
    </div>
  );
}

function NoticeCard({ n, print, onChange, withLists = false }: { n: NoticeView; print: boolean; onChange: () => void; withLists?: boolean }) {
  const { t, label, date, due } = useI18n();
  const session = useSession();
  const staff = session.scopes('community_secretary', 'community_staff').includes(n.communityId);
  const secretary = session.scopes('community_secretary').includes(n.communityId);
  const closing = useSubmit();
  return (
    <Card className="notice">
      <article data-testid="notice">
        <div className="row-head">
          <h2><Link to={`/notice-board/${enc(n.communityId)}/${enc(n.noticeId)}`}>{n.title}</Link></h2>
          <span className={`badge b-${n.status}`}>{n.status === 'open' ? t('noticeOpen') : t('noticeClosed')}</span>
        </div>
        <div className="notice-meta">
          <span>{label(n.kind)}</span>
          <span>{t('publishedAt')}: {date(n.publishedAt, true)}</span>
          <span>{t('objectionPeriod')}: {date(n.publishedAt)} {t('until')} {due(n.objectionPeriodEndsAt)}</span>
        </div>
        <p className="digest">{t('logPosition')} {n.logPosition} · {t('digest')}: {n.digest}</p>
        {withLists || print ? <NoticeLists noticeId={n.noticeId} heading /> : <ListsOnDemand noticeId={n.noticeId} />}
        <h3>{t('objections')} ({n.objections.length})</h3>
        {n.objections.map((o) => (
          <div className="objection" key={o.objectionId}>
            <div>{o.text} <span className="muted">· {date(o.raisedAt, true)}</span></div>
            {o.answer && <div><b>{t('answer')}:</b> {o.answer} <span className="muted">· {date(o.answeredAt, true)}</span></div>}
            {!o.answer && staff && !print && <AnswerForm noticeId={n.noticeId} objectionId={o.objectionId} onDone={onChange} />}
          </div>
        ))}
        {n.status === 'open' && !print && <ObjectionForm noticeId={n.noticeId} onDone={onChange} />}
        {n.status === 'open' && secretary && !print && (
          <div className="actions no-print">
            <button className="danger" disabled={closing.busy} onClick={async () => (await closing.run((k) => api.command(`/notices/${enc(n.noticeId)}/close`, {}, k))) && onChange()}>
              {closing.busy ? t('saving') : t('closeNotice')}
            </button>
            <FormProblem error={closing.error} />
          </div>
        )}
        {n.status === 'open' && (
          <p className="print-only">
            {t('raiseObjection')}: {location.origin}/notice-board/{n.communityId}/{n.noticeId} （{t('objectionPeriod')} {t('until')} {due(n.objectionPeriodEndsAt)}）
          </p>
        )}
      </article>
    </Card>
  );
}

function ListsOnDemand({ noticeId }: { noticeId: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <details className="add no-print" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('asListed')}</summary>
      {open && <NoticeLists noticeId={noticeId} />}
    </details>
  );
}

/** The lists exactly as they stood at the notice's log position (GET /public/notices/{id}/lists; personal data masked). */
function NoticeLists({ noticeId, heading = false }: { noticeId: string; heading?: boolean }) {
  const { t } = useI18n();
  const lists = useFetch(
    () => api.get<{ position: number; lists: { needs?: ListAnswer<NeedRow>; resources?: ListAnswer<ResourceRow>; tasks?: ListAnswer<TaskRow> } }>(`/public/notices/${enc(noticeId)}/lists`),
    [noticeId],
  );
  if (lists.error) return <LoadError error={lists.error} />;
  if (!lists.data) return <Loading />;
  const { needs, resources, tasks } = lists.data.lists;
  if (!needs && !resources && !tasks) return null;
  return (
    <div data-testid="notice-lists">
      {heading && <h3>{t('asListed')}</h3>}
      <div className="three">
        {needs && <div><h3>{t('needs')} {needs.total}</h3><ul className="rows">{needs.items.map((x) => <NeedItem key={x.id} n={x} />)}</ul></div>}
        {resources && <div><h3>{t('resources')} {resources.total}</h3><ul className="rows">{resources.items.map((x) => <ResourceItem key={x.id} r={x} />)}</ul></div>}
        {tasks && <div><h3>{t('tasks')} {tasks.total}</h3><ul className="rows">{tasks.items.map((x) => <TaskItem key={x.id} task={x} />)}</ul></div>}
      </div>
    </div>
  );
}

/** 答复异议 (the community's staff) */
function AnswerForm({ noticeId, objectionId, onDone }: { noticeId: string; objectionId: string; onDone: () => void }) {
  const { t } = useI18n();
  const form = useSubmit();
  const [answer, setAnswer] = useState('');
  return (
    <form className="form" noValidate data-testid="answer-form" onSubmit={async (e) => {
      e.preventDefault();
      if (await form.run((k) => api.command(`/notices/${enc(noticeId)}/objections/${enc(objectionId)}/answer`, { answer }, k))) onDone();
    }}>
      <Field label={t('answer')} errors={form.errorsOf('answer')}><textarea name="answer" value={answer} onChange={(e) => setAnswer(e.target.value)} /></Field>
      <FormProblem error={form.error} />
      <div className="actions"><Busy busy={form.busy}>{t('answer')}</Busy></div>
    </form>
  );
}

function ObjectionForm({ noticeId, onDone }: { noticeId: string; onDone: () => void }) {
  const { t } = useI18n();
  const form = useSubmit();
  const [text, setText] = useState('');
  const [contact, setContact] = useState('');
  const [sent, setSent] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.run((k) => api.command(`/public/notices/${enc(noticeId)}/objections`, { text, ...(contact ? { contact } : {}) }, k));
    if (ok) {
      setSent(true);
      setText('');
      setContact('');
      onDone();
    }
  };
  return (
    <details className="add">
      <summary>{t('raiseObjection')}</summary>
      <form className="form" onSubmit={submit} noValidate data-testid="objection-form">
        {sent && <div className="notice-ok" role="status">{t('objectionSent')}</div>}
        <Field label={t('objectionText')} errors={form.errorsOf('text')}><textarea name="text" value={text} onChange={(e) => setText(e.target.value)} /></Field>
        <Field label={t('contact')} errors={form.errorsOf('contact')}><input name="contact" value={contact} onChange={(e) => setContact(e.target.value)} /></Field>
        <FormProblem error={form.error} />
        <div className="actions"><Busy busy={form.busy}>{t('raiseObjection')}</Busy></div>
      </form>
    </details>
  );
}
