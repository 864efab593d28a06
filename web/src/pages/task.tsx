import { api, enc } from '../api';
import { useI18n } from '../i18n';
import { DeadlineText } from '../lists';
import { STAFF_ROLES, useSession } from '../session';
import { AcceptDecline, AssignForm, CancelTaskForm, CompleteForm, EscalateForm, ExtensionDecisionForm, ExtensionRequestForm, ProgressForm, VerifyForm } from '../task-actions';
import type { ListAnswer, TaskRow, TimelineEntry } from '../types';
import { Badge, Card, LoadError, Loading, useFetch } from '../ui';
import { Timeline } from '../timeline';

interface TaskState {
  status: string;
  taskId: string;
  communityId: string;
  title: string;
  description: string;
  origin: string;
  meetingId: string | null;
  needIds: string[];
  allocations: Array<{ allocationId?: string; pledgeId: string; quantity: number }>;
  responsible: { kind: string; unitId?: string; memberId?: string } | null;
  responsiblePerson: { name: string; phone: string | null } | null;
  deadline: string | null;
  extensionRequest: { requestedDeadline: string; reason: string } | null;
  escalation: { escalationId: string; to: { kind: string; departmentId?: string; streetId?: string }; reason: string; accepted: boolean } | null;
  completion: { summary: string; evidence: Array<{ kind: string; uri: string; description?: string }> } | null;
  reworkCount: number;
  reason: string | null;
  revision: number;
}

/** One task: status, countdown, progress, completion evidence, verification, escalation and the whole timeline. */
export function TaskPage({ taskId }: { taskId: string }) {
  const { t } = useI18n();
  const s = useSession();
  const task = useFetch(() => api.get<TaskState>(`/tasks/${enc(taskId)}`), [taskId]);
  const communityId = task.data?.communityId;
  const row = useFetch(
    async () => (communityId ? (await api.read<ListAnswer<TaskRow>>(`/communities/${enc(communityId)}/lists/tasks?limit=200`)).items.find((x) => x.id === taskId) ?? null : null),
    [communityId, task.data?.revision],
  );
  const canSeeTimeline = s.has('auditor', 'district_admin', ...STAFF_ROLES);
  const timeline = useFetch(
    () => (canSeeTimeline ? api.get<TimelineEntry[]>(`/audit/streams/${enc(`task-${taskId}`)}/timeline`) : Promise.resolve([] as TimelineEntry[])),
    [taskId, task.data?.revision, canSeeTimeline],
  );
  if (task.loading && !task.data) return <Loading />;
  if (task.error) return <LoadError error={task.error} retry={task.reload} />;
  const x = task.data!;
  const reload = () => task.reload();
  const unitId = x.responsible?.unitId ?? null;
  const isUnit = !!unitId && s.scopes('unit_contact').includes(unitId);
  const isStaff = s.scopes(...STAFF_ROLES).includes(x.communityId);
  const active = ['accepted', 'in_progress'].includes(x.status);
  const r = row.data;
  const actions = [
    isUnit && x.status === 'assigned' && <AcceptDecline key="accept" taskId={taskId} onDone={reload} />,
    isUnit && active && <ProgressForm key="progress" taskId={taskId} onDone={reload} />,
    isUnit && active && <CompleteForm key="complete" taskId={taskId} onDone={reload} />,
    isStaff && x.status === 'completed' && <VerifyForm key="verify" taskId={taskId} onDone={reload} />,
    isStaff && x.status === 'proposed' && <AssignForm key="assign" taskId={taskId} onDone={reload} />,
    isUnit && active && !x.extensionRequest && <details key="extension" className="add"><summary>{t('extension')}</summary><ExtensionRequestForm taskId={taskId} onDone={reload} /></details>,
    isStaff && x.extensionRequest && <ExtensionDecisionForm key="extension-decision" taskId={taskId} requested={x.extensionRequest} onDone={reload} />,
    isStaff && ['assigned', 'accepted', 'in_progress'].includes(x.status) && !x.escalation && <details key="escalate" className="add"><summary>{t('escalate')}</summary><EscalateForm taskId={taskId} onDone={reload} /></details>,
    isStaff && ['proposed', 'assigned', 'accepted', 'in_progress'].includes(x.status) && <CancelTaskForm key="cancel" taskId={taskId} onDone={reload} />,
  ].filter(Boolean);
  return (
    <div className="stack">
      <div className="page-head">
        <h1>{x.title}</h1>
        <Badge value={x.status} />
      </div>
      <div className="two">
        <Card title={t('details')}>
          <dl className="kv" data-testid="task-details">
            <dt>{t('status')}</dt>
            <dd><Badge value={x.status} /></dd>
            <dt>{t('deadline')}</dt>
            <dd className="countdown-cell">{r ? <DeadlineText task={r} /> : <DeadlineText task={{ deadline: x.deadline, overdue: false, daysToDeadline: null, daysOverdue: null }} />}</dd>
            <dt>{t('responsibleUnit')}</dt>
            <dd>{unitId ?? '—'}</dd>
            <dt>{t('responsiblePerson')}</dt>
            <dd>{x.responsiblePerson ? `${x.responsiblePerson.name}${x.responsiblePerson.phone ? ` · ${x.responsiblePerson.phone}` : ''}` : '—'}</dd>
            <dt>{t('description')}</dt>
            <dd>{x.description}</dd>
            <dt>{t('needs')}</dt>
            <dd>{x.needIds.map((n) => <code key={n}>{n.slice(0, 8)}</code>)}</dd>
            <dt>{t('resources')}</dt>
            <dd>{x.allocations.map((a) => <span key={a.pledgeId} className="chip">{a.pledgeId.slice(0, 8)} × {a.quantity}</span>)}</dd>
            {x.meetingId && (<><dt>{t('meeting')}</dt><dd><code>{x.meetingId}</code></dd></>)}
            {x.reason && (<><dt>{t('reason')}</dt><dd>{x.reason}</dd></>)}
          </dl>
        </Card>
        <Card title={t('progress')}>
          {r?.progress.percentComplete != null && (
            <div className="progress"><div className="progress-fg" style={{ width: `${r.progress.percentComplete}%` }} /><span>{r.progress.percentComplete}%</span></div>
          )}
          <p data-testid="progress-summary">
            {r ? `${r.progress.reports} × ${t('reportProgress')}` : ''}
            {r?.progress.lastReport ? ` — ${r.progress.lastReport.summary}` : ''}
          </p>
          {x.completion && (
            <>
              <h3>{t('evidence')}</h3>
              <p>{x.completion.summary}</p>
              <ul>{x.completion.evidence.map((e, i) => <li key={i}><a href={e.uri} target="_blank" rel="noreferrer noopener">{e.kind}: {e.uri}</a></li>)}</ul>
            </>
          )}
          {r?.verification && <p className="ok">✓ {t('verified')} {r.verification.note ?? ''}</p>}
          {x.escalation && <p className="overdue">⚑ {t('escalate')} → {x.escalation.to.departmentId ?? x.escalation.to.streetId}: {x.escalation.reason}</p>}
        </Card>
      </div>
      {actions.length > 0 && (
        <Card title={t('actions')} className="task-actions">
          {actions}
        </Card>
      )}
      {canSeeTimeline && (
        <Card title={t('timeline')}>
          {timeline.error ? <LoadError error={timeline.error} /> : timeline.data ? <Timeline entries={timeline.data} /> : <Loading />}
        </Card>
      )}
    </div>
  );
}
