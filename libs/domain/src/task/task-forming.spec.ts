import { fold } from '../shared/decider';
import { decider, streamName, type TaskEvent } from './index';
import {
  DEADLINE,
  NOW,
  allocation,
  assigned,
  command,
  ids,
  meetingSnap,
  member,
  needSnap,
  otherUnit,
  person,
  pledgeSnap,
  propose,
  proposed,
  secretary,
  spec,
  unitContact,
} from './testing/fixtures';

describe('task: forming', () => {
  it('names its stream by category and id', () => expect(streamName('t1')).toBe('task-t1'));

  describe('ProposeTask', () => {
    it('forms a task at a meeting from listed needs and a confirmed pledge', () => spec.given([]).when(propose()).then([proposed]));
    it('assigns at once when the meeting names unit, person and deadline', () =>
      spec
        .given([])
        .when(propose({ assignment: { responsibleUnitId: 'u1', responsiblePerson: person, deadline: DEADLINE } }))
        .then([proposed, assigned]));
    it('forms a task outside a meeting, without allocations, for several needs', () =>
      spec
        .given([])
        .when(
          propose({
            meeting: null,
            allocations: [],
            pledges: [],
            needs: [needSnap(), needSnap({ needId: 'n2', status: 'matched' })],
          }),
        )
        .then([{ type: 'TaskProposed', data: { ...proposed.data, meetingId: null, allocations: [], needIds: ['n1', 'n2'] } } as TaskEvent]));
    it('draws on a partly allocated (or, on a retry, exhausted) pledge', () => {
      spec.given([]).when(propose({ pledges: [pledgeSnap({ status: 'partly_allocated' })] })).then([proposed]);
      spec.given([]).when(propose({ pledges: [pledgeSnap({ status: 'exhausted' })] })).then([proposed]);
    });
    it('accepts a street meeting for any community', () =>
      spec.given([]).when(propose({ meeting: meetingSnap({ level: 'street', communityId: null }) })).then([proposed]));

    it('refuses an existing task id', () => spec.given([proposed]).when(propose()).thenThrows('TASK.ALREADY_EXISTS'));
    it('needs at least one need', () => spec.given([]).when(propose({ needs: [] })).thenThrows('TASK.INVALID_INPUT'));
    it('refuses a need named twice', () => spec.given([]).when(propose({ needs: [needSnap(), needSnap()] })).thenThrows('TASK.INVALID_INPUT'));
    it('refuses an allocation id used twice', () =>
      spec
        .given([])
        .when(propose({ allocations: [allocation, { allocationId: 'a1', pledgeId: 'p1', quantity: 1 }] }))
        .thenThrows('TASK.INVALID_INPUT'));
    it('refuses a bad quantity', () =>
      spec.given([]).when(propose({ allocations: [{ allocationId: 'a1', pledgeId: 'p1', quantity: 0 }] })).thenThrows('TASK.INVALID_INPUT'));
    it('rejects an id with a colon', () => spec.given([]).when(propose({ taskId: 'a:b' })).thenThrows('TASK.INVALID_ID'));
    it('requires a title', () => spec.given([]).when(propose({ title: '' })).thenThrows('TASK.INVALID_INPUT'));

    it('a need that does not exist: TASK.NEED_NOT_FOUND', () =>
      spec.given([]).when(propose({ needs: [needSnap({ status: 'none', communityId: null })] })).thenThrows('TASK.NEED_NOT_FOUND'));
    it.each(['submitted', 'rejected', 'merged', 'withdrawn', 'closed', 'fulfilled'] as const)(
      'only from listed needs: a %s need is refused',
      (status) => spec.given([]).when(propose({ needs: [needSnap({ status })] })).thenThrows('TASK.NEED_NOT_LISTED'),
    );
    it("refuses another community's need", () =>
      spec.given([]).when(propose({ needs: [needSnap({ communityId: 'c2' })] })).thenThrows('TASK.NEED_OUTSIDE_COMMUNITY'));

    it('a pledge without snapshot or stream: TASK.PLEDGE_NOT_FOUND', () => {
      spec.given([]).when(propose({ pledges: [] })).thenThrows('TASK.PLEDGE_NOT_FOUND');
      spec.given([]).when(propose({ pledges: [pledgeSnap({ status: 'none', measure: null })] })).thenThrows('TASK.PLEDGE_NOT_FOUND');
    });
    it.each(['pledged', 'rejected', 'withdrawn', 'expired'] as const)(
      'only from confirmed pledges: a %s pledge is refused',
      (status) => spec.given([]).when(propose({ pledges: [pledgeSnap({ status })] })).thenThrows('TASK.PLEDGE_NOT_CONFIRMED'),
    );
    it("refuses another community's pledge", () =>
      spec.given([]).when(propose({ pledges: [pledgeSnap({ communityId: 'c2' })] })).thenThrows('TASK.PLEDGE_OUTSIDE_COMMUNITY'));

    it('refuses an unknown meeting', () =>
      spec.given([]).when(propose({ meeting: meetingSnap({ status: 'none', level: null, communityId: null }) })).thenThrows('TASK.MEETING_NOT_FOUND'));
    it.each(['closed', 'cancelled'] as const)('refuses a %s meeting', (status) =>
      spec.given([]).when(propose({ meeting: meetingSnap({ status }) })).thenThrows('TASK.MEETING_NOT_OPEN'));
    it("refuses another community's meeting", () =>
      spec.given([]).when(propose({ meeting: meetingSnap({ communityId: 'c2' }) })).thenThrows('TASK.MEETING_OUTSIDE_COMMUNITY'));
    it('an immediate assignment needs a future deadline', () =>
      spec
        .given([])
        .when(propose({ assignment: { responsibleUnitId: 'u1', responsiblePerson: person, deadline: '2026-11-01T00:00:00.000Z' } }))
        .thenThrows('TASK.DEADLINE_IN_PAST'));
  });

  describe('AssignTask', () => {
    const assign = (over: object = {}) =>
      command('AssignTask', { responsibleUnitId: 'u1', responsiblePerson: person, deadline: DEADLINE, ...over });
    it('assigns a proposed task to a unit, person and deadline', () => spec.given([proposed]).when(assign()).then([assigned]));
    it('the deadline must be in the future', () =>
      spec.given([proposed]).when(assign({ deadline: NOW.toISOString() })).thenThrows('TASK.DEADLINE_IN_PAST'));
    it('the responsible person is named', () =>
      spec.given([proposed]).when(assign({ responsiblePerson: { name: '' } })).thenThrows('TASK.INVALID_INPUT'));
    it('only once (reassign afterwards)', () => spec.given([proposed, assigned]).when(assign()).thenThrows('TASK.WRONG_STATUS'));
    it('unknown task', () => spec.given([]).when(assign()).thenThrows('TASK.NOT_FOUND'));
  });

  describe('ClaimNeed / ConfirmTaskClaim / RejectTaskClaim (认领)', () => {
    const claimData = { communityId: 'c1', need: needSnap(), title: '认领：加装扶手', description: '本单位负责', responsiblePerson: person };
    const unitClaimed: TaskEvent = {
      type: 'TaskClaimed',
      data: {
        ...ids,
        title: '认领：加装扶手',
        description: '本单位负责',
        needIds: ['n1'],
        claimant: { kind: 'unit', unitId: 'u1' },
        responsiblePerson: person,
        proposedDeadline: null,
        claimedAt: NOW.toISOString(),
      },
    };
    it('a unit contact claims a listed need for the unit', () =>
      spec.given([]).when(command('ClaimNeed', claimData, unitContact)).then([unitClaimed]));
    it('a member claims a micro-wish for themself, proposing a deadline', () =>
      spec
        .given([])
        .when(command('ClaimNeed', { ...claimData, proposedDeadline: DEADLINE }, member))
        .then([
          {
            type: 'TaskClaimed',
            data: { ...unitClaimed.data, claimant: { kind: 'member', memberId: 'm1', unitId: 'u9' }, proposedDeadline: DEADLINE },
          } as TaskEvent,
        ]));
    it('only units and members claim', () =>
      spec.given([]).when(command('ClaimNeed', claimData, secretary)).thenThrows('TASK.CLAIM_NOT_ALLOWED'));
    it('only a listed need can be claimed', () =>
      spec.given([]).when(command('ClaimNeed', { ...claimData, need: needSnap({ status: 'submitted' }) }, unitContact)).thenThrows('TASK.NEED_NOT_LISTED'));
    it('a proposed deadline must be in the future', () =>
      spec
        .given([])
        .when(command('ClaimNeed', { ...claimData, proposedDeadline: '2026-01-01T00:00:00.000Z' }, unitContact))
        .thenThrows('TASK.DEADLINE_IN_PAST'));
    it('the task id is new', () => spec.given([unitClaimed]).when(command('ClaimNeed', claimData, otherUnit)).thenThrows('TASK.ALREADY_EXISTS'));

    const confirmed: TaskEvent = {
      type: 'TaskClaimConfirmed',
      data: { ...ids, needIds: ['n1'], responsible: { kind: 'unit', unitId: 'u1' }, responsiblePerson: person, deadline: DEADLINE },
    };
    it('the community confirms: the claimant is responsible and the task accepted', () => {
      spec.given([unitClaimed]).when(command('ConfirmTaskClaim', { deadline: DEADLINE, needs: [needSnap()] })).then([confirmed]);
      expect(fold(decider, [unitClaimed, confirmed])).toMatchObject({ status: 'accepted', responsible: { kind: 'unit', unitId: 'u1' } });
    });
    it('confirmation re-checks the need is still listed', () =>
      spec
        .given([unitClaimed])
        .when(command('ConfirmTaskClaim', { deadline: DEADLINE, needs: [needSnap({ status: 'withdrawn' })] }))
        .thenThrows('TASK.NEED_NOT_LISTED'));
    it('confirmation needs the need snapshot', () =>
      spec.given([unitClaimed]).when(command('ConfirmTaskClaim', { deadline: DEADLINE, needs: [] })).thenThrows('TASK.NEED_NOT_FOUND'));
    it('confirmation needs a future deadline', () =>
      spec
        .given([unitClaimed])
        .when(command('ConfirmTaskClaim', { deadline: '2026-01-01T00:00:00.000Z', needs: [needSnap()] }))
        .thenThrows('TASK.DEADLINE_IN_PAST'));
    it('only a pending claim is confirmed', () =>
      spec.given([proposed]).when(command('ConfirmTaskClaim', { deadline: DEADLINE, needs: [needSnap()] })).thenThrows('TASK.WRONG_STATUS'));
    it('the community rejects a claim with a reason', () =>
      spec
        .given([unitClaimed])
        .when(command('RejectTaskClaim', { reason: '已由其他单位承接' }))
        .then([
          {
            type: 'TaskClaimRejected',
            data: { ...ids, needIds: ['n1'], claimant: { kind: 'unit', unitId: 'u1' }, reason: '已由其他单位承接' },
          },
        ]));
    it('rejecting a claim requires a reason', () =>
      spec.given([unitClaimed]).when(command('RejectTaskClaim', { reason: '' })).thenThrows('TASK.REASON_REQUIRED'));
    it('a rejected claim cannot be confirmed', () =>
      spec
        .given([unitClaimed, { type: 'TaskClaimRejected', data: { ...ids, needIds: ['n1'], claimant: { kind: 'unit', unitId: 'u1' }, reason: 'x' } }])
        .when(command('ConfirmTaskClaim', { deadline: DEADLINE, needs: [needSnap()] }))
        .thenThrows('TASK.WRONG_STATUS'));
  });
});
