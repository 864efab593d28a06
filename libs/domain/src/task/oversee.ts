import { optionalText, requireId } from '../guards';
import { conflict, forbidden, invalid } from '../shared/domain-error';
import type {
  CancelTask,
  CloseTask,
  EscalateTask,
  GrantTaskDeadlineExtension,
  ReassignTask,
  RefuseTaskDeadlineExtension,
  RejectTaskCompletion,
  ReopenTaskForRework,
  VerifyTask,
} from './commands';
import type { EscalationTarget, TaskEvent } from './events';
import { requireAssignment } from './form';
import { ACTIVE, ID, requireFutureDeadline, requireReason, requireStatus, sameResponsible } from './rules';
import type { TaskState } from './state';
import { requireLaterThanDeadline } from './work';

/** What the community does: verify (验收), rework, deadlines, escalation, reassignment, cancellation. */

export function verify(command: VerifyTask, state: TaskState): TaskEvent[] {
  const { data, meta } = command;
  const task = requireStatus(state, data.taskId, ['completed']);
  const responsible = task.responsible!;
  const own =
    responsible.kind === 'unit' ? meta.actor.unitId === responsible.unitId : meta.actor.id === responsible.memberId;
  if (own) throw forbidden('TASK.SELF_VERIFICATION', 'the responsible party cannot verify its own task');
  if (task.escalation) {
    throw conflict('TASK.ESCALATION_OPEN', `escalation ${task.escalation.escalationId} is still open; resolve it first`, {
      escalationId: task.escalation.escalationId,
    });
  }
  return [
    {
      type: 'TaskVerified',
      data: {
        taskId: task.taskId,
        communityId: task.communityId,
        responsible,
        needIds: [...task.needIds],
        note: optionalText(data.note, 'TASK.INVALID_INPUT', 'note', 2000),
        verifiedAt: meta.now.toISOString(),
      },
    },
  ];
}

export function rejectCompletion(command: RejectTaskCompletion, state: TaskState): TaskEvent[] {
  const task = requireStatus(state, command.data.taskId, ['completed']);
  const reason = requireReason(command.data.reason);
  return [{ type: 'TaskCompletionRejected', data: { taskId: task.taskId, communityId: task.communityId, reason } }];
}

export function reopenForRework(command: ReopenTaskForRework, state: TaskState): TaskEvent[] {
  const task = requireStatus(state, command.data.taskId, ['verified']);
  const reason = requireReason(command.data.reason);
  return [
    {
      type: 'TaskReopenedForRework',
      data: { taskId: task.taskId, communityId: task.communityId, needIds: [...task.needIds], reason },
    },
  ];
}

export function close(command: CloseTask, state: TaskState): TaskEvent[] {
  const task = requireStatus(state, command.data.taskId, ['verified']);
  return [{ type: 'TaskClosed', data: { taskId: task.taskId, communityId: task.communityId, closedAt: command.meta.now.toISOString() } }];
}

export function grantExtension(command: GrantTaskDeadlineExtension, state: TaskState): TaskEvent[] {
  const { data, meta } = command;
  const task = requireStatus(state, data.taskId, ACTIVE);
  const request = task.extensionRequest;
  if (!request) throw conflict('TASK.NO_EXTENSION_PENDING', `task ${task.taskId} has no extension request`);
  const deadline = requireFutureDeadline(data.deadline ?? request.requestedDeadline, meta.now, 'deadline');
  const previousDeadline = requireLaterThanDeadline(task, deadline, 'deadline');
  return [
    {
      type: 'TaskDeadlineExtended',
      data: {
        taskId: task.taskId,
        communityId: task.communityId,
        previousDeadline,
        deadline,
        requestedDeadline: request.requestedDeadline,
      },
    },
  ];
}

export function refuseExtension(command: RefuseTaskDeadlineExtension, state: TaskState): TaskEvent[] {
  const task = requireStatus(state, command.data.taskId, ACTIVE);
  const request = task.extensionRequest;
  if (!request) throw conflict('TASK.NO_EXTENSION_PENDING', `task ${task.taskId} has no extension request`);
  const reason = requireReason(command.data.reason);
  return [
    {
      type: 'TaskDeadlineExtensionRefused',
      data: { taskId: task.taskId, communityId: task.communityId, requestedDeadline: request.requestedDeadline, reason },
    },
  ];
}

export function escalate(command: EscalateTask, state: TaskState): TaskEvent[] {
  const { data, meta } = command;
  const task = requireStatus(state, data.taskId, ACTIVE);
  if (task.escalation) {
    throw conflict('TASK.ALREADY_ESCALATED', `task ${task.taskId} is already escalated`, {
      escalationId: task.escalation.escalationId,
    });
  }
  const escalationId = requireId(data.escalationId, ID, 'escalationId');
  const to = requireTarget(data.to);
  const reason = requireReason(data.reason);
  return [
    {
      type: 'TaskEscalated',
      data: { taskId: task.taskId, communityId: task.communityId, escalationId, to, reason, escalatedAt: meta.now.toISOString() },
    },
  ];
}

export function reassign(command: ReassignTask, state: TaskState): TaskEvent[] {
  const { data, meta } = command;
  const task = requireStatus(state, data.taskId, ACTIVE);
  const assignment = requireAssignment(data, meta.now);
  const reason = requireReason(data.reason);
  const previousResponsible = task.responsible!;
  if (sameResponsible(previousResponsible, assignment.responsible)) {
    throw conflict('TASK.REASSIGN_SAME_UNIT', 'reassignment names another unit', { field: 'responsibleUnitId' });
  }
  return [
    {
      type: 'TaskReassigned',
      data: { taskId: task.taskId, communityId: task.communityId, previousResponsible, ...assignment, reason },
    },
  ];
}

export function cancel(command: CancelTask, state: TaskState): TaskEvent[] {
  const task = requireStatus(state, command.data.taskId, ['proposed', 'assigned', 'accepted', 'in_progress', 'completed']);
  const reason = requireReason(command.data.reason);
  return [
    {
      type: 'TaskCancelled',
      data: {
        taskId: task.taskId,
        communityId: task.communityId,
        needIds: [...task.needIds],
        allocations: task.allocations.map((a) => ({ ...a })),
        reason,
      },
    },
  ];
}

function requireTarget(to: EscalationTarget | undefined): EscalationTarget {
  if (to?.kind === 'department') {
    return { kind: 'department', departmentId: requireId(to.departmentId, ID, 'to.departmentId') };
  }
  if (to?.kind === 'street') return { kind: 'street', streetId: requireId(to.streetId, ID, 'to.streetId') };
  throw invalid('TASK.INVALID_INPUT', "escalation goes to a 'department' or the 'street'", { field: 'to.kind' });
}

