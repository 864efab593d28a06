import { fold } from '../shared/decider';
import { decider, departmentsEscalatedTo, type TaskEvent } from './index';
import {
  AFTER_DEADLINE,
  DEADLINE,
  LATER,
  NOW,
  allocation,
  atAccepted,
  atAssigned,
  atCompleted,
  atInProgress,
  atVerified,
  command,
  department,
  escalated,
  extensionRequested,
  ids,
  otherUnit,
  overdue,
  person,
  proposed,
  secretary,
  spec,
  streetAdmin,
  system,
  u1,
  unitContact,
  verified,
} from './testing/fixtures';

describe('task: the community', () => {
  describe('VerifyTask (验收)', () => {
    it('verifies a completed task', () => spec.given(atCompleted).when(command('VerifyTask', {})).then([verified]));
    it('keeps a note', () =>
      spec
        .given(atCompleted)
        .when(command('VerifyTask', { note: '居民满意' }))
        .then([{ type: 'TaskVerified', data: { ...verified.data, note: '居民满意' } } as TaskEvent]));
    it('the responsible unit cannot verify its own work', () =>
      spec.given(atCompleted).when(command('VerifyTask', {}, unitContact)).thenThrows('TASK.SELF_VERIFICATION'));
    it('not before completion', () => spec.given(atInProgress).when(command('VerifyTask', {})).thenThrows('TASK.WRONG_STATUS'));
    it('not while an escalation is open', () =>
      spec.given([...atInProgress, escalated, ...atCompleted.slice(-1)]).when(command('VerifyTask', {})).thenThrows('TASK.ESCALATION_OPEN'));
    it('not twice', () => spec.given(atVerified).when(command('VerifyTask', {})).thenThrows('TASK.ALREADY_VERIFIED'));
  });

  describe('RejectTaskCompletion (rework)', () => {
    it('sends the task back with a reason', () => {
      const rejected: TaskEvent = { type: 'TaskCompletionRejected', data: { ...ids, reason: '扶手不牢固' } };
      spec.given(atCompleted).when(command('RejectTaskCompletion', { reason: '扶手不牢固' })).then([rejected]);
      expect(fold(decider, [...atCompleted, rejected])).toMatchObject({ status: 'in_progress', reworkCount: 1 });
    });
    it('requires a reason', () => spec.given(atCompleted).when(command('RejectTaskCompletion', { reason: '' })).thenThrows('TASK.REASON_REQUIRED'));
    it('only a completed task', () =>
      spec.given(atInProgress).when(command('RejectTaskCompletion', { reason: 'x' })).thenThrows('TASK.WRONG_STATUS'));
    it('a verified task is not rejected, it is reopened', () =>
      spec.given(atVerified).when(command('RejectTaskCompletion', { reason: 'x' })).thenThrows('TASK.ALREADY_VERIFIED'));
  });

  describe('a verified task is locked', () => {
    it.each<[string, object, typeof secretary]>([
      ['CancelTask', { reason: 'x' }, secretary],
      ['EscalateTask', { escalationId: 'e1', to: { kind: 'street', streetId: 's1' }, reason: 'x' }, secretary],
      ['ReassignTask', { responsibleUnitId: 'u2', responsiblePerson: person, deadline: LATER, reason: 'x' }, secretary],
      ['CompleteTask', { summary: 's', evidence: [{ kind: 'photo', uri: 'x' }] }, unitContact],
      ['AcceptTask', {}, unitContact],
      ['RequestTaskDeadlineExtension', { requestedDeadline: LATER, reason: 'x' }, unitContact],
    ])('%s answers TASK.ALREADY_VERIFIED', (type, data, actor) =>
      spec.given(atVerified).when(command(type as never, data, actor)).thenThrows('TASK.ALREADY_VERIFIED'));
    it('the overdue job leaves it alone', () =>
      spec.given(atVerified).when(command('MarkTaskOverdue', {}, system, AFTER_DEADLINE)).thenNothingHappens());
  });

  describe('ReopenTaskForRework / CloseTask', () => {
    const reopened: TaskEvent = { type: 'TaskReopenedForRework', data: { ...ids, needIds: ['n1'], reason: '扶手松动' } };
    it('an explicit rework order reopens a verified task', () => {
      spec.given(atVerified).when(command('ReopenTaskForRework', { reason: '扶手松动' })).then([reopened]);
      expect(fold(decider, [...atVerified, reopened]).status).toBe('in_progress');
    });
    it('requires a reason', () => spec.given(atVerified).when(command('ReopenTaskForRework', { reason: '' })).thenThrows('TASK.REASON_REQUIRED'));
    it('only a verified task', () =>
      spec.given(atCompleted).when(command('ReopenTaskForRework', { reason: 'x' })).thenThrows('TASK.WRONG_STATUS'));
    const closed: TaskEvent = { type: 'TaskClosed', data: { ...ids, closedAt: NOW.toISOString() } };
    it('closes a verified task', () => spec.given(atVerified).when(command('CloseTask', {})).then([closed]));
    it('not before verification', () => spec.given(atCompleted).when(command('CloseTask', {})).thenThrows('TASK.WRONG_STATUS'));
    it('a closed task is not reopened', () =>
      spec.given([...atVerified, closed]).when(command('ReopenTaskForRework', { reason: 'x' })).thenThrows('TASK.WRONG_STATUS'));
  });

  describe('deadline extensions', () => {
    const given = [...atInProgress, extensionRequested];
    const extended = (deadline = LATER): TaskEvent => ({
      type: 'TaskDeadlineExtended',
      data: { ...ids, previousDeadline: DEADLINE, deadline, requestedDeadline: LATER },
    });
    it('grants as requested', () => spec.given(given).when(command('GrantTaskDeadlineExtension', {})).then([extended()]));
    it('grants a different (still later) date', () =>
      spec.given(given).when(command('GrantTaskDeadlineExtension', { deadline: '2027-01-15T16:00:00.000Z' })).then([extended('2027-01-15T16:00:00.000Z')]));
    it('the granted date must be later than the current deadline', () =>
      spec.given(given).when(command('GrantTaskDeadlineExtension', { deadline: '2026-12-01T00:00:00.000Z' })).thenThrows('TASK.EXTENSION_NOT_LATER'));
    it('the granted date must be in the future', () =>
      spec
        .given(given)
        .when(command('GrantTaskDeadlineExtension', { deadline: '2027-01-04T00:00:00.000Z' }, secretary, AFTER_DEADLINE))
        .thenThrows('TASK.DEADLINE_IN_PAST'));
    it('clears overdue', () =>
      expect(fold(decider, [...atInProgress, overdue, extensionRequested, extended()])).toMatchObject({
        overdue: false,
        deadline: LATER,
        extensionRequest: null,
      }));
    it('nothing to grant or refuse without a request', () => {
      spec.given(atInProgress).when(command('GrantTaskDeadlineExtension', {})).thenThrows('TASK.NO_EXTENSION_PENDING');
      spec.given(atInProgress).when(command('RefuseTaskDeadlineExtension', { reason: 'x' })).thenThrows('TASK.NO_EXTENSION_PENDING');
    });
    it('refuses with a reason', () =>
      spec
        .given(given)
        .when(command('RefuseTaskDeadlineExtension', { reason: '居民急需' }))
        .then([{ type: 'TaskDeadlineExtensionRefused', data: { ...ids, requestedDeadline: LATER, reason: '居民急需' } }]));
    it('refusing requires a reason', () =>
      spec.given(given).when(command('RefuseTaskDeadlineExtension', { reason: '' })).thenThrows('TASK.REASON_REQUIRED'));
  });

  describe('MarkTaskOverdue (system)', () => {
    const mark = (now = AFTER_DEADLINE, actor = system) => command('MarkTaskOverdue', {}, actor, now);
    it('marks an active task past its deadline', () => spec.given(atInProgress).when(mark()).then([overdue]));
    it('an assigned task nobody accepted is overdue too', () =>
      spec.given(atAssigned).when(mark()).then([overdue]));
    it('not before the deadline passes', () => spec.given(atInProgress).when(mark(NOW)).thenThrows('TASK.DEADLINE_NOT_PASSED'));
    it('only the system', () => spec.given(atInProgress).when(mark(AFTER_DEADLINE, secretary)).thenThrows('TASK.SYSTEM_ONLY'));
    it('a repeated job does nothing', () => spec.given([...atInProgress, overdue]).when(mark()).thenNothingHappens());
    it('a completed task is not overdue', () => spec.given(atCompleted).when(mark()).thenNothingHappens());
    it('an unknown task', () => spec.given([]).when(mark()).thenThrows('TASK.NOT_FOUND'));
    it('an overdue task can still be completed', () =>
      spec
        .given([...atInProgress, overdue])
        .when(command('CompleteTask', { summary: 's', evidence: [{ kind: 'photo', uri: 'x' }] }, unitContact, AFTER_DEADLINE))
        .then([
          {
            type: 'TaskCompleted',
            data: {
              ...ids,
              responsible: u1,
              summary: 's',
              evidence: [{ kind: 'photo', uri: 'x', description: null }],
              completedAt: AFTER_DEADLINE.toISOString(),
            },
          },
        ]));
  });

  describe('escalation to a functional department or the street', () => {
    const escalate = (over: object = {}) =>
      command('EscalateTask', { escalationId: 'e1', to: { kind: 'department', departmentId: 'dept-housing' }, reason: '需住建部门审批', ...over });
    const acceptedEsc: TaskEvent = {
      type: 'TaskEscalationAccepted',
      data: { ...ids, escalationId: 'e1', to: { kind: 'department', departmentId: 'dept-housing' }, acceptedAt: NOW.toISOString() },
    };
    const resolved: TaskEvent = {
      type: 'TaskEscalationResolved',
      data: { ...ids, escalationId: 'e1', to: { kind: 'department', departmentId: 'dept-housing' }, resolution: '已批复', resolvedAt: NOW.toISOString() },
    };
    it('escalates an active task with a reason', () => spec.given(atInProgress).when(escalate()).then([escalated]));
    it('escalates to the street', () =>
      spec
        .given(atAssigned)
        .when(escalate({ to: { kind: 'street', streetId: 's1' } }))
        .then([{ type: 'TaskEscalated', data: { ...escalated.data, to: { kind: 'street', streetId: 's1' } } } as TaskEvent]));
    it('requires a reason', () => spec.given(atInProgress).when(escalate({ reason: '' })).thenThrows('TASK.REASON_REQUIRED'));
    it('requires a target', () => spec.given(atInProgress).when(escalate({ to: { kind: 'mayor' } })).thenThrows('TASK.INVALID_INPUT'));
    it('one open escalation at a time', () => spec.given([...atInProgress, escalated]).when(escalate({ escalationId: 'e2' })).thenThrows('TASK.ALREADY_ESCALATED'));
    it('not a proposed task', () => spec.given([proposed]).when(escalate()).thenThrows('TASK.WRONG_STATUS'));
    it('the department accepts it', () =>
      spec.given([...atInProgress, escalated]).when(command('AcceptTaskEscalation', { escalationId: 'e1' }, department)).then([acceptedEsc]));
    it('accepting twice changes nothing', () =>
      spec.given([...atInProgress, escalated, acceptedEsc]).when(command('AcceptTaskEscalation', { escalationId: 'e1' }, department)).thenNothingHappens());
    it('another department cannot', () =>
      spec
        .given([...atInProgress, escalated])
        .when(command('AcceptTaskEscalation', { escalationId: 'e1' }, { id: 'd2', role: 'department', departmentId: 'dept-water' }))
        .thenThrows('TASK.NOT_ESCALATED_TO_DEPARTMENT'));
    it('a street escalation is taken up by a street admin only', () => {
      const toStreet: TaskEvent = { type: 'TaskEscalated', data: { ...escalated.data, to: { kind: 'street', streetId: 's1' } } } as TaskEvent;
      spec.given([...atInProgress, toStreet]).when(command('AcceptTaskEscalation', { escalationId: 'e1' }, department)).thenThrows('TASK.NOT_ESCALATED_TO_STREET');
      spec
        .given([...atInProgress, toStreet])
        .when(command('AcceptTaskEscalation', { escalationId: 'e1' }, streetAdmin))
        .then([{ type: 'TaskEscalationAccepted', data: { ...acceptedEsc.data, to: { kind: 'street', streetId: 's1' } } } as TaskEvent]);
    });
    it('an unknown escalation id', () =>
      spec.given([...atInProgress, escalated]).when(command('AcceptTaskEscalation', { escalationId: 'e9' }, department)).thenThrows('TASK.NO_OPEN_ESCALATION'));
    it('the department resolves it after accepting', () =>
      spec
        .given([...atInProgress, escalated, acceptedEsc])
        .when(command('ResolveTaskEscalation', { escalationId: 'e1', resolution: '已批复' }, department))
        .then([resolved]));
    it('not before accepting', () =>
      spec
        .given([...atInProgress, escalated])
        .when(command('ResolveTaskEscalation', { escalationId: 'e1', resolution: '已批复' }, department))
        .thenThrows('TASK.ESCALATION_NOT_ACCEPTED'));
    it('the resolution is written down', () =>
      spec
        .given([...atInProgress, escalated, acceptedEsc])
        .when(command('ResolveTaskEscalation', { escalationId: 'e1', resolution: '' }, department))
        .thenThrows('TASK.INVALID_INPUT'));
    it('every department it was escalated to (open or resolved, not the street) may read it', () => {
      const toStreet = { type: 'TaskEscalated', data: { ...escalated.data, escalationId: 'e2', to: { kind: 'street', streetId: 's1' } } } as TaskEvent;
      const toWater = { type: 'TaskEscalated', data: { ...escalated.data, escalationId: 'e3', to: { kind: 'department', departmentId: 'dept-water' } } } as TaskEvent;
      expect(departmentsEscalatedTo(atInProgress)).toEqual([]);
      expect(departmentsEscalatedTo([...atInProgress, escalated, acceptedEsc, resolved, toStreet, toWater, escalated])).toEqual(['dept-housing', 'dept-water']);
    });
    it('after resolution the task may be escalated again', () =>
      spec.given([...atInProgress, escalated, acceptedEsc, resolved]).when(escalate({ escalationId: 'e2' })).then([
        { type: 'TaskEscalated', data: { ...escalated.data, escalationId: 'e2' } } as TaskEvent,
      ]));
  });

  describe('ReassignTask', () => {
    const reassign = (over: object = {}) =>
      command('ReassignTask', { responsibleUnitId: 'u2', responsiblePerson: person, deadline: LATER, reason: '原单位力量不足', ...over });
    const reassigned: TaskEvent = {
      type: 'TaskReassigned',
      data: {
        ...ids,
        previousResponsible: u1,
        responsible: { kind: 'unit', unitId: 'u2' },
        responsiblePerson: person,
        deadline: LATER,
        reason: '原单位力量不足',
      },
    };
    it('hands the task to another unit, which must accept it', () => {
      spec.given([...atInProgress, overdue]).when(reassign()).then([reassigned]);
      const state = fold(decider, [...atInProgress, overdue, reassigned]);
      expect(state).toMatchObject({ status: 'assigned', overdue: false, responsible: { unitId: 'u2' } });
      spec.given([...atInProgress, reassigned]).when(command('AcceptTask', {}, unitContact)).thenThrows('TASK.NOT_ASSIGNED_TO_UNIT');
      spec
        .given([...atInProgress, reassigned])
        .when(command('AcceptTask', {}, otherUnit))
        .then([{ type: 'TaskAccepted', data: { ...ids, responsible: { kind: 'unit', unitId: 'u2' }, acceptedAt: NOW.toISOString() } }]);
    });
    it('to another unit only', () => spec.given(atAccepted).when(reassign({ responsibleUnitId: 'u1' })).thenThrows('TASK.REASSIGN_SAME_UNIT'));
    it('requires a reason', () => spec.given(atAccepted).when(reassign({ reason: '' })).thenThrows('TASK.REASON_REQUIRED'));
    it('requires a future deadline', () =>
      spec.given(atAccepted).when(reassign({ deadline: '2026-01-01T00:00:00.000Z' })).thenThrows('TASK.DEADLINE_IN_PAST'));
    it('not a completed task', () => spec.given(atCompleted).when(reassign()).thenThrows('TASK.WRONG_STATUS'));
  });

  describe('CancelTask', () => {
    const cancelled: TaskEvent = {
      type: 'TaskCancelled',
      data: { ...ids, needIds: ['n1'], allocations: [allocation], reason: '需求已由政府项目解决' },
    };
    it.each([
      ['proposed', [proposed]],
      ['assigned', atAssigned],
      ['accepted', atAccepted],
      ['in progress', atInProgress],
      ['completed', atCompleted],
    ])('cancels a %s task, naming the allocations to release and needs to return', (_, given) =>
      spec.given(given as TaskEvent[]).when(command('CancelTask', { reason: '需求已由政府项目解决' })).then([cancelled]));
    it('closes an open escalation', () =>
      expect(fold(decider, [...atInProgress, escalated, cancelled])).toMatchObject({ status: 'cancelled', escalation: null }));
    it('requires a reason', () => spec.given(atAccepted).when(command('CancelTask', { reason: '' })).thenThrows('TASK.REASON_REQUIRED'));
    it('not twice', () => spec.given([...atAccepted, cancelled]).when(command('CancelTask', { reason: 'x' })).thenThrows('TASK.WRONG_STATUS'));
  });
});
