import type { TaskEvent } from './events';
import type { ExistingTask, TaskState } from './state';

const fresh = (): Omit<ExistingTask, 'status' | 'taskId' | 'communityId' | 'title' | 'description' | 'origin' | 'needIds'> => ({
  meetingId: null,
  allocations: [],
  claimant: null,
  responsible: null,
  responsiblePerson: null,
  deadline: null,
  overdue: false,
  extensionRequest: null,
  escalation: null,
  progressReportIds: [],
  completion: null,
  reworkCount: 0,
  reason: null,
});

export function evolveTask(state: TaskState, event: TaskEvent): TaskState {
  switch (event.type) {
    case 'TaskProposed': {
      const d = event.data;
      return {
        ...fresh(),
        status: 'proposed',
        taskId: d.taskId,
        communityId: d.communityId,
        title: d.title,
        description: d.description,
        origin: 'proposal',
        meetingId: d.meetingId,
        needIds: [...d.needIds],
        allocations: d.allocations.map((a) => ({ ...a })),
      };
    }
    case 'TaskClaimed': {
      const d = event.data;
      return {
        ...fresh(),
        status: 'claimed',
        taskId: d.taskId,
        communityId: d.communityId,
        title: d.title,
        description: d.description,
        origin: 'claim',
        needIds: [...d.needIds],
        claimant: { ...d.claimant },
        responsiblePerson: { ...d.responsiblePerson },
      };
    }
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'TaskClaimConfirmed':
    case 'TaskAssigned':
      return {
        ...state,
        status: event.type === 'TaskAssigned' ? 'assigned' : 'accepted',
        responsible: { ...event.data.responsible },
        responsiblePerson: { ...event.data.responsiblePerson },
        deadline: event.data.deadline,
        overdue: false,
      };
    case 'TaskClaimRejected':
      return { ...state, status: 'claim_rejected', reason: event.data.reason };
    case 'TaskAccepted':
      return { ...state, status: 'accepted' };
    case 'TaskDeclined':
      return { ...state, status: 'declined', reason: event.data.reason, extensionRequest: null, escalation: null };
    case 'TaskProgressReported':
      return {
        ...state,
        status: state.status === 'accepted' ? 'in_progress' : state.status,
        progressReportIds: [...state.progressReportIds, event.data.reportId],
      };
    case 'TaskCompleted':
      return {
        ...state,
        status: 'completed',
        extensionRequest: null,
        completion: { summary: event.data.summary, evidence: event.data.evidence.map((e) => ({ ...e })) },
      };
    case 'TaskVerified':
      return { ...state, status: 'verified' };
    case 'TaskCompletionRejected':
    case 'TaskReopenedForRework':
      return { ...state, status: 'in_progress', reworkCount: state.reworkCount + 1, reason: event.data.reason };
    case 'TaskClosed':
      return { ...state, status: 'closed' };
    case 'TaskDeadlineExtensionRequested':
      return {
        ...state,
        extensionRequest: { requestedDeadline: event.data.requestedDeadline, reason: event.data.reason },
      };
    case 'TaskDeadlineExtended':
      return { ...state, deadline: event.data.deadline, extensionRequest: null, overdue: false };
    case 'TaskDeadlineExtensionRefused':
      return { ...state, extensionRequest: null };
    case 'TaskBecameOverdue':
      return { ...state, overdue: true };
    case 'TaskEscalated':
      return {
        ...state,
        escalation: { escalationId: event.data.escalationId, to: { ...event.data.to }, reason: event.data.reason, accepted: false },
      };
    case 'TaskEscalationAccepted':
      return state.escalation ? { ...state, escalation: { ...state.escalation, accepted: true } } : state;
    case 'TaskEscalationResolved':
      return { ...state, escalation: null };
    case 'TaskReassigned':
      return {
        ...state,
        status: 'assigned',
        responsible: { ...event.data.responsible },
        responsiblePerson: { ...event.data.responsiblePerson },
        deadline: event.data.deadline,
        overdue: false,
        extensionRequest: null,
        reason: event.data.reason,
      };
    case 'TaskCancelled':
      return { ...state, status: 'cancelled', reason: event.data.reason, extensionRequest: null, escalation: null };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
