import type { MatchNeed, RecordNeedTaskReopened, RecordNeedTaskVerified, ReleaseNeedMatch } from '../need/commands';
import type { AllocatePledgeCapacity, ReleasePledgeAllocation } from '../pledge/commands';
import type { Command } from '../shared/message';
import type { AllocationInput } from './commands';
import type { TaskEvent } from './events';

/**
 * The cross-aggregate steps around a task, as pure data. The command handler (forming) and a
 * checkpointed subscription (follow-ups) turn these intents into commands by adding `meta`, load
 * the target stream, decide, and append with the expected revision — retrying on a concurrency
 * error. Every intent is idempotent on its target, so a retry or a replayed subscription never
 * allocates twice or matches twice. See libs/domain/README.md, "Cross-aggregate rules under concurrency".
 */

export type Intent<C extends Command<string, any>> = Pick<C, 'type' | 'data'>;
export type PledgeIntent = Intent<AllocatePledgeCapacity> | Intent<ReleasePledgeAllocation>;
export type NeedIntent =
  | Intent<MatchNeed>
  | Intent<ReleaseNeedMatch>
  | Intent<RecordNeedTaskVerified>
  | Intent<RecordNeedTaskReopened>;

/**
 * Forming a task (ProposeTask; ConfirmTaskClaim with no allocations): first reserve on each
 * pledge, then match each need, then append the task's events. In that order, because the pledge
 * stream is where capacity is decided; a task is recorded only when its reservations hold.
 */
export function formationPlan(
  taskId: string,
  needIds: readonly string[],
  allocations: readonly AllocationInput[],
): { reserve: Intent<AllocatePledgeCapacity>[]; match: Intent<MatchNeed>[] } {
  return {
    reserve: allocations.map((a) => ({
      type: 'AllocatePledgeCapacity',
      data: { pledgeId: a.pledgeId, allocationId: a.allocationId, taskId, quantity: a.quantity },
    })),
    match: needIds.map((needId) => ({ type: 'MatchNeed', data: { needId, taskId } })),
  };
}

/** Undo the steps that succeeded when a later step of a formation failed (release is idempotent). */
export function formationCompensation(
  taskId: string,
  done: { reserved: readonly AllocationInput[]; matched: readonly string[] },
  reason: string,
): { release: Intent<ReleasePledgeAllocation>[]; unmatch: Intent<ReleaseNeedMatch>[] } {
  return {
    release: done.reserved.map((a) => ({
      type: 'ReleasePledgeAllocation',
      data: { pledgeId: a.pledgeId, allocationId: a.allocationId, reason },
    })),
    unmatch: done.matched.map((needId) => ({ type: 'ReleaseNeedMatch', data: { needId, taskId, reason } })),
  };
}

/** What other aggregates must record after a task event (run from a subscription to the task category). */
export function followUpsOf(event: TaskEvent): { pledges: PledgeIntent[]; needs: NeedIntent[] } {
  const { taskId } = event.data;
  switch (event.type) {
    case 'TaskDeclined':
    case 'TaskCancelled': {
      const reason = `${event.type === 'TaskDeclined' ? 'task declined' : 'task cancelled'}: ${event.data.reason}`;
      const undone = formationCompensation(taskId, { reserved: event.data.allocations, matched: event.data.needIds }, reason);
      return { pledges: undone.release, needs: undone.unmatch };
    }
    case 'TaskVerified':
      return { pledges: [], needs: event.data.needIds.map((needId) => ({ type: 'RecordNeedTaskVerified', data: { needId, taskId } })) };
    case 'TaskReopenedForRework':
      return {
        pledges: [],
        needs: event.data.needIds.map((needId) => ({
          type: 'RecordNeedTaskReopened',
          data: { needId, taskId, reason: event.data.reason },
        })),
      };
    default:
      return { pledges: [], needs: [] };
  }
}
