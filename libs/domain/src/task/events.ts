import type { Event, Instant } from '../shared/message';

export type TaskStatus =
  | 'claimed'
  | 'claim_rejected'
  | 'proposed'
  | 'assigned'
  | 'accepted'
  | 'in_progress'
  | 'completed'
  | 'verified'
  | 'closed'
  | 'declined'
  | 'cancelled';

/** Who answers for the task: a unit (assigned or claimed) or an in-service member (claimed). */
export type Responsible = { kind: 'unit'; unitId: string } | { kind: 'member'; memberId: string; unitId: string | null };

/** 责任人: personal data, masked by public projections. */
export type Person = { name: string; phone: string | null };

export type TaskAllocation = { allocationId: string; pledgeId: string; quantity: number; measure: string };

export type EscalationTarget = { kind: 'department'; departmentId: string } | { kind: 'street'; streetId: string };

export type EvidenceKind = 'photo' | 'document' | 'link' | 'other';
export const EVIDENCE_KINDS: readonly EvidenceKind[] = ['photo', 'document', 'link', 'other'];
export type Evidence = { kind: EvidenceKind; uri: string; description: string | null };

type Ids = { taskId: string; communityId: string };

export type TaskProposed = Event<
  'TaskProposed',
  Ids & {
    title: string;
    description: string;
    meetingId: string | null;
    needIds: string[];
    allocations: TaskAllocation[];
    proposedAt: Instant;
  }
>;
export type TaskClaimed = Event<
  'TaskClaimed',
  Ids & {
    title: string;
    description: string;
    needIds: string[];
    claimant: Responsible;
    responsiblePerson: Person;
    proposedDeadline: Instant | null;
    claimedAt: Instant;
  }
>;
export type TaskClaimConfirmed = Event<
  'TaskClaimConfirmed',
  Ids & { needIds: string[]; responsible: Responsible; responsiblePerson: Person; deadline: Instant }
>;
export type TaskClaimRejected = Event<
  'TaskClaimRejected',
  Ids & { needIds: string[]; claimant: Responsible; reason: string }
>;
export type TaskAssigned = Event<
  'TaskAssigned',
  Ids & { responsible: Responsible; responsiblePerson: Person; deadline: Instant }
>;
export type TaskAccepted = Event<'TaskAccepted', Ids & { responsible: Responsible; acceptedAt: Instant }>;
/** The needs return to the list and the allocations are released (by the process reacting to this). */
export type TaskDeclined = Event<
  'TaskDeclined',
  Ids & { responsible: Responsible; needIds: string[]; allocations: TaskAllocation[]; reason: string }
>;
export type TaskProgressReported = Event<
  'TaskProgressReported',
  Ids & { reportId: string; summary: string; percentComplete: number | null; reportedAt: Instant }
>;
export type TaskCompleted = Event<
  'TaskCompleted',
  Ids & { responsible: Responsible; summary: string; evidence: Evidence[]; completedAt: Instant }
>;
export type TaskVerified = Event<
  'TaskVerified',
  Ids & { responsible: Responsible; needIds: string[]; note: string | null; verifiedAt: Instant }
>;
export type TaskCompletionRejected = Event<'TaskCompletionRejected', Ids & { reason: string }>;
export type TaskReopenedForRework = Event<'TaskReopenedForRework', Ids & { needIds: string[]; reason: string }>;
export type TaskClosed = Event<'TaskClosed', Ids & { closedAt: Instant }>;
export type TaskDeadlineExtensionRequested = Event<
  'TaskDeadlineExtensionRequested',
  Ids & { currentDeadline: Instant; requestedDeadline: Instant; reason: string }
>;
export type TaskDeadlineExtended = Event<
  'TaskDeadlineExtended',
  Ids & { previousDeadline: Instant; deadline: Instant; requestedDeadline: Instant }
>;
export type TaskDeadlineExtensionRefused = Event<
  'TaskDeadlineExtensionRefused',
  Ids & { requestedDeadline: Instant; reason: string }
>;
export type TaskBecameOverdue = Event<
  'TaskBecameOverdue',
  Ids & { responsible: Responsible; deadline: Instant; detectedAt: Instant }
>;
export type TaskEscalated = Event<
  'TaskEscalated',
  Ids & { escalationId: string; to: EscalationTarget; reason: string; escalatedAt: Instant }
>;
export type TaskEscalationAccepted = Event<
  'TaskEscalationAccepted',
  Ids & { escalationId: string; to: EscalationTarget; acceptedAt: Instant }
>;
export type TaskEscalationResolved = Event<
  'TaskEscalationResolved',
  Ids & { escalationId: string; to: EscalationTarget; resolution: string; resolvedAt: Instant }
>;
export type TaskReassigned = Event<
  'TaskReassigned',
  Ids & {
    previousResponsible: Responsible;
    responsible: Responsible;
    responsiblePerson: Person;
    deadline: Instant;
    reason: string;
  }
>;
/** The needs return to the list and the allocations are released (by the process reacting to this). */
export type TaskCancelled = Event<
  'TaskCancelled',
  Ids & { needIds: string[]; allocations: TaskAllocation[]; reason: string }
>;

export type TaskEvent =
  | TaskProposed
  | TaskClaimed
  | TaskClaimConfirmed
  | TaskClaimRejected
  | TaskAssigned
  | TaskAccepted
  | TaskDeclined
  | TaskProgressReported
  | TaskCompleted
  | TaskVerified
  | TaskCompletionRejected
  | TaskReopenedForRework
  | TaskClosed
  | TaskDeadlineExtensionRequested
  | TaskDeadlineExtended
  | TaskDeadlineExtensionRefused
  | TaskBecameOverdue
  | TaskEscalated
  | TaskEscalationAccepted
  | TaskEscalationResolved
  | TaskReassigned
  | TaskCancelled;

export const taskEventVersions: Record<TaskEvent['type'], number> = {
  TaskProposed: 1,
  TaskClaimed: 1,
  TaskClaimConfirmed: 1,
  TaskClaimRejected: 1,
  TaskAssigned: 1,
  TaskAccepted: 1,
  TaskDeclined: 1,
  TaskProgressReported: 1,
  TaskCompleted: 1,
  TaskVerified: 1,
  TaskCompletionRejected: 1,
  TaskReopenedForRework: 1,
  TaskClosed: 1,
  TaskDeadlineExtensionRequested: 1,
  TaskDeadlineExtended: 1,
  TaskDeadlineExtensionRefused: 1,
  TaskBecameOverdue: 1,
  TaskEscalated: 1,
  TaskEscalationAccepted: 1,
  TaskEscalationResolved: 1,
  TaskReassigned: 1,
  TaskCancelled: 1,
};
