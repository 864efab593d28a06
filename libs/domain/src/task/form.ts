import { requireId, requireText } from '../guards';
import { conflict, forbidden, invalid } from '../shared/domain-error';
import type { Actor } from '../shared/message';
import type { AssignmentInput, AssignTask, ClaimNeed, ConfirmTaskClaim, ProposeTask, RejectTaskClaim } from './commands';
import type { Person, Responsible, TaskAllocation, TaskEvent } from './events';
import {
  ID,
  INPUT,
  requireConfirmedPledge,
  requireFutureDeadline,
  requireListedNeed,
  requireOpenMeeting,
  requirePerson,
  requireQuantity,
  requireReason,
  requireStatus,
} from './rules';
import type { TaskState } from './state';

/** Forming a task: proposal (usually at a joint meeting), or a claim (认领) confirmed by the community. */

export function propose(command: ProposeTask, state: TaskState): TaskEvent[] {
  const { data, meta } = command;
  if (state.status !== 'none') throw conflict('TASK.ALREADY_EXISTS', `task ${data.taskId} already exists`);
  const taskId = requireId(data.taskId, ID, 'taskId');
  const communityId = requireId(data.communityId, ID, 'communityId');
  const title = requireText(data.title, INPUT, 'title', 200);
  const description = requireText(data.description, INPUT, 'description', 5000);

  if (!Array.isArray(data.needs) || data.needs.length === 0) {
    throw invalid(INPUT, 'a task serves at least one need', { field: 'needs' });
  }
  const needIds = data.needs.map((n, i) => requireId(n?.needId, ID, `needs[${i}].needId`));
  if (new Set(needIds).size !== needIds.length) throw invalid(INPUT, 'a need is named twice', { field: 'needs' });
  data.needs.forEach((n) => requireListedNeed(n, n.needId, communityId));

  const inputs = Array.isArray(data.allocations) ? data.allocations : [];
  const pledges = Array.isArray(data.pledges) ? data.pledges : [];
  const allocations: TaskAllocation[] = inputs.map((a, i) => {
    const allocationId = requireId(a?.allocationId, ID, `allocations[${i}].allocationId`);
    const pledgeId = requireId(a?.pledgeId, ID, `allocations[${i}].pledgeId`);
    const quantity = requireQuantity(a?.quantity, `allocations[${i}].quantity`);
    const measure = requireConfirmedPledge(
      pledges.find((p) => p.pledgeId === pledgeId),
      pledgeId,
      communityId,
    );
    return { allocationId, pledgeId, quantity, measure };
  });
  if (new Set(allocations.map((a) => a.allocationId)).size !== allocations.length) {
    throw invalid(INPUT, 'an allocation id is used twice', { field: 'allocations' });
  }
  const meetingId = data.meeting ? requireOpenMeeting(data.meeting, communityId) : null;
  const assignment = data.assignment ? requireAssignment(data.assignment, meta.now) : null;

  const events: TaskEvent[] = [
    {
      type: 'TaskProposed',
      data: { taskId, communityId, title, description, meetingId, needIds, allocations, proposedAt: meta.now.toISOString() },
    },
  ];
  if (assignment) events.push({ type: 'TaskAssigned', data: { taskId, communityId, ...assignment } });
  return events;
}

export function claim(command: ClaimNeed, state: TaskState): TaskEvent[] {
  const { data, meta } = command;
  if (state.status !== 'none') throw conflict('TASK.ALREADY_EXISTS', `task ${data.taskId} already exists`);
  const claimant = claimantOf(meta.actor);
  const taskId = requireId(data.taskId, ID, 'taskId');
  const communityId = requireId(data.communityId, ID, 'communityId');
  const needId = requireId(data.need?.needId, ID, 'need.needId');
  requireListedNeed(data.need, needId, communityId);
  const proposedDeadline =
    data.proposedDeadline == null ? null : requireFutureDeadline(data.proposedDeadline, meta.now, 'proposedDeadline');
  return [
    {
      type: 'TaskClaimed',
      data: {
        taskId,
        communityId,
        title: requireText(data.title, INPUT, 'title', 200),
        description: requireText(data.description, INPUT, 'description', 5000),
        needIds: [needId],
        claimant,
        responsiblePerson: requirePerson(data.responsiblePerson, 'responsiblePerson'),
        proposedDeadline,
        claimedAt: meta.now.toISOString(),
      },
    },
  ];
}

export function confirmClaim(command: ConfirmTaskClaim, state: TaskState): TaskEvent[] {
  const task = requireStatus(state, command.data.taskId, ['claimed']);
  const deadline = requireFutureDeadline(command.data.deadline, command.meta.now, 'deadline');
  const needs = Array.isArray(command.data.needs) ? command.data.needs : [];
  task.needIds.forEach((id) =>
    requireListedNeed(
      needs.find((n) => n.needId === id),
      id,
      task.communityId,
    ),
  );
  if (!task.claimant || !task.responsiblePerson) throw conflict('TASK.WRONG_STATUS', 'the claim has no claimant');
  return [
    {
      type: 'TaskClaimConfirmed',
      data: {
        taskId: task.taskId,
        communityId: task.communityId,
        needIds: [...task.needIds],
        responsible: task.claimant,
        responsiblePerson: task.responsiblePerson,
        deadline,
      },
    },
  ];
}

export function rejectClaim(command: RejectTaskClaim, state: TaskState): TaskEvent[] {
  const task = requireStatus(state, command.data.taskId, ['claimed']);
  const reason = requireReason(command.data.reason);
  if (!task.claimant) throw conflict('TASK.WRONG_STATUS', 'the claim has no claimant');
  return [
    {
      type: 'TaskClaimRejected',
      data: { taskId: task.taskId, communityId: task.communityId, needIds: [...task.needIds], claimant: task.claimant, reason },
    },
  ];
}

export function assign(command: AssignTask, state: TaskState): TaskEvent[] {
  const task = requireStatus(state, command.data.taskId, ['proposed']);
  const assignment = requireAssignment(command.data, command.meta.now);
  return [{ type: 'TaskAssigned', data: { taskId: task.taskId, communityId: task.communityId, ...assignment } }];
}

export function requireAssignment(
  input: AssignmentInput,
  now: Date,
): { responsible: Responsible; responsiblePerson: Person; deadline: string } {
  return {
    responsible: { kind: 'unit', unitId: requireId(input.responsibleUnitId, ID, 'responsibleUnitId') },
    responsiblePerson: requirePerson(input.responsiblePerson, 'responsiblePerson'),
    deadline: requireFutureDeadline(input.deadline, now, 'deadline'),
  };
}

/** The claimant is whoever claims: a unit contact for the unit, or a member for themself. */
function claimantOf(actor: Actor): Responsible {
  if (actor.role === 'unit_contact' && actor.unitId) return { kind: 'unit', unitId: actor.unitId };
  if (actor.role === 'member') return { kind: 'member', memberId: actor.id, unitId: actor.unitId ?? null };
  throw forbidden('TASK.CLAIM_NOT_ALLOWED', 'only a unit contact (for the unit) or a member (for themself) may claim a need');
}
