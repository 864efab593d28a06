import type { Instant } from '../shared/message';
import type { Evidence, EscalationTarget, Person, Responsible, TaskAllocation, TaskStatus } from './events';

export type Escalation = { escalationId: string; to: EscalationTarget; reason: string; accepted: boolean };

export type TaskState =
  | { status: 'none' }
  | {
      status: TaskStatus;
      taskId: string;
      communityId: string;
      title: string;
      description: string;
      origin: 'proposal' | 'claim';
      meetingId: string | null;
      needIds: string[];
      allocations: TaskAllocation[];
      /** the claimant while a claim awaits confirmation */
      claimant: Responsible | null;
      responsible: Responsible | null;
      responsiblePerson: Person | null;
      deadline: Instant | null;
      /** set by MarkTaskOverdue, cleared when the deadline moves into the future */
      overdue: boolean;
      extensionRequest: { requestedDeadline: Instant; reason: string } | null;
      /** the open escalation, if any (resolved ones live in the event history) */
      escalation: Escalation | null;
      progressReportIds: string[];
      completion: { summary: string; evidence: Evidence[] } | null;
      reworkCount: number;
      reason: string | null;
    };

export type ExistingTask = Exclude<TaskState, { status: 'none' }>;

export const initialTaskState = (): TaskState => ({ status: 'none' });

/** Work is expected from the responsible party: deadlines run, escalation and reassignment apply. */
export const ACTIVE_TASK_STATUSES: readonly TaskStatus[] = ['assigned', 'accepted', 'in_progress'];
/** Nothing further happens. */
export const FINAL_TASK_STATUSES: readonly TaskStatus[] = ['closed', 'declined', 'cancelled', 'claim_rejected'];
