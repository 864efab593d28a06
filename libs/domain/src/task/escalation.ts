import { millis, requireText } from '../guards';
import { conflict, forbidden } from '../shared/domain-error';
import type { Actor } from '../shared/message';
import type { AcceptTaskEscalation, MarkTaskOverdue, ResolveTaskEscalation } from './commands';
import type { TaskEvent } from './events';
import { ACTIVE, requireExisting } from './rules';
import type { Escalation, ExistingTask, TaskState } from './state';

/** The receiving department (or street) takes up and resolves an escalation; the system marks overdue. */

export function acceptEscalation(command: AcceptTaskEscalation, state: TaskState): TaskEvent[] {
  const task = requireExisting(state, command.data.taskId);
  const escalation = requireOpenEscalation(task, command.data.escalationId);
  requireReceiver(command.meta.actor, escalation);
  if (escalation.accepted) return []; // already taken up
  return [
    {
      type: 'TaskEscalationAccepted',
      data: {
        taskId: task.taskId,
        communityId: task.communityId,
        escalationId: escalation.escalationId,
        to: escalation.to,
        acceptedAt: command.meta.now.toISOString(),
      },
    },
  ];
}

export function resolveEscalation(command: ResolveTaskEscalation, state: TaskState): TaskEvent[] {
  const task = requireExisting(state, command.data.taskId);
  const escalation = requireOpenEscalation(task, command.data.escalationId);
  requireReceiver(command.meta.actor, escalation);
  if (!escalation.accepted) {
    throw conflict('TASK.ESCALATION_NOT_ACCEPTED', 'the escalation must be accepted before it is resolved');
  }
  const resolution = requireText(command.data.resolution, 'TASK.INVALID_INPUT', 'resolution', 5000);
  return [
    {
      type: 'TaskEscalationResolved',
      data: {
        taskId: task.taskId,
        communityId: task.communityId,
        escalationId: escalation.escalationId,
        to: escalation.to,
        resolution,
        resolvedAt: command.meta.now.toISOString(),
      },
    },
  ];
}

export function markOverdue(command: MarkTaskOverdue, state: TaskState): TaskEvent[] {
  const { meta } = command;
  if (meta.actor.role !== 'system') throw forbidden('TASK.SYSTEM_ONLY', 'tasks are marked overdue by the system');
  const task = requireExisting(state, command.data.taskId);
  // the job may race completion, cancellation or a repeat run: nothing to mark then
  if (!ACTIVE.includes(task.status) || task.overdue || task.deadline === null) return [];
  if (millis(task.deadline) >= meta.now.getTime()) {
    throw conflict('TASK.DEADLINE_NOT_PASSED', `task ${task.taskId} is due ${task.deadline}`, { deadline: task.deadline });
  }
  return [
    {
      type: 'TaskBecameOverdue',
      data: {
        taskId: task.taskId,
        communityId: task.communityId,
        responsible: task.responsible!,
        deadline: task.deadline,
        detectedAt: meta.now.toISOString(),
      },
    },
  ];
}

function requireOpenEscalation(task: ExistingTask, escalationId: string): Escalation {
  const escalation = task.escalation;
  if (!escalation || escalation.escalationId !== escalationId) {
    throw conflict('TASK.NO_OPEN_ESCALATION', `task ${task.taskId} has no open escalation ${escalationId}`, { escalationId });
  }
  return escalation;
}

/** A department acts on escalations to it; escalations to the street are taken up by a street admin. */
function requireReceiver(actor: Actor, escalation: Escalation): void {
  if (escalation.to.kind === 'department' && actor.departmentId !== escalation.to.departmentId) {
    throw forbidden('TASK.NOT_ESCALATED_TO_DEPARTMENT', 'the escalation went to another department');
  }
  if (escalation.to.kind === 'street' && actor.role !== 'street_admin') {
    throw forbidden('TASK.NOT_ESCALATED_TO_STREET', 'an escalation to the street is taken up by a street admin');
  }
}

/**
 * The functional departments a task was escalated to, open or resolved, in order: each may read
 * the task and its timeline (it acts on the case and must see what it acts on; domain.md, Roles).
 */
export function departmentsEscalatedTo(events: ReadonlyArray<{ type: string; data: unknown }>): string[] {
  const departments: string[] = [];
  for (const e of events) {
    if (e.type !== 'TaskEscalated') continue;
    const to = (e.data as TaskEvent['data'] & { to?: { kind: string; departmentId?: string } }).to;
    if (to?.kind === 'department' && to.departmentId && !departments.includes(to.departmentId)) departments.push(to.departmentId);
  }
  return departments;
}
