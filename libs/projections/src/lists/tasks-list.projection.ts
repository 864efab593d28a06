import type { task } from '@cobuild/domain';
import type { ProjectionEvent } from '@cobuild/event-store';
import { maskFreeText as text, maskName, maskOptionalText, maskPhone } from '../masking';
import { changed, sortNumber, type DocumentProjection } from '../runtime/document-projection';

/**
 * One row of the task list (项目清单). Overdue and the days to (or past) the deadline depend on
 * the time of the question, so the API adds them; `markedOverdue` is what the log recorded.
 */
export interface TaskListItem {
  id: string;
  communityId: string;
  title: string;
  /** formed from a proposal (usually at a joint meeting) or a claim (认领) */
  origin: 'proposal' | 'claim';
  status: task.TaskStatus;
  meetingId: string | null;
  needIds: string[];
  /** the pledge capacity the task was formed with */
  allocations: task.TaskAllocation[];
  /** true once the task was declined or cancelled: its allocations went back to the pledges */
  allocationsReleased: boolean;
  /** the responsible unit or member (the claimant while a claim awaits confirmation) */
  responsible: task.Responsible | null;
  /** the unit answering for the task (a member's home unit when a member is responsible) */
  responsibleUnitId: string | null;
  /** 责任人, masked (李* · 139****1111) */
  responsiblePerson: { name: string; phone: string | null } | null;
  deadline: string | null;
  /** a claimant's proposed deadline, until the community confirms one */
  proposedDeadline: string | null;
  /** the log recorded the deadline passing (cleared when the deadline moves) */
  markedOverdue: boolean;
  extensionRequest: { requestedDeadline: string; reason: string } | null;
  progress: {
    reports: number;
    lastReport: { reportId: string; summary: string; percentComplete: number | null; reportedAt: string } | null;
    /** the last percentage reported, if any */
    percentComplete: number | null;
  };
  completion: { summary: string; evidence: number; completedAt: string } | null;
  verification: { note: string | null; verifiedAt: string } | null;
  reworkCount: number;
  /** the open escalation, if any */
  escalation: { escalationId: string; to: task.EscalationTarget; reason: string; escalatedAt: string; accepted: boolean } | null;
  /** escalations ever raised */
  escalations: number;
  /** the last reason given (declined, cancelled, rework, reassignment, claim rejected) */
  reason: string | null;
  createdAt: string;
  closedAt: string | null;
  /** log position of the last event that changed the row */
  position: number;
}

const person = (p: task.Person | undefined | null) => (p ? { name: maskName(p.name), phone: maskPhone(p.phone ?? null) } : null);
const unitOf = (r: task.Responsible | null) => (r ? r.unitId : null);

function created(e: ProjectionEvent, d: Record<string, any>): TaskListItem {
  const claim = e.type === 'TaskClaimed';
  const responsible: task.Responsible | null = claim ? { ...d.claimant } : null;
  return {
    id: d.taskId,
    communityId: d.communityId,
    title: text(d.title),
    origin: claim ? 'claim' : 'proposal',
    status: claim ? 'claimed' : 'proposed',
    meetingId: claim ? null : (d.meetingId ?? null),
    needIds: [...d.needIds],
    allocations: claim ? [] : d.allocations.map((a: task.TaskAllocation) => ({ ...a })),
    allocationsReleased: false,
    responsible,
    responsibleUnitId: unitOf(responsible),
    responsiblePerson: claim ? person(d.responsiblePerson) : null,
    deadline: null,
    proposedDeadline: claim ? (d.proposedDeadline ?? null) : null,
    markedOverdue: false,
    extensionRequest: null,
    progress: { reports: 0, lastReport: null, percentComplete: null },
    completion: null,
    verification: null,
    reworkCount: 0,
    escalation: null,
    escalations: 0,
    reason: null,
    createdAt: claim ? d.claimedAt : d.proposedAt,
    closedAt: null,
    position: e.position,
  };
}

