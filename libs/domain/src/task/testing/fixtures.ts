import type { Actor, CommandMeta } from '../../shared/message';
import type { MeetingSnapshot, NeedSnapshot, PledgeSnapshot, ProposeTask, TaskCommand } from '../commands';
import type { TaskAllocation, TaskEvent } from '../events';
import { decider } from '../index';
import { DeciderSpecification } from '../../testing/decider-specification';

/** Shared fixtures for the task specs: a task t1 in community c1 serving need n1 with 4 hours from pledge p1. */

export const NOW = new Date('2026-11-23T02:00:00.000Z');
export const DEADLINE = '2026-12-31T16:00:00.000Z';
export const LATER = '2027-01-31T16:00:00.000Z';
export const AFTER_DEADLINE = new Date('2027-01-05T00:00:00.000Z');

export const secretary: Actor = { id: 'sec-1', role: 'community_secretary' };
export const unitContact: Actor = { id: 'uc-1', role: 'unit_contact', unitId: 'u1' };
export const otherUnit: Actor = { id: 'uc-2', role: 'unit_contact', unitId: 'u2' };
export const member: Actor = { id: 'm1', role: 'member', unitId: 'u9' };
export const department: Actor = { id: 'dep-1', role: 'department', departmentId: 'dept-housing' };
export const streetAdmin: Actor = { id: 'st-1', role: 'street_admin' };
export const system: Actor = { id: 'deadline-job', role: 'system' };

export const ids = { taskId: 't1', communityId: 'c1' };
/** The responsible unit u1, as events name it. */
export const u1 = { kind: 'unit', unitId: 'u1' } as const;

/** Given / when / then for the task decider. */
export const spec = DeciderSpecification.for(decider);

export const needSnap = (over: Partial<NeedSnapshot> = {}): NeedSnapshot => ({ needId: 'n1', communityId: 'c1', status: 'listed', ...over });
export const pledgeSnap = (over: Partial<PledgeSnapshot> = {}): PledgeSnapshot => ({
  pledgeId: 'p1',
  communityId: 'c1',
  status: 'listed',
  measure: 'volunteer-hours',
  ...over,
});
export const meetingSnap = (over: Partial<MeetingSnapshot> = {}): MeetingSnapshot => ({
  meetingId: 'mt1',
  level: 'community',
  communityId: 'c1',
  status: 'convened',
  ...over,
});

export const person = { name: '赵六', phone: '13700002222' };
export const allocation: TaskAllocation = { allocationId: 'a1', pledgeId: 'p1', quantity: 4, measure: 'volunteer-hours' };

export function command(type: TaskCommand['type'], data: object, actor: Actor = secretary, now: Date = NOW): TaskCommand {
  const meta: CommandMeta = { now, actor };
  return { type, data: { taskId: 't1', ...data }, meta } as TaskCommand;
}

export const proposeData = (over: Partial<ProposeTask['data']> = {}): ProposeTask['data'] => ({
  taskId: 't1',
  communityId: 'c1',
  title: '3号楼加装扶手',
  description: '由u1志愿者协助安装',
  needs: [needSnap()],
  allocations: [{ allocationId: 'a1', pledgeId: 'p1', quantity: 4 }],
  pledges: [pledgeSnap()],
  meeting: meetingSnap(),
  ...over,
});
export const propose = (over: Partial<ProposeTask['data']> = {}, actor: Actor = secretary) =>
  command('ProposeTask', proposeData(over), actor);

// ── events ───────────────────────────────────────────────────────────────────
export const proposed: TaskEvent = {
  type: 'TaskProposed',
  data: {
    ...ids,
    title: '3号楼加装扶手',
    description: '由u1志愿者协助安装',
    meetingId: 'mt1',
    needIds: ['n1'],
    allocations: [allocation],
    proposedAt: NOW.toISOString(),
  },
};
export const assigned: TaskEvent = {
  type: 'TaskAssigned',
  data: { ...ids, responsible: u1, responsiblePerson: person, deadline: DEADLINE },
};
export const accepted: TaskEvent = {
  type: 'TaskAccepted',
  data: { ...ids, responsible: u1, acceptedAt: NOW.toISOString() },
};
export const progressed: TaskEvent = {
  type: 'TaskProgressReported',
  data: { ...ids, reportId: 'r1', summary: '已采购材料', percentComplete: 30, reportedAt: NOW.toISOString() },
};
export const completed: TaskEvent = {
  type: 'TaskCompleted',
  data: {
    ...ids,
    responsible: u1,
    summary: '扶手已安装',
    evidence: [{ kind: 'photo', uri: 'files/handrail.jpg', description: null }],
    completedAt: NOW.toISOString(),
  },
};
export const verified: TaskEvent = {
  type: 'TaskVerified',
  data: { ...ids, responsible: u1, needIds: ['n1'], note: null, verifiedAt: NOW.toISOString() },
};
export const overdue: TaskEvent = {
  type: 'TaskBecameOverdue',
  data: { ...ids, responsible: u1, deadline: DEADLINE, detectedAt: AFTER_DEADLINE.toISOString() },
};
export const escalated: TaskEvent = {
  type: 'TaskEscalated',
  data: {
    ...ids,
    escalationId: 'e1',
    to: { kind: 'department', departmentId: 'dept-housing' },
    reason: '需住建部门审批',
    escalatedAt: NOW.toISOString(),
  },
};
export const extensionRequested: TaskEvent = {
  type: 'TaskDeadlineExtensionRequested',
  data: { ...ids, currentDeadline: DEADLINE, requestedDeadline: LATER, reason: '材料延迟到货' },
};

/** Histories at each stage of the happy path. */
export const atAssigned = [proposed, assigned];
export const atAccepted = [...atAssigned, accepted];
export const atInProgress = [...atAccepted, progressed];
export const atCompleted = [...atInProgress, completed];
export const atVerified = [...atCompleted, verified];
