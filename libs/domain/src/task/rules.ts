import { millis, optionalText, requireId, requireInstant, requireText } from '../guards';
import { conflict, forbidden, invalid, notFound } from '../shared/domain-error';
import type { Actor, Instant } from '../shared/message';
import type { MeetingSnapshot, NeedSnapshot, PersonInput, PledgeSnapshot } from './commands';
import type { Person, Responsible, TaskStatus } from './events';
import type { ExistingTask, TaskState } from './state';

/** Guards shared by the task's command functions. */

export const INPUT = 'TASK.INVALID_INPUT';
export const ID = 'TASK.INVALID_ID';
export { ACTIVE_TASK_STATUSES as ACTIVE } from './state';

export function requireExisting(state: TaskState, taskId: string): ExistingTask {
  if (state.status === 'none') throw notFound('TASK.NOT_FOUND', `task ${taskId} does not exist`);
  return state;
}

/**
 * The task must be in one of `allowed`. A verified task answers TASK.ALREADY_VERIFIED to anything
 * but rework and closing, so nothing reopens it by accident.
 */
export function requireStatus(state: TaskState, taskId: string, allowed: readonly TaskStatus[]): ExistingTask {
  const task = requireExisting(state, taskId);
  if (allowed.includes(task.status)) return task;
  if (task.status === 'verified') {
    throw conflict('TASK.ALREADY_VERIFIED', `task ${taskId} is verified; only an explicit rework order reopens it`);
  }
  throw conflict('TASK.WRONG_STATUS', `task ${taskId} is ${task.status}; expected ${allowed.join(' or ')}`, {
    status: task.status,
    expected: allowed,
  });
}

/** Only the responsible unit (or member, for a member's claim) acts on its task. */
export function requireResponsible(actor: Actor, task: ExistingTask): Responsible {
  const responsible = task.responsible;
  if (!responsible) throw conflict('TASK.WRONG_STATUS', `task ${task.taskId} has no responsible party yet`);
  if (responsible.kind === 'unit' && actor.unitId !== responsible.unitId) {
    throw forbidden('TASK.NOT_ASSIGNED_TO_UNIT', `task ${task.taskId} is assigned to another unit`, {
      responsibleUnitId: responsible.unitId,
    });
  }
  if (responsible.kind === 'member' && actor.id !== responsible.memberId) {
    throw forbidden('TASK.NOT_ASSIGNED_TO_MEMBER', `task ${task.taskId} was claimed by another member`);
  }
  return responsible;
}

export function requireFutureDeadline(value: unknown, now: Date, field: string): Instant {
  const deadline = requireInstant(value, INPUT, field);
  if (millis(deadline) <= now.getTime()) {
    throw invalid('TASK.DEADLINE_IN_PAST', `${field} must be in the future`, { field });
  }
  return deadline;
}

export const requireReason = (value: unknown): string => requireText(value, 'TASK.REASON_REQUIRED', 'reason', 2000);

export function requirePerson(value: PersonInput | undefined, field: string): Person {
  return {
    name: requireText(value?.name, INPUT, `${field}.name`, 100),
    phone: optionalText(value?.phone, INPUT, `${field}.phone`, 40),
  };
}

/** Positive, at most two decimals (the pledge counts capacity in hundredths). */
export function requireQuantity(value: unknown, field: string): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value <= 0 ||
    value > 1e12 ||
    Math.abs(value * 100 - Math.round(value * 100)) > 1e-6
  ) {
    throw invalid(INPUT, `${field} must be a positive number with at most two decimals`, { field });
  }
  return value;
}

/** A need the task may serve: exists, same community, on the list (listed, or matched to other tasks). */
export function requireListedNeed(snapshot: NeedSnapshot | undefined, needId: string, communityId: string): string {
  if (!snapshot || snapshot.status === 'none') {
    throw notFound('TASK.NEED_NOT_FOUND', `need ${needId} does not exist`, { needId });
  }
  if (snapshot.communityId !== communityId) {
    throw conflict('TASK.NEED_OUTSIDE_COMMUNITY', `need ${needId} belongs to another community`, { needId });
  }
  if (snapshot.status !== 'listed' && snapshot.status !== 'matched') {
    throw conflict('TASK.NEED_NOT_LISTED', `need ${needId} is ${snapshot.status}, not on the needs list`, {
      needId,
      status: snapshot.status,
    });
  }
  return snapshot.needId;
}

/** A pledge the task may draw on: exists, same community, confirmed by the community. Returns its measure. */
export function requireConfirmedPledge(snapshot: PledgeSnapshot | undefined, pledgeId: string, communityId: string): string {
  if (!snapshot || snapshot.status === 'none' || snapshot.measure === null) {
    throw notFound('TASK.PLEDGE_NOT_FOUND', `pledge ${pledgeId} does not exist`, { pledgeId });
  }
  if (snapshot.communityId !== communityId) {
    throw conflict('TASK.PLEDGE_OUTSIDE_COMMUNITY', `pledge ${pledgeId} is listed in another community`, { pledgeId });
  }
  if (!['listed', 'partly_allocated', 'exhausted'].includes(snapshot.status)) {
    throw conflict('TASK.PLEDGE_NOT_CONFIRMED', `pledge ${pledgeId} is ${snapshot.status}, not confirmed on the resources list`, {
      pledgeId,
      status: snapshot.status,
    });
  }
  return snapshot.measure;
}

/** The meeting forming the task: exists, in session, and (for a community meeting) of the same community. */
export function requireOpenMeeting(snapshot: MeetingSnapshot, communityId: string): string {
  const meetingId = requireId(snapshot.meetingId, ID, 'meeting.meetingId');
  if (snapshot.status === 'none') throw notFound('TASK.MEETING_NOT_FOUND', `meeting ${meetingId} does not exist`);
  if (snapshot.level === 'community' && snapshot.communityId !== communityId) {
    throw conflict('TASK.MEETING_OUTSIDE_COMMUNITY', `meeting ${meetingId} is another community's`, { meetingId });
  }
  if (snapshot.status !== 'convened') {
    throw conflict('TASK.MEETING_NOT_OPEN', `meeting ${meetingId} is ${snapshot.status}`, { meetingId, status: snapshot.status });
  }
  return meetingId;
}

export const sameResponsible = (a: Responsible, b: Responsible): boolean =>
  a.kind === 'unit' && b.kind === 'unit'
    ? a.unitId === b.unitId
    : a.kind === 'member' && b.kind === 'member' && a.memberId === b.memberId;
