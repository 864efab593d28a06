import { EventLog } from './fold-fixture';
import { inboxProjection } from './inbox.projection';

const person = { name: '李四', phone: '13900001111' };

describe('inbox projection', () => {
  it('addresses assignments, reassignments, claims, overdue tasks and escalations, newest first', () => {
    const log = new EventLog();
    const task = (type: string, data: Record<string, unknown>) => log.add('task-t-1', type, { taskId: 't-1', communityId: 'c-1', ...data });
    task('TaskProposed', { title: 't', needIds: [], allocations: [] });
    task('TaskAssigned', { responsible: { kind: 'unit', unitId: 'u-a' }, responsiblePerson: person, deadline: '2026-06-30T16:00:00Z' });
    task('TaskReassigned', { previousResponsible: { kind: 'unit', unitId: 'u-a' }, responsible: { kind: 'unit', unitId: 'u-b' }, responsiblePerson: person, deadline: '2026-07-30T16:00:00Z', reason: '能力不足' });
    task('TaskBecameOverdue', { responsible: { kind: 'unit', unitId: 'u-b' }, deadline: '2026-07-30T16:00:00Z', detectedAt: '2026-07-31T00:00:00Z' });
    task('TaskEscalated', { escalationId: 'x-1', to: { kind: 'department', departmentId: 'dep-1' }, reason: '需协调', escalatedAt: '2026-08-09T00:00:00Z' });
    task('TaskEscalated', { escalationId: 'x-2', to: { kind: 'street', streetId: 's-1' }, reason: '需协调', escalatedAt: '2026-08-09T00:00:00Z' });
    log.add('task-t-2', 'TaskClaimRejected', { taskId: 't-2', communityId: 'c-1', needIds: [], claimant: { kind: 'member', memberId: 'm-1', unitId: null }, reason: '已有人认领' });
    const docs = log.fold(inboxProjection);
    expect([...docs.keys()].sort()).toEqual(['inbox:dept:dep-1', 'inbox:m-1', 'inbox:street:s-1', 'inbox:u-a', 'inbox:u-b']);
    expect(docs.get('inbox:u-a')!.items.map((i) => i.type)).toEqual(['TaskReassignedAway', 'TaskAssigned']);
    expect(docs.get('inbox:u-b')).toMatchObject({ owner: { kind: 'unit', id: 'u-b' }, total: 2, items: [{ type: 'TaskBecameOverdue' }, { type: 'TaskReassigned', deadline: '2026-07-30T16:00:00Z', reason: '能力不足' }] });
    expect(docs.get('inbox:dept:dep-1')).toMatchObject({ owner: { kind: 'department', id: 'dep-1' }, items: [{ type: 'TaskEscalated', escalationId: 'x-1', taskId: 't-1' }] });
    expect(docs.get('inbox:m-1')).toMatchObject({ owner: { kind: 'member', id: 'm-1' }, items: [{ type: 'TaskClaimRejected' }] });
    expect(JSON.stringify([...docs.values()])).not.toMatch(/13900001111|李四/);
  });

  it('shows the reminders the worker delivered to each recipient', () => {
    const log = new EventLog();
    const sent = (reminderId: string, kind: string, recipients: Array<{ kind: string; id: string }>) =>
      log.add(`reminder-${reminderId}`, 'ReminderSent', { reminderId, kind, communityId: 'c-1', taskId: 't-1', recipients, deadline: '2026-12-10T10:00:00.000Z', channel: 'inbox', jobId: 'j', sentAt: '2026-12-07T01:00:00.000Z' });
    sent('t-1.deadline.due-3d.r3', 'due-3d', [{ kind: 'unit', id: 'u-a' }]);
    sent('t-1.deadline.due-1d.r3', 'due-1d', [{ kind: 'member', id: 'm-1' }]);
    sent('t-1.deadline.escalation-proposed.r3', 'escalation-proposed', [{ kind: 'street', id: 's-1' }]);
    const docs = log.fold(inboxProjection);
    expect(docs.get('inbox:u-a')).toMatchObject({ owner: { kind: 'unit', id: 'u-a' }, items: [{ type: 'ReminderSent', reminder: 'due-3d', taskId: 't-1', deadline: '2026-12-10T10:00:00.000Z' }] });
    expect(docs.get('inbox:m-1')).toMatchObject({ owner: { kind: 'member', id: 'm-1' }, items: [{ reminder: 'due-1d' }] });
    expect(docs.get('inbox:street:s-1')).toMatchObject({ owner: { kind: 'street', id: 's-1' }, items: [{ reminder: 'escalation-proposed' }] });
  });

  it("shows an evaluator's rating reminder in its person inbox, and a year-end reminder without a task", () => {
    const log = new EventLog();
    log.add('reminder-round-r1.rating.r0.e-1', 'ReminderSent', { reminderId: 'round-r1.rating.r0.e-1', kind: 'rating-due', communityId: 'c-1', taskId: null, roundId: 'r1', recipients: [{ kind: 'person', id: 'e-1' }], deadline: '2026-12-10T10:00:00.000Z', channel: 'inbox', jobId: 'j', sentAt: '2026-12-07T01:00:00.000Z' });
    log.add('reminder-yearly-2026-unit-u-a', 'ReminderSent', { reminderId: 'yearly-2026-unit-u-a', kind: 'year-end', communityId: 'c-1', taskId: null, year: 2026, recipients: [{ kind: 'unit', id: 'u-a' }], deadline: null, channel: 'inbox', jobId: 'j2', sentAt: '2026-12-01T01:00:00.000Z' });
    const docs = log.fold(inboxProjection);
    expect(docs.get('inbox:person:e-1')).toMatchObject({ owner: { kind: 'person', id: 'e-1' }, items: [{ reminder: 'rating-due', roundId: 'r1', taskId: null }] });
    expect(docs.get('inbox:u-a')).toMatchObject({ owner: { kind: 'unit', id: 'u-a' }, items: [{ reminder: 'year-end', taskId: null, roundId: null }] });
  });
});