function evolve(doc: TaskListItem | null, e: ProjectionEvent): TaskListItem | null {
  const d = e.data as Record<string, any>;
  if (e.type === 'TaskProposed' || e.type === 'TaskClaimed') return created(e, d);
  if (!doc) return null;
  switch (e.type) {
    case 'TaskClaimConfirmed':
    case 'TaskAssigned':
    case 'TaskReassigned':
      return changed(doc, e.position, {
        status: e.type === 'TaskClaimConfirmed' ? 'accepted' : 'assigned',
        responsible: { ...d.responsible },
        responsibleUnitId: unitOf(d.responsible),
        responsiblePerson: person(d.responsiblePerson),
        deadline: d.deadline,
        proposedDeadline: null,
        markedOverdue: false,
        ...(e.type === 'TaskReassigned' ? { extensionRequest: null, reason: text(d.reason) } : {}),
      });
    case 'TaskClaimRejected':
      return changed(doc, e.position, { status: 'claim_rejected', reason: text(d.reason) });
    case 'TaskAccepted':
      return changed(doc, e.position, { status: 'accepted' });
    case 'TaskDeclined':
      return changed(doc, e.position, { status: 'declined', reason: text(d.reason), extensionRequest: null, escalation: null, allocationsReleased: true });
    case 'TaskCancelled':
      return changed(doc, e.position, { status: 'cancelled', reason: text(d.reason), extensionRequest: null, escalation: null, allocationsReleased: true });
    case 'TaskProgressReported': {
      const lastReport = { reportId: d.reportId, summary: text(d.summary), percentComplete: d.percentComplete ?? null, reportedAt: d.reportedAt };
      return changed(doc, e.position, {
        status: doc.status === 'accepted' ? 'in_progress' : doc.status,
        progress: { reports: doc.progress.reports + 1, lastReport, percentComplete: lastReport.percentComplete ?? doc.progress.percentComplete },
      });
    }
    case 'TaskCompleted':
      return changed(doc, e.position, { status: 'completed', extensionRequest: null, completion: { summary: text(d.summary), evidence: (d.evidence ?? []).length, completedAt: d.completedAt } });
    case 'TaskVerified':
      return changed(doc, e.position, { status: 'verified', verification: { note: maskOptionalText(d.note), verifiedAt: d.verifiedAt } });
    case 'TaskCompletionRejected':
    case 'TaskReopenedForRework':
      return changed(doc, e.position, { status: 'in_progress', completion: null, verification: null, reworkCount: doc.reworkCount + 1, reason: text(d.reason) });
    case 'TaskClosed':
      return changed(doc, e.position, { status: 'closed', closedAt: d.closedAt });
    case 'TaskDeadlineExtensionRequested':
      return changed(doc, e.position, { extensionRequest: { requestedDeadline: d.requestedDeadline, reason: text(d.reason) } });
    case 'TaskDeadlineExtended':
      return changed(doc, e.position, { deadline: d.deadline, extensionRequest: null, markedOverdue: false });
    case 'TaskDeadlineExtensionRefused':
      return changed(doc, e.position, { extensionRequest: null });
    case 'TaskBecameOverdue':
      return changed(doc, e.position, { markedOverdue: true });
    case 'TaskEscalated':
      return changed(doc, e.position, {
        escalation: { escalationId: d.escalationId, to: { ...d.to }, reason: text(d.reason), escalatedAt: d.escalatedAt, accepted: false },
        escalations: doc.escalations + 1,
      });
    case 'TaskEscalationAccepted':
      return doc.escalation ? changed(doc, e.position, { escalation: { ...doc.escalation, accepted: true } }) : changed(doc, e.position, {});
    case 'TaskEscalationResolved':
      return changed(doc, e.position, { escalation: null });
    default:
      return doc;
  }
}

/** Tasks without a deadline (proposed, claimed) sort after every dated one. */
const NO_DEADLINE = 'z';

/** 项目清单: one document per task, ordered by deadline (soonest first), then by when it was formed. */
export const tasksListProjection: DocumentProjection<TaskListItem> = {
  name: 'tasks-list',
  // 2: free text (title, reasons, summaries, notes) with personal data masked
  version: 2,
  categories: ['task'],
  keysOf: (e) => (typeof e.data.taskId === 'string' ? [e.data.taskId] : []),
  evolve: (doc, e) => evolve(doc, e),
  index: (doc) => ({
    communityId: doc.communityId,
    status: doc.status,
    sort: [doc.deadline ? sortNumber(Date.parse(doc.deadline)) : NO_DEADLINE, sortNumber(Date.parse(doc.createdAt))],
  }),
};
