import { fold } from '../shared/decider';
import { decider, type TaskEvent } from './index';
import {
  DEADLINE,
  LATER,
  NOW,
  accepted,
  allocation,
  atAccepted,
  atAssigned,
  atCompleted,
  atInProgress,
  atVerified,
  command,
  completed,
  extensionRequested,
  ids,
  member,
  needSnap,
  otherUnit,
  person,
  progressed,
  secretary,
  spec,
  u1,
  unitContact,
} from './testing/fixtures';

describe('task: the responsible unit', () => {
  describe('AcceptTask (承诺)', () => {
    it('the responsible unit accepts', () => spec.given(atAssigned).when(command('AcceptTask', {}, unitContact)).then([accepted]));
    it('another unit cannot: TASK.NOT_ASSIGNED_TO_UNIT', () =>
      spec.given(atAssigned).when(command('AcceptTask', {}, otherUnit)).thenThrows('TASK.NOT_ASSIGNED_TO_UNIT'));
    it('nor the secretary on its behalf', () =>
      spec.given(atAssigned).when(command('AcceptTask', {}, secretary)).thenThrows('TASK.NOT_ASSIGNED_TO_UNIT'));
    it('not twice: TASK.ALREADY_ACCEPTED', () =>
      spec.given(atAccepted).when(command('AcceptTask', {}, unitContact)).thenThrows('TASK.ALREADY_ACCEPTED'));
    it('not before assignment', () =>
      spec.given(atAssigned.slice(0, 1)).when(command('AcceptTask', {}, unitContact)).thenThrows('TASK.WRONG_STATUS'));
  });

  describe('DeclineTask', () => {
    const declined: TaskEvent = {
      type: 'TaskDeclined',
      data: { ...ids, responsible: u1, needIds: ['n1'], allocations: [allocation], reason: '本单位无此专业能力' },
    };
    it('declines with a reason, listing needs to return and allocations to release', () =>
      spec.given(atAssigned).when(command('DeclineTask', { reason: '本单位无此专业能力' }, unitContact)).then([declined]));
    it('requires a reason', () =>
      spec.given(atAssigned).when(command('DeclineTask', { reason: ' ' }, unitContact)).thenThrows('TASK.REASON_REQUIRED'));
    it('only the responsible unit', () =>
      spec.given(atAssigned).when(command('DeclineTask', { reason: 'x' }, otherUnit)).thenThrows('TASK.NOT_ASSIGNED_TO_UNIT'));
    it('not after accepting', () =>
      spec.given(atAccepted).when(command('DeclineTask', { reason: 'x' }, unitContact)).thenThrows('TASK.ALREADY_ACCEPTED'));
    it('a declined task is final', () =>
      spec.given([...atAssigned, declined]).when(command('AcceptTask', {}, unitContact)).thenThrows('TASK.WRONG_STATUS'));
  });

  describe('ReportTaskProgress', () => {
    const report = (over: object = {}) =>
      command('ReportTaskProgress', { reportId: 'r1', summary: '已采购材料', percentComplete: 30, ...over }, unitContact);
    it('the first report puts the task in progress', () => {
      spec.given(atAccepted).when(report()).then([progressed]);
      expect(fold(decider, atInProgress).status).toBe('in_progress');
    });
    it('later reports keep it in progress', () =>
      spec
        .given(atInProgress)
        .when(report({ reportId: 'r2', percentComplete: null }))
        .then([{ type: 'TaskProgressReported', data: { ...progressed.data, reportId: 'r2', percentComplete: null } } as TaskEvent]));
    it('a retried report changes nothing', () => spec.given(atInProgress).when(report()).thenNothingHappens());
    it.each([-1, 101, 50.5, '50'])('rejects percentComplete %p', (percentComplete) =>
      spec.given(atAccepted).when(report({ percentComplete })).thenThrows('TASK.INVALID_INPUT'));
    it('requires a summary', () => spec.given(atAccepted).when(report({ summary: '' })).thenThrows('TASK.INVALID_INPUT'));
    it('only the responsible unit', () =>
      spec
        .given(atAccepted)
        .when(command('ReportTaskProgress', { reportId: 'r1', summary: 's' }, otherUnit))
        .thenThrows('TASK.NOT_ASSIGNED_TO_UNIT'));
    it('not before accepting', () => spec.given(atAssigned).when(report()).thenThrows('TASK.WRONG_STATUS'));
    it('not on a verified task', () => spec.given(atVerified).when(report({ reportId: 'r9' })).thenThrows('TASK.ALREADY_VERIFIED'));
  });

  describe('CompleteTask', () => {
    const complete = (over: object = {}) =>
      command('CompleteTask', { summary: '扶手已安装', evidence: [{ kind: 'photo', uri: 'files/handrail.jpg' }], ...over }, unitContact);
    it('reports completion with evidence', () => spec.given(atInProgress).when(complete()).then([completed]));
    it('may complete straight after accepting', () => spec.given(atAccepted).when(complete()).then([completed]));
    it('evidence is required', () => spec.given(atInProgress).when(complete({ evidence: [] })).thenThrows('TASK.EVIDENCE_REQUIRED'));
    it('evidence is well formed', () => {
      spec.given(atInProgress).when(complete({ evidence: [{ kind: 'video', uri: 'x' }] })).thenThrows('TASK.INVALID_INPUT');
      spec.given(atInProgress).when(complete({ evidence: [{ kind: 'link', uri: '' }] })).thenThrows('TASK.INVALID_INPUT');
    });
    it('only the responsible unit', () =>
      spec
        .given(atInProgress)
        .when(command('CompleteTask', { summary: 's', evidence: [{ kind: 'photo', uri: 'x' }] }, otherUnit))
        .thenThrows('TASK.NOT_ASSIGNED_TO_UNIT'));
    it('not twice', () => spec.given(atCompleted).when(complete()).thenThrows('TASK.WRONG_STATUS'));
    it('not before accepting', () => spec.given(atAssigned).when(complete()).thenThrows('TASK.WRONG_STATUS'));
  });

  describe('RequestTaskDeadlineExtension', () => {
    const request = (over: object = {}, actor = unitContact) =>
      command('RequestTaskDeadlineExtension', { requestedDeadline: LATER, reason: '材料延迟到货', ...over }, actor);
    it('the unit asks for a later deadline with a reason', () => spec.given(atInProgress).when(request()).then([extensionRequested]));
    it('one request at a time', () =>
      spec.given([...atInProgress, extensionRequested]).when(request()).thenThrows('TASK.EXTENSION_ALREADY_PENDING'));
    it('the new deadline is later than the current one', () =>
      spec.given(atInProgress).when(request({ requestedDeadline: '2026-12-15T00:00:00.000Z' })).thenThrows('TASK.EXTENSION_NOT_LATER'));
    it('the new deadline is in the future', () =>
      spec.given(atInProgress).when(request({ requestedDeadline: '2026-11-01T00:00:00.000Z' })).thenThrows('TASK.DEADLINE_IN_PAST'));
    it('requires a reason', () => spec.given(atInProgress).when(request({ reason: '' })).thenThrows('TASK.REASON_REQUIRED'));
    it('only the responsible unit', () => spec.given(atInProgress).when(request({}, otherUnit)).thenThrows('TASK.NOT_ASSIGNED_TO_UNIT'));
    it('not once completed', () => spec.given(atCompleted).when(request()).thenThrows('TASK.WRONG_STATUS'));
  });

  describe('a member-claimed task', () => {
    const claimed: TaskEvent = {
      type: 'TaskClaimed',
      data: {
        ...ids,
        title: '微心愿：修自行车',
        description: '周末上门',
        needIds: ['n1'],
        claimant: { kind: 'member', memberId: 'm1', unitId: 'u9' },
        responsiblePerson: person,
        proposedDeadline: null,
        claimedAt: NOW.toISOString(),
      },
    };
    const confirmed: TaskEvent = {
      type: 'TaskClaimConfirmed',
      data: { ...ids, needIds: ['n1'], responsible: { kind: 'member', memberId: 'm1', unitId: 'u9' }, responsiblePerson: person, deadline: DEADLINE },
    };
    it('the member reports on it', () =>
      spec
        .given([claimed, confirmed])
        .when(command('ReportTaskProgress', { reportId: 'r1', summary: '已联系', percentComplete: 10 }, member))
        .then([
          {
            type: 'TaskProgressReported',
            data: { ...ids, reportId: 'r1', summary: '已联系', percentComplete: 10, reportedAt: NOW.toISOString() },
          },
        ]));
    it('the unit the member belongs to does not: TASK.NOT_ASSIGNED_TO_MEMBER', () =>
      spec
        .given([claimed, confirmed])
        .when(command('ReportTaskProgress', { reportId: 'r1', summary: 's' }, { id: 'uc-9', role: 'unit_contact', unitId: 'u9' }))
        .thenThrows('TASK.NOT_ASSIGNED_TO_MEMBER'));
    it('the need snapshot is checked at confirmation', () =>
      spec
        .given([claimed])
        .when(command('ConfirmTaskClaim', { deadline: DEADLINE, needs: [needSnap({ status: 'fulfilled' })] }))
        .thenThrows('TASK.NEED_NOT_LISTED'));
  });
});
