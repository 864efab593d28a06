import { useI18n } from './i18n';
import { Link } from './router';
import type { NeedRow, ResourceRow, TaskRow } from './types';
import { Badge } from './ui';

/** The rows of the three lists, shared by the community board, matching and the auditor's as-of view. */

export const unusedNeed = (n: NeedRow) => n.status === 'listed' && n.taskIds.length === 0;
export const unusedPledge = (r: ResourceRow) => (r.status === 'listed' || r.status === 'pledged') && r.capacity.allocated === 0;

export function NeedItem({ n }: { n: NeedRow }) {
  const { t, label, due } = useI18n();
  return (
    <li className={`row urgency-${n.urgency}${unusedNeed(n) ? ' unused' : ''}`} data-testid="need-row">
      <div className="row-head">
        <strong>{n.title}</strong>
        <Badge value={n.status} />
      </div>
      <div className="row-meta">
        <span className={`pill u-${n.urgency}`}>{label(n.urgency)}</span>
        <span>{n.category}</span>
        {n.grid && <span>{t('grid')} {n.grid}</span>}
        <span>{label(n.source)}</span>
        {n.wantedBy && <span>⏱ {due(n.wantedBy)}</span>}
        {unusedNeed(n) && <span className="pill unused-pill">{t('unused')}</span>}
      </div>
      <div className="row-sub">
        {n.beneficiaries.description}
        {n.beneficiaries.count != null ? ` · ${n.beneficiaries.count}` : ''} · {n.requester.name}
        {n.requester.phone ? ` · ${n.requester.phone}` : ''}
      </div>
      {n.taskIds.length > 0 && (
        <div className="row-sub">
          {n.taskIds.map((id) => (
            <Link key={id} to={`/task/${id}`} className="chip">
              {t('openTask')}
            </Link>
          ))}
        </div>
      )}
      {n.reason && <div className="row-sub muted">{n.reason}</div>}
    </li>
  );
}

export function CapacityBar({ c }: { c: ResourceRow['capacity'] }) {
  const { t } = useI18n();
  const used = c.pledged > 0 ? Math.min(100, (c.allocated / c.pledged) * 100) : 0;
  return (
    <div className="capacity" title={`${c.allocated} / ${c.pledged} ${c.measure}`}>
      <svg viewBox="0 0 100 6" preserveAspectRatio="none" className="bar" aria-hidden>
        <rect x="0" y="0" width="100" height="6" rx="3" className="bar-bg" />
        <rect x="0" y="0" width={used} height="6" rx="3" className="bar-fg" />
      </svg>
      <span>
        {t('remaining')} <strong>{c.remaining}</strong> / {c.pledged} {c.measure}
      </span>
    </div>
  );
}

export function pledgerName(r: ResourceRow): string {
  return r.pledger.kind === 'unit' ? r.pledger.unitId : `${r.pledger.memberId}${r.pledger.unitId ? ` (${r.pledger.unitId})` : ''}`;
}

export function ResourceItem({ r }: { r: ResourceRow }) {
  const { t, label, date, due } = useI18n();
  return (
    <li className={`row type-${r.type}${unusedPledge(r) ? ' unused' : ''}`} data-testid="resource-row">
      <div className="row-head">
        <strong>{r.description}</strong>
        <Badge value={r.status} />
      </div>
      <div className="row-meta">
        <span className="pill">{label(r.type)}</span>
        <span>{pledgerName(r)}</span>
        <span>
          {date(r.availability.from)} – {r.availability.until ? due(r.availability.until) : '…'}
        </span>
        {unusedPledge(r) && <span className="pill unused-pill">{t('unused')}</span>}
      </div>
      <CapacityBar c={r.capacity} />
      <div className="row-sub">
        {r.contact.name}
        {r.contact.phone ? ` · ${r.contact.phone}` : ''}
      </div>
    </li>
  );
}

export function DeadlineText({ task }: { task: Pick<TaskRow, 'deadline' | 'overdue' | 'daysToDeadline' | 'daysOverdue'> }) {
  const { t, due } = useI18n();
  if (!task.deadline) return <span>—</span>;
  if (task.overdue) return <span className="overdue">{t('overdueBy', { n: task.daysOverdue ?? 0 })} · {due(task.deadline)}</span>;
  if (task.daysToDeadline === 0) return <span className="due-soon">{t('dueToday')}</span>;
  if (task.daysToDeadline != null)
    return (
      <span className={task.daysToDeadline <= 7 ? 'due-soon' : ''}>
        {t('daysLeft', { n: task.daysToDeadline })} · {due(task.deadline)}
      </span>
    );
  return <span>{due(task.deadline)}</span>;
}

export function TaskItem({ task }: { task: TaskRow }) {
  const { t } = useI18n();
  return (
    <li className={`row${task.overdue ? ' is-overdue' : ''}`} data-testid="task-row">
      <div className="row-head">
        <Link to={`/task/${task.id}`}>
          <strong>{task.title}</strong>
        </Link>
        <Badge value={task.status} />
      </div>
      <div className="row-meta">
        <span>
          {t('responsibleUnit')}: {task.responsibleUnitId ?? '—'}
        </span>
        {task.responsiblePerson && (
          <span>
            {t('responsiblePerson')}: {task.responsiblePerson.name}
          </span>
        )}
        <DeadlineText task={task} />
      </div>
      {task.progress.percentComplete != null && (
        <div className="progress" aria-label={t('progress')}>
          <div className="progress-fg" style={{ width: `${task.progress.percentComplete}%` }} />
          <span>{task.progress.percentComplete}%</span>
        </div>
      )}
      {task.escalation && <div className="row-sub overdue">⚑ {t('escalate')}: {task.escalation.reason}</div>}
    </li>
  );
}

export function Counts({ counts, active, onPick }: { counts: Record<string, number>; active?: string; onPick?: (s: string) => void }) {
  const { label, t } = useI18n();
  const entries = Object.entries(counts);
  const total = entries.reduce((n, [, c]) => n + c, 0);
  return (
    <div className="counts">
      <button type="button" className={`count${!active ? ' on' : ''}`} onClick={() => onPick?.('')}>
        {t('all')} <b>{total}</b>
      </button>
      {entries.map(([s, c]) => (
        <button type="button" key={s} className={`count b-${s}${active === s ? ' on' : ''}`} onClick={() => onPick?.(s)}>
          {label(s)} <b>{c}</b>
        </button>
      ))}
    </div>
  );
}
