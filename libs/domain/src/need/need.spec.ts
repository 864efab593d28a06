import fc from 'fast-check';
import { fold } from '../shared/decider';
import { deepFreeze, itFoldsInAnyBatches, runCommands } from '../testing/decider-properties';
import { DeciderSpecification } from '../testing/decider-specification';
import { commandMeta } from '../testing/meta';
import {
  compareNeedsForList,
  decider,
  streamName,
  type NeedCommand,
  type NeedEvent,
  type NeedState,
  type NeedSubmitted,
  type SubmitNeed,
} from './index';

const NOW = new Date('2026-11-23T02:00:00.000Z');
const meta = commandMeta(NOW, 'sec-1', 'community_secretary');
const spec = DeciderSpecification.for(decider);

const submitData = {
  needId: 'n1',
  communityId: 'c1',
  source: 'resident',
  title: '3号楼加装扶手',
  description: '楼道无扶手，老人上下楼困难',
  category: '助老',
  urgency: 'high',
  beneficiaries: { description: '3号楼老人', count: 12 },
  location: { gridId: 'g3', address: '和平路3号' },
  wantedBy: '2026-12-31T16:00:00.000Z',
  requester: { name: '张三', phone: '13812345678' },
} satisfies SubmitNeed['data'];
const submit = (over: Partial<SubmitNeed['data']> = {}): NeedCommand => ({ type: 'SubmitNeed', data: { ...submitData, ...over }, meta });

const submitted: NeedSubmitted = {
  type: 'NeedSubmitted',
  data: { ...submitData, requestingUnitId: null, submittedAt: NOW.toISOString() },
};
const ids = { needId: 'n1', communityId: 'c1' };
const listed: NeedEvent = { type: 'NeedListed', data: { ...ids, listedAt: NOW.toISOString() } };
const matched = (taskId: string): NeedEvent => ({ type: 'NeedMatched', data: { ...ids, taskId } });
const verifiedTask = (taskId: string): NeedEvent => ({ type: 'NeedTaskVerified', data: { ...ids, taskId } });
const fulfilled: NeedEvent = { type: 'NeedFulfilled', data: { ...ids, fulfilledAt: NOW.toISOString() } };

const cmd = <T extends NeedCommand['type']>(type: T, data: object): NeedCommand =>
  ({ type, data: { needId: 'n1', ...data }, meta }) as NeedCommand;

