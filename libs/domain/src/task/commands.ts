import type { MeetingLevel, MeetingStatus } from '../meeting/events';
import type { NeedStatus } from '../need/events';
import type { PledgeStatus } from '../pledge/events';
import type { Command, Instant } from '../shared/message';
import type { EscalationTarget, EvidenceKind } from './events';

// ── context from other aggregates ─────────────────────────────────────────────
// A decider sees one stream. Rules that need another aggregate's state ("a task forms only from
// listed needs and confirmed pledges") get it as a snapshot: the command handler loads those
// streams and copies the fields below into the command (see ./context.ts for the builders).
// A missing stream is passed with status 'none'. Snapshots are checked here; what must hold
// under concurrency (capacity) is enforced again on the pledge's own stream.

export type NeedSnapshot = { needId: string; communityId: string | null; status: NeedStatus | 'none' };
export type PledgeSnapshot = {
  pledgeId: string;
  communityId: string | null;
  status: PledgeStatus | 'none';
  measure: string | null;
};
export type MeetingSnapshot = {
  meetingId: string;
  level: MeetingLevel | null;
  communityId: string | null;
  status: MeetingStatus | 'none';
};

export type PersonInput = { name: string; phone?: string | null };

/** The community's assignment: responsible unit (责任单位), person (责任人), deadline (完成时限). */
export type AssignmentInput = { responsibleUnitId: string; responsiblePerson: PersonInput; deadline: Instant };

/** An allocation this task takes from a pledge; the id is made by the caller and reused on retry. */
export type AllocationInput = { allocationId: string; pledgeId: string; quantity: number };

// ── forming ───────────────────────────────────────────────────────────────────

export type ProposeTask = Command<
  'ProposeTask',
  {
    taskId: string;
    communityId: string;
    title: string;
    description: string;
    /** the needs the task serves (at least one), as loaded */
    needs: NeedSnapshot[];
    allocations: AllocationInput[];
    /** one snapshot per pledge named in `allocations` */
    pledges: PledgeSnapshot[];
    /** the joint meeting that formed the task, or null */
    meeting?: MeetingSnapshot | null;
    /** assign at once (a meeting usually names unit, person and deadline together) */
    assignment?: AssignmentInput | null;
  }
>;

/** 认领: a unit contact or a member claims a listed need; the claimant is meta.actor. */
export type ClaimNeed = Command<
  'ClaimNeed',
  {
    taskId: string;
    communityId: string;
    need: NeedSnapshot;
    title: string;
    description: string;
    responsiblePerson: PersonInput;
    proposedDeadline?: Instant | null;
  }
>;

/** The community confirms a claim; the claimant committed by claiming, so the task is accepted. */
export type ConfirmTaskClaim = Command<'ConfirmTaskClaim', { taskId: string; deadline: Instant; needs: NeedSnapshot[] }>;
export type RejectTaskClaim = Command<'RejectTaskClaim', { taskId: string; reason: string }>;

export type AssignTask = Command<'AssignTask', { taskId: string } & AssignmentInput>;

// ── the responsible unit ──────────────────────────────────────────────────────

export type AcceptTask = Command<'AcceptTask', { taskId: string }>;
export type DeclineTask = Command<'DeclineTask', { taskId: string; reason: string }>;
export type ReportTaskProgress = Command<
  'ReportTaskProgress',
  { taskId: string; reportId: string; summary: string; percentComplete?: number | null }
>;
export type EvidenceInput = { kind: EvidenceKind; uri: string; description?: string | null };
export type CompleteTask = Command<'CompleteTask', { taskId: string; summary: string; evidence: EvidenceInput[] }>;
export type RequestTaskDeadlineExtension = Command<
  'RequestTaskDeadlineExtension',
  { taskId: string; requestedDeadline: Instant; reason: string }
>;

// ── the community ─────────────────────────────────────────────────────────────

export type VerifyTask = Command<'VerifyTask', { taskId: string; note?: string | null }>;
export type RejectTaskCompletion = Command<'RejectTaskCompletion', { taskId: string; reason: string }>;
/** The only way back from verified: an explicit rework order. */
export type ReopenTaskForRework = Command<'ReopenTaskForRework', { taskId: string; reason: string }>;
export type CloseTask = Command<'CloseTask', { taskId: string }>;
/** Grant the pending request; `deadline` may differ from the requested one (null: as requested). */
export type GrantTaskDeadlineExtension = Command<'GrantTaskDeadlineExtension', { taskId: string; deadline?: Instant | null }>;
export type RefuseTaskDeadlineExtension = Command<'RefuseTaskDeadlineExtension', { taskId: string; reason: string }>;
export type EscalateTask = Command<
  'EscalateTask',
  { taskId: string; escalationId: string; to: EscalationTarget; reason: string }
>;
export type ReassignTask = Command<'ReassignTask', { taskId: string; reason: string } & AssignmentInput>;
export type CancelTask = Command<'CancelTask', { taskId: string; reason: string }>;

// ── the functional department / street, and the system ───────────────────────

export type AcceptTaskEscalation = Command<'AcceptTaskEscalation', { taskId: string; escalationId: string }>;
export type ResolveTaskEscalation = Command<
  'ResolveTaskEscalation',
  { taskId: string; escalationId: string; resolution: string }
>;
/** System command from the deadline job. */
export type MarkTaskOverdue = Command<'MarkTaskOverdue', { taskId: string }>;

export type TaskCommand =
  | ProposeTask
  | ClaimNeed
  | ConfirmTaskClaim
  | RejectTaskClaim
  | AssignTask
  | AcceptTask
  | DeclineTask
  | ReportTaskProgress
  | CompleteTask
  | RequestTaskDeadlineExtension
  | VerifyTask
  | RejectTaskCompletion
  | ReopenTaskForRework
  | CloseTask
  | GrantTaskDeadlineExtension
  | RefuseTaskDeadlineExtension
  | EscalateTask
  | ReassignTask
  | CancelTask
  | AcceptTaskEscalation
  | ResolveTaskEscalation
  | MarkTaskOverdue;
