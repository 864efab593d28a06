import { tasksListProjection as tasks } from './tasks-list.projection';
import { eventLog, foldAll, listOf } from './testing/fold';

const proposed = (taskId: string, proposedAt = '2026-03-01T01:00:00.000Z') => ({
  taskId,
  title: `任务${taskId}`,
  description: '加装扶手',
  meetingId: 'm1',
  needIds: ['n1'],
  allocations: [{ allocationId: `${taskId}-a1`, pledgeId: 'p1', quantity: 30, measure: 'm2' }],
  proposedAt,
});
const unit = (unitId: string) => ({ kind: 'unit', unitId });
const assigned = (taskId: string, deadline: string, unitId = 'u1') => ({ taskId, responsible: unit(unitId), responsiblePerson: { name: '李四', phone: '13900001111' }, deadline });

describe('task list (项目清单) projection', () => {
  it('follows a task from proposal to closure: responsible (masked), progress, verification', () => {
    const { events, add } = eventLog();
    add('task-t', 'TaskProposed', proposed('t'));
    add('task-t', 'TaskAssigned', assigned('t', '2026-04-01T16:00:00.000Z'));
    add('task-t', 'TaskAccepted', { taskId: 't', responsible: unit('u1'), acceptedAt: '2026-03-02T01:00:00.000Z' });
    add('task-t', 'TaskProgressReported', { taskId: 't', reportId: 'r1', summary: '材料已采购', percentComplete: 40, reportedAt: '2026-03-03T01:00:00.000Z' });
    add('task-t', 'TaskProgressReported', { taskId: 't', reportId: 'r2', summary: '施工中', percentComplete: null, reportedAt: '2026-03-04T01:00:00.000Z' });
    let [t] = foldAll(tasks, events);
    expect(t.doc).toMatchObject({
      status: 'in_progress',
      meetingId: 'm1',
      needIds: ['n1'],
      allocations: [{ allocationId: 't-a1', pledgeId: 'p1', quantity: 30, measure: 'm2' }],
      responsible: { kind: 'unit', unitId: 'u1' },
      responsibleUnitId: 'u1',
      responsiblePerson: { name: '李*', phone: '139****1111' },
      deadline: '2026-04-01T16:00:00.000Z',
      progress: { reports: 2, lastReport: { reportId: 'r2', summary: '施工中', percentComplete: null }, percentComplete: 40 },
    });
    add('task-t', 'TaskCompleted', { taskId: 't', responsible: unit('u1'), summary: '已完成', evidence: [{ kind: 'photo', uri: 'x', description: null }], completedAt: '2026-03-05T01:00:00.000Z' });
    add('task-t', 'TaskCompletionRejected', { taskId: 't', reason: '扶手松动' });
    expect(foldAll(tasks, events)[0].doc).toMatchObject({ status: 'in_progress', completion: null, reworkCount: 1, reason: '扶手松动' });
    add('task-t', 'TaskCompleted', { taskId: 't', responsible: unit('u1'), summary: '已加固', evidence: [], completedAt: '2026-03-06T01:00:00.000Z' });
    add('task-t', 'TaskVerified', { taskId: 't', responsible: unit('u1'), needIds: ['n1'], note: '验收合格', verifiedAt: '2026-03-07T01:00:00.000Z' });
    add('task-t', 'TaskClosed', { taskId: 't', closedAt: '2026-03-08T01:00:00.000Z' });
    [t] = foldAll(tasks, events);
    expect(t.status).toBe('closed');
    expect(t.doc).toMatchObject({
      completion: { summary: '已加固', evidence: 0, completedAt: '2026-03-06T01:00:00.000Z' },
      verification: { note: '验收合格', verifiedAt: '2026-03-07T01:00:00.000Z' },
      closedAt: '2026-03-08T01:00:00.000Z',
    });
  });

  it('orders by deadline (tasks without one last), and moves a task whose deadline is extended', () => {
    const { events, add } = eventLog();
    add('task-a', 'TaskProposed', proposed('a', '2026-03-01T01:00:00.000Z'));
    add('task-b', 'TaskProposed', proposed('b', '2026-03-02T01:00:00.000Z'));
    add('task-c', 'TaskProposed', proposed('c', '2026-03-03T01:00:00.000Z'));
    add('task-d', 'TaskProposed', proposed('d', '2026-02-03T01:00:00.000Z'));
    add('task-b', 'TaskAssigned', assigned('b', '2026-05-01T00:00:00.000Z'));
    add('task-c', 'TaskAssigned', assigned('c', '2026-04-01T00:00:00.000Z', 'u2'));
    expect(listOf(tasks, events).items.map((t) => t.id)).toEqual(['c', 'b', 'd', 'a']);
    add('task-c', 'TaskBecameOverdue', { taskId: 'c', responsible: unit('u2'), deadline: '2026-04-01T00:00:00.000Z', detectedAt: '2026-04-01T00:01:00.000Z' });
    expect(foldAll(tasks, events).find((t) => t.key === 'c')!.doc.markedOverdue).toBe(true);
    add('task-c', 'TaskDeadlineExtensionRequested', { taskId: 'c', currentDeadline: '2026-04-01T00:00:00.000Z', requestedDeadline: '2026-06-01T00:00:00.000Z', reason: '材料延迟' });
    expect(foldAll(tasks, events).find((t) => t.key === 'c')!.doc.extensionRequest).toEqual({ requestedDeadline: '2026-06-01T00:00:00.000Z', reason: '材料延迟' });
    add('task-c', 'TaskDeadlineExtended', { taskId: 'c', previousDeadline: '2026-04-01T00:00:00.000Z', deadline: '2026-06-01T00:00:00.000Z', requestedDeadline: '2026-06-01T00:00:00.000Z' });
    expect(listOf(tasks, events).items.map((t) => t.id)).toEqual(['b', 'c', 'd', 'a']);
    expect(foldAll(tasks, events).find((t) => t.key === 'c')!.doc).toMatchObject({ markedOverdue: false, extensionRequest: null, deadline: '2026-06-01T00:00:00.000Z' });
  });

  it('escalation opens, is accepted and resolved; reassignment changes the responsible unit; cancellation releases allocations', () => {
    const { events, add } = eventLog();
    add('task-t', 'TaskProposed', proposed('t'));
    add('task-t', 'TaskAssigned', assigned('t', '2026-04-01T16:00:00.000Z'));
    const to = { kind: 'department', departmentId: 'dep-housing' };
    add('task-t', 'TaskEscalated', { taskId: 't', escalationId: 'e1', to, reason: '需协调', escalatedAt: '2026-03-02T01:00:00.000Z' });
    add('task-t', 'TaskEscalationAccepted', { taskId: 't', escalationId: 'e1', to, acceptedAt: '2026-03-03T01:00:00.000Z' });
    expect(foldAll(tasks, events)[0].doc.escalation).toEqual({ escalationId: 'e1', to, reason: '需协调', escalatedAt: '2026-03-02T01:00:00.000Z', accepted: true });
    add('task-t', 'TaskEscalationResolved', { taskId: 't', escalationId: 'e1', to, resolution: '已解决', resolvedAt: '2026-03-04T01:00:00.000Z' });
    add('task-t', 'TaskReassigned', { ...assigned('t', '2026-05-01T16:00:00.000Z', 'u2'), previousResponsible: unit('u1'), reason: '原单位无力完成' });
    expect(foldAll(tasks, events)[0].doc).toMatchObject({ escalation: null, escalations: 1, status: 'assigned', responsibleUnitId: 'u2', reason: '原单位无力完成' });
    add('task-t', 'TaskCancelled', { taskId: 't', needIds: ['n1'], allocations: [], reason: '需求已解决' });
    expect(foldAll(tasks, events)[0].doc).toMatchObject({ status: 'cancelled', allocationsReleased: true, reason: '需求已解决' });
  });

  it('a claim shows the claimant (masked) and a proposed deadline until confirmed or rejected', () => {
    const { events, add } = eventLog();
    const claimant = { kind: 'member', memberId: 'm1', unitId: 'u9' };
    add('task-k', 'TaskClaimed', {
      taskId: 'k',
      title: '认领：加装扶手',
      description: '我出人',
      needIds: ['n1'],
      claimant,
      responsiblePerson: { name: '王五', phone: '13700002222' },
      proposedDeadline: '2026-04-01T00:00:00.000Z',
      claimedAt: '2026-03-01T01:00:00.000Z',
    });
    expect(foldAll(tasks, events)[0].doc).toMatchObject({
      origin: 'claim',
      status: 'claimed',
      responsible: claimant,
      responsibleUnitId: 'u9',
      responsiblePerson: { name: '王*', phone: '137****2222' },
      proposedDeadline: '2026-04-01T00:00:00.000Z',
      deadline: null,
      allocations: [],
      meetingId: null,
    });
    add('task-k', 'TaskClaimConfirmed', { taskId: 'k', needIds: ['n1'], responsible: claimant, responsiblePerson: { name: '王五', phone: null }, deadline: '2026-04-15T00:00:00.000Z' });
    expect(foldAll(tasks, events)[0].doc).toMatchObject({ status: 'accepted', deadline: '2026-04-15T00:00:00.000Z', proposedDeadline: null, responsiblePerson: { name: '王*', phone: null } });
  });
});