describe('need', () => {
  it('names its stream by category and id', () => expect(streamName('n1')).toBe('need-n1'));

  describe('SubmitNeed', () => {
    it('records the need with the requester kept apart as personal data', () => spec.given([]).when(submit()).then([submitted]));
    it('fills optional fields with null', () =>
      spec
        .given([])
        .when(submit({ wantedBy: null, location: {}, beneficiaries: { description: '全体居民' }, requester: { name: '李四', phone: ' ' } }))
        .then([
          {
            type: 'NeedSubmitted',
            data: {
              ...submitted.data,
              wantedBy: null,
              location: { gridId: null, address: null },
              beneficiaries: { description: '全体居民', count: null },
              requester: { name: '李四', phone: null },
            },
          },
        ]));
    it('accepts every source, naming the unit for a unit need', () =>
      spec
        .given([])
        .when(submit({ source: 'unit', requestingUnitId: 'u1' }))
        .then([{ type: 'NeedSubmitted', data: { ...submitted.data, source: 'unit', requestingUnitId: 'u1' } }]));
    it('rejects a unit need without the unit', () =>
      spec.given([]).when(submit({ source: 'unit' })).thenThrows('NEED.INVALID_INPUT'));
    it('rejects a second submission with the same id', () => spec.given([submitted]).when(submit()).thenThrows('NEED.ALREADY_EXISTS'));
    it.each<[string, Partial<SubmitNeed['data']>]>([
      ['empty title', { title: ' ' }],
      ['empty description', { description: '' }],
      ['empty category', { category: '' }],
      ['unknown urgency', { urgency: 'whenever' as never }],
      ['unknown source', { source: 'rumour' as never }],
      ['zero beneficiaries', { beneficiaries: { description: 'x', count: 0 } }],
      ['fractional beneficiaries', { beneficiaries: { description: 'x', count: 1.5 } }],
      ['no requester name', { requester: { name: '', phone: null } }],
      ['a wantedBy that is not an instant', { wantedBy: '31/12/2026' }],
    ])('rejects %s', (_, over) => spec.given([]).when(submit(over)).thenThrows('NEED.INVALID_INPUT'));
    it('rejects an id with spaces', () => spec.given([]).when(submit({ needId: 'n 1' })).thenThrows('NEED.INVALID_ID'));
    it('rejects a wantedBy date already past', () =>
      spec.given([]).when(submit({ wantedBy: '2026-11-01T00:00:00.000Z' })).thenThrows('NEED.DEADLINE_IN_PAST'));
  });

  describe('personal data and the public title (公示)', () => {
    const wish = { ...submitted, data: { ...submitted.data, source: 'micro_wish', title: '微心愿：困难户张某某需要轮椅' } } as NeedSubmitted;
    const confirmed = (publicTitle: string): NeedEvent => ({ type: 'NeedPublicTitleConfirmed', data: { ...ids, publicTitle, confirmedAt: NOW.toISOString() } });
    it('refuses to list a need whose title holds personal data until a public title is confirmed', () => {
      spec.given([wish]).when(cmd('ListNeed', {})).thenThrows('NEED.PUBLIC_TITLE_REQUIRED');
      spec.given([wish, confirmed('微心愿：为困难户送轮椅')]).when(cmd('ListNeed', {})).then([listed]);
    });
    it('looks at the description and the beneficiaries too', () => {
      const phoned = { ...submitted, data: { ...submitted.data, description: '联系电话13912345678' } } as NeedSubmitted;
      spec.given([phoned]).when(cmd('ListNeed', {})).thenThrows('NEED.PUBLIC_TITLE_REQUIRED');
      const room = { ...submitted, data: { ...submitted.data, beneficiaries: { description: '2单元501室独居老人', count: 1 } } } as NeedSubmitted;
      spec.given([room]).when(cmd('ListNeed', {})).thenThrows('NEED.PUBLIC_TITLE_REQUIRED');
    });
    it('a need without personal data is listed as before', () => spec.given([submitted]).when(cmd('ListNeed', {})).then([listed]));
    it('the secretary confirms a public title, once per change', () => {
      spec.given([wish]).when(cmd('ConfirmNeedPublicTitle', { publicTitle: ' 微心愿：为困难户送轮椅 ' })).then([confirmed('微心愿：为困难户送轮椅')]);
      spec.given([wish, confirmed('微心愿：为困难户送轮椅')]).when(cmd('ConfirmNeedPublicTitle', { publicTitle: '微心愿：为困难户送轮椅' })).thenNothingHappens();
      spec.given([wish, listed]).when(cmd('ConfirmNeedPublicTitle', { publicTitle: '为困难户送轮椅' })).then([confirmed('为困难户送轮椅')]);
    });
    it('refuses a public title that itself holds personal data, or is blank', () => {
      spec.given([wish]).when(cmd('ConfirmNeedPublicTitle', { publicTitle: '为张某某送轮椅' })).thenThrows('NEED.PUBLIC_TITLE_HAS_PERSONAL_DATA');
      spec.given([wish]).when(cmd('ConfirmNeedPublicTitle', { publicTitle: ' ' })).thenThrows('NEED.INVALID_INPUT');
      spec.given([]).when(cmd('ConfirmNeedPublicTitle', { publicTitle: 'x' })).thenThrows('NEED.NOT_FOUND');
    });
  });

  describe('ListNeed / RejectNeed', () => {
    it('lists a submitted need', () => spec.given([submitted]).when(cmd('ListNeed', {})).then([listed]));
    it('refuses to list twice', () => spec.given([submitted, listed]).when(cmd('ListNeed', {})).thenThrows('NEED.WRONG_STATUS'));
    it('refuses an unknown need', () => spec.given([]).when(cmd('ListNeed', {})).thenThrows('NEED.NOT_FOUND'));
    it('rejects with a reason', () =>
      spec
        .given([submitted])
        .when(cmd('RejectNeed', { reason: '不属于社区职责范围' }))
        .then([{ type: 'NeedRejected', data: { ...ids, reason: '不属于社区职责范围' } }]));
    it('requires a reason to reject', () =>
      spec.given([submitted]).when(cmd('RejectNeed', { reason: '  ' })).thenThrows('NEED.REASON_REQUIRED'));
    it('cannot reject a listed need (withdraw or close it instead)', () =>
      spec.given([submitted, listed]).when(cmd('RejectNeed', { reason: 'x' })).thenThrows('NEED.WRONG_STATUS'));
  });

  describe('MergeNeed', () => {
    const into = { needId: 'n0', communityId: 'c1', status: 'listed' as const };
    it('merges a duplicate into an open need', () =>
      spec
        .given([submitted, listed])
        .when(cmd('MergeNeed', { into, note: '与n0重复' }))
        .then([{ type: 'NeedMerged', data: { ...ids, intoNeedId: 'n0', note: '与n0重复' } }]));
    it('fails when the target does not exist', () =>
      spec.given([submitted]).when(cmd('MergeNeed', { into: null })).thenThrows('NEED.MERGE_TARGET_NOT_FOUND'));
    it('refuses to merge into itself', () =>
      spec.given([submitted]).when(cmd('MergeNeed', { into: { ...into, needId: 'n1' } })).thenThrows('NEED.MERGE_INTO_SELF'));
    it('refuses a target of another community', () =>
      spec
        .given([submitted])
        .when(cmd('MergeNeed', { into: { ...into, communityId: 'c2' } }))
        .thenThrows('NEED.MERGE_TARGET_OTHER_COMMUNITY'));
    it.each(['fulfilled', 'merged', 'withdrawn', 'rejected', 'closed'])('refuses a %s target', (status) =>
      spec.given([submitted]).when(cmd('MergeNeed', { into: { ...into, status } })).thenThrows('NEED.MERGE_TARGET_CLOSED'));
    it('cannot merge a need already matched to a task', () =>
      spec.given([submitted, listed, matched('t1')]).when(cmd('MergeNeed', { into })).thenThrows('NEED.WRONG_STATUS'));
  });

  describe('ChangeNeedUrgency', () => {
    it('records from, to and why', () =>
      spec
        .given([submitted, listed])
        .when(cmd('ChangeNeedUrgency', { urgency: 'urgent', reason: '入冬' }))
        .then([{ type: 'NeedUrgencyChanged', data: { ...ids, from: 'high', to: 'urgent', reason: '入冬' } }]));
    it('does nothing when unchanged', () =>
      spec.given([submitted]).when(cmd('ChangeNeedUrgency', { urgency: 'high', reason: 'x' })).thenNothingHappens());
    it('requires a reason', () =>
      spec.given([submitted]).when(cmd('ChangeNeedUrgency', { urgency: 'low', reason: '' })).thenThrows('NEED.REASON_REQUIRED'));
    it('rejects an unknown urgency', () =>
      spec.given([submitted]).when(cmd('ChangeNeedUrgency', { urgency: 'asap', reason: 'x' })).thenThrows('NEED.INVALID_INPUT'));
    it('cannot reprioritise a fulfilled need', () =>
      spec
        .given([submitted, listed, matched('t1'), verifiedTask('t1'), fulfilled])
        .when(cmd('ChangeNeedUrgency', { urgency: 'low', reason: 'x' }))
        .thenThrows('NEED.WRONG_STATUS'));
  });

  describe('MatchNeed', () => {
    it('matches a listed need to a task', () =>
      spec.given([submitted, listed]).when(cmd('MatchNeed', { taskId: 't1' })).then([matched('t1')]));
    it('matches a need to a second task', () =>
      spec.given([submitted, listed, matched('t1')]).when(cmd('MatchNeed', { taskId: 't2' })).then([matched('t2')]));
    it('is idempotent per task (a retried formation)', () =>
      spec.given([submitted, listed, matched('t1')]).when(cmd('MatchNeed', { taskId: 't1' })).thenNothingHappens());
    it('refuses a need not yet listed', () =>
      spec.given([submitted]).when(cmd('MatchNeed', { taskId: 't1' })).thenThrows('NEED.WRONG_STATUS'));
    it('refuses a withdrawn need', () =>
      spec
        .given([submitted, listed, { type: 'NeedWithdrawn', data: { ...ids, reason: 'x' } }])
        .when(cmd('MatchNeed', { taskId: 't1' }))
        .thenThrows('NEED.WRONG_STATUS'));
  });

  describe('ReleaseNeedMatch (task declined or cancelled)', () => {
    const release = (taskId: string) => cmd('ReleaseNeedMatch', { taskId, reason: '单位婉拒' });
    const released = (taskId: string): NeedEvent => ({ type: 'NeedMatchReleased', data: { ...ids, taskId, reason: '单位婉拒' } });
    it('returns the need to the list when its only task goes', () =>
      spec
        .given([submitted, listed, matched('t1')])
        .when(release('t1'))
        .then([released('t1'), { type: 'NeedReturnedToList', data: ids }]));
    it('stays matched while another task serves it', () =>
      spec.given([submitted, listed, matched('t1'), matched('t2')]).when(release('t1')).then([released('t1')]));
    it('is fulfilled when every remaining task is verified', () =>
      spec
        .given([submitted, listed, matched('t1'), matched('t2'), verifiedTask('t2')])
        .when(release('t1'))
        .then([released('t1'), fulfilled]));
    it('does nothing for a task not (or no longer) matched', () =>
      spec.given([submitted, listed, matched('t1')]).when(release('t9')).thenNothingHappens());
    it('refuses to release a verified task', () =>
      spec
        .given([submitted, listed, matched('t1'), matched('t2'), verifiedTask('t1')])
        .when(release('t1'))
        .thenThrows('NEED.TASK_VERIFIED'));
    it('requires a reason', () =>
      spec.given([submitted, listed, matched('t1')]).when(cmd('ReleaseNeedMatch', { taskId: 't1', reason: '' })).thenThrows('NEED.REASON_REQUIRED'));
  });

  describe('RecordNeedTaskVerified / RecordNeedTaskReopened', () => {
    it('fulfils the need when its only task is verified', () =>
      spec
        .given([submitted, listed, matched('t1')])
        .when(cmd('RecordNeedTaskVerified', { taskId: 't1' }))
        .then([verifiedTask('t1'), fulfilled]));
    it('waits for every task', () =>
      spec
        .given([submitted, listed, matched('t1'), matched('t2')])
        .when(cmd('RecordNeedTaskVerified', { taskId: 't1' }))
        .then([verifiedTask('t1')]));
    it('is idempotent', () =>
      spec
        .given([submitted, listed, matched('t1'), matched('t2'), verifiedTask('t1')])
        .when(cmd('RecordNeedTaskVerified', { taskId: 't1' }))
        .thenNothingHappens());
    it('refuses a task that does not serve the need', () =>
      spec.given([submitted, listed]).when(cmd('RecordNeedTaskVerified', { taskId: 't1' })).thenThrows('NEED.TASK_NOT_MATCHED'));
    it('a reopened task makes a fulfilled need matched again', () => {
      const events = [submitted, listed, matched('t1'), verifiedTask('t1'), fulfilled];
      const reopened: NeedEvent = { type: 'NeedTaskReopened', data: { ...ids, taskId: 't1', reason: '扶手松动' } };
      spec.given(events).when(cmd('RecordNeedTaskReopened', { taskId: 't1', reason: '扶手松动' })).then([reopened]);
      const state = fold(decider, [...events, reopened]);
      expect(state).toMatchObject({ status: 'matched', tasks: { t1: 'open' } });
    });
    it('reopening an open task changes nothing', () =>
      spec
        .given([submitted, listed, matched('t1')])
        .when(cmd('RecordNeedTaskReopened', { taskId: 't1', reason: 'x' }))
        .thenNothingHappens());
    it('reopening needs a reason and a matched task', () => {
      spec.given([submitted, listed, matched('t1')]).when(cmd('RecordNeedTaskReopened', { taskId: 't1', reason: '' })).thenThrows('NEED.REASON_REQUIRED');
      spec.given([submitted, listed]).when(cmd('RecordNeedTaskReopened', { taskId: 't1', reason: 'x' })).thenThrows('NEED.TASK_NOT_MATCHED');
    });
  });

  describe('WithdrawNeed / CloseNeedUnfulfilled', () => {
    it('withdraws a submitted or listed need with a reason', () => {
      const withdrawn: NeedEvent = { type: 'NeedWithdrawn', data: { ...ids, reason: '已自行解决' } };
      spec.given([submitted]).when(cmd('WithdrawNeed', { reason: '已自行解决' })).then([withdrawn]);
      spec.given([submitted, listed]).when(cmd('WithdrawNeed', { reason: '已自行解决' })).then([withdrawn]);
    });
    it('refuses to withdraw while tasks serve it', () =>
      spec.given([submitted, listed, matched('t1')]).when(cmd('WithdrawNeed', { reason: 'x' })).thenThrows('NEED.HAS_ACTIVE_TASKS'));
    it('requires a reason to withdraw', () =>
      spec.given([submitted]).when(cmd('WithdrawNeed', { reason: '' })).thenThrows('NEED.REASON_REQUIRED'));
    it('closes a listed need unfulfilled with a reason', () =>
      spec
        .given([submitted, listed])
        .when(cmd('CloseNeedUnfulfilled', { reason: '无单位可承接' }))
        .then([{ type: 'NeedClosedUnfulfilled', data: { ...ids, reason: '无单位可承接' } }]));
    it('refuses to close a need with open tasks', () =>
      spec.given([submitted, listed, matched('t1')]).when(cmd('CloseNeedUnfulfilled', { reason: 'x' })).thenThrows('NEED.HAS_ACTIVE_TASKS'));
    it('refuses to close a need not on the list', () =>
      spec.given([submitted]).when(cmd('CloseNeedUnfulfilled', { reason: 'x' })).thenThrows('NEED.WRONG_STATUS'));
    it('requires a reason to close', () =>
      spec.given([submitted, listed]).when(cmd('CloseNeedUnfulfilled', { reason: ' ' })).thenThrows('NEED.REASON_REQUIRED'));
  });

  describe('list order', () => {
    it('orders by urgency, then age, then id', () => {
      const rows = [
        { needId: 'a', urgency: 'low' as const, submittedAt: '2026-01-01T00:00:00.000Z' },
        { needId: 'b', urgency: 'urgent' as const, submittedAt: '2026-03-01T00:00:00.000Z' },
        { needId: 'c', urgency: 'urgent' as const, submittedAt: '2026-02-01T00:00:00.000Z' },
        { needId: 'e', urgency: 'normal' as const, submittedAt: '2026-02-01T00:00:00.000Z' },
        { needId: 'd', urgency: 'normal' as const, submittedAt: '2026-02-01T00:00:00.000Z' },
        { needId: 'f', urgency: 'high' as const, submittedAt: '2026-05-01T00:00:00.000Z' },
      ];
      expect([...rows].sort(compareNeedsForList).map((r) => r.needId)).toEqual(['c', 'b', 'f', 'd', 'e', 'a']);
    });
  });

  describe('properties', () => {
    const taskId = fc.constantFrom('t1', 't2', 't3');
    const reason = fc.constantFrom('原因', '');
    const commandArb: fc.Arbitrary<NeedCommand> = fc.oneof(
      fc.constant(submit()),
      fc.constant(cmd('ListNeed', {})),
      reason.map((r) => cmd('RejectNeed', { reason: r })),
      fc.constantFrom('listed', 'closed').map((status) => cmd('MergeNeed', { into: { needId: 'n0', communityId: 'c1', status } })),
      fc.tuple(fc.constantFrom('urgent', 'high', 'normal', 'low'), reason).map(([u, r]) => cmd('ChangeNeedUrgency', { urgency: u, reason: r })),
      taskId.map((t) => cmd('MatchNeed', { taskId: t })),
      fc.tuple(taskId, reason).map(([t, r]) => cmd('ReleaseNeedMatch', { taskId: t, reason: r })),
      taskId.map((t) => cmd('RecordNeedTaskVerified', { taskId: t })),
      fc.tuple(taskId, reason).map(([t, r]) => cmd('RecordNeedTaskReopened', { taskId: t, reason: r })),
      reason.map((r) => cmd('WithdrawNeed', { reason: r })),
      reason.map((r) => cmd('CloseNeedUnfulfilled', { reason: r })),
    );
    // a bias towards the happy path so deep states are reached
    const sequenceArb = fc
      .array(commandArb, { maxLength: 40 })
      .map((rest) => [submit(), cmd('ListNeed', {}), ...rest]);

    const invariants = (state: NeedState) => {
      if (state.status === 'none') return;
      const progress = Object.values(state.tasks);
      switch (state.status) {
        case 'submitted':
        case 'listed':
        case 'rejected':
        case 'merged':
        case 'withdrawn':
        case 'closed':
          expect(progress).toEqual([]);
          break;
        case 'matched':
          expect(progress.length).toBeGreaterThan(0);
          expect(progress).toContain('open');
          break;
        case 'fulfilled':
          expect(progress.length).toBeGreaterThan(0);
          expect(progress.every((p) => p === 'verified')).toBe(true);
          break;
      }
      expect(state.status === 'merged').toBe(state.mergedInto !== null);
    };

    it('no command sequence breaks the need invariants', () =>
      fc.assert(fc.property(sequenceArb, (commands) => void runCommands(decider, commands, invariants)), { numRuns: 300 }));

    itFoldsInAnyBatches(decider, sequenceArb, { numRuns: 300 });

    it('the invariant check can fail (guards against a tautology)', () => {
      const bad = deepFreeze({ ...fold(decider, [submitted, listed]), status: 'matched' } as NeedState);
      expect(() => invariants(bad)).toThrow();
    });
  });
});
