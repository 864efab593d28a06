import fc from 'fast-check';
import { fold } from '../shared/decider';
import type { Actor, CommandMeta } from '../shared/message';
import { itFoldsInAnyBatches, runCommands } from '../testing/decider-properties';
import { DeciderSpecification } from '../testing/decider-specification';
import {
  allocatedOf,
  decider,
  streamName,
  type PledgeCommand,
  type PledgeEvent,
  type PledgeResource,
  type PledgeState,
  type ResourcePledged,
} from './index';

const NOW = new Date('2026-11-23T02:00:00.000Z');
const secretary: Actor = { id: 'sec-1', role: 'community_secretary' };
const unitContact: Actor = { id: 'uc-1', role: 'unit_contact', unitId: 'u1' };
const meta: CommandMeta = { now: NOW, actor: secretary };
const spec = DeciderSpecification.for(decider);

const pledgeData = {
  pledgeId: 'p1',
  communityId: 'c1',
  pledger: { kind: 'unit', unitId: 'u1' },
  type: 'volunteers',
  description: '每月10小时志愿服务',
  capacity: { quantity: 10, measure: 'volunteer-hours/month' },
  availability: { from: '2026-12-01T00:00:00.000Z', until: '2027-06-30T16:00:00.000Z' },
  contact: { name: '王五', phone: '13900001111' },
} satisfies PledgeResource['data'];
const pledge = (over: Partial<PledgeResource['data']> = {}, actor: Actor = secretary): PledgeCommand => ({
  type: 'PledgeResource',
  data: { ...pledgeData, ...over },
  meta: { now: NOW, actor },
});
const pledged: ResourcePledged = {
  type: 'ResourcePledged',
  data: { ...pledgeData, pledgedAt: NOW.toISOString() },
};
const ids = { pledgeId: 'p1', communityId: 'c1' };
const listed: PledgeEvent = { type: 'PledgeListed', data: { ...ids, meetingId: null, listedAt: NOW.toISOString() } };
const cmd = (type: PledgeCommand['type'], data: object, over: Partial<CommandMeta> = {}): PledgeCommand =>
  ({ type, data: { pledgeId: 'p1', ...data }, meta: { ...meta, ...over } }) as PledgeCommand;
const allocate = (allocationId: string, quantity: number, taskId = 't1', over: Partial<CommandMeta> = {}) =>
  cmd('AllocatePledgeCapacity', { allocationId, taskId, quantity }, over);
const allocated = (allocationId: string, quantity: number, total: number, taskId = 't1'): PledgeEvent => ({
  type: 'PledgeCapacityAllocated',
  data: { ...ids, allocationId, taskId, quantity, measure: 'volunteer-hours/month', allocated: total, remaining: 10 - total },
});

describe('pledge', () => {
  it('names its stream by category and id', () => expect(streamName('p1')).toBe('pledge-p1'));

  describe('PledgeResource', () => {
    it('records a unit pledge', () => spec.given([]).when(pledge()).then([pledged]));
    it('lets a unit contact pledge for their own unit', () => spec.given([]).when(pledge({}, unitContact)).then([pledged]));
    it('records a member skill pledge, open-ended', () =>
      spec
        .given([])
        .when(
          pledge(
            { pledger: { kind: 'member', memberId: 'm1' }, type: 'professional_service', availability: { from: '2026-12-01T00:00:00.000Z' } },
            { id: 'm1', role: 'member', unitId: 'u9' },
          ),
        )
        .then([
          {
            type: 'ResourcePledged',
            data: {
              ...pledged.data,
              pledger: { kind: 'member', memberId: 'm1', unitId: null },
              type: 'professional_service',
              availability: { from: '2026-12-01T00:00:00.000Z', until: null },
            },
          },
        ]));
    it('forbids a unit contact to pledge for another unit', () =>
      spec.given([]).when(pledge({ pledger: { kind: 'unit', unitId: 'u2' } }, unitContact)).thenThrows('PLEDGE.NOT_PLEDGER'));
    it("forbids a member to pledge another member's skill", () =>
      spec
        .given([])
        .when(pledge({ pledger: { kind: 'member', memberId: 'm2' } }, { id: 'm1', role: 'member' }))
        .thenThrows('PLEDGE.NOT_PLEDGER'));
    it('rejects an id with spaces', () => spec.given([]).when(pledge({ pledgeId: 'p 1' })).thenThrows('PLEDGE.INVALID_ID'));
    it('rejects a second pledge with the same id', () => spec.given([pledged]).when(pledge()).thenThrows('PLEDGE.ALREADY_EXISTS'));
    it.each<[string, Partial<PledgeResource['data']>]>([
      ['an unknown type', { type: 'goodwill' as never }],
      ['a zero quantity', { capacity: { quantity: 0, measure: 'm2' } }],
      ['a negative quantity', { capacity: { quantity: -5, measure: 'm2' } }],
      ['three decimals', { capacity: { quantity: 1.005, measure: 'CNY' } }],
      ['an infinite quantity', { capacity: { quantity: Infinity, measure: 'CNY' } }],
      ['no measure', { capacity: { quantity: 5, measure: ' ' } }],
      ['no description', { description: '' }],
      ['no contact name', { contact: { name: '' } }],
      ['an unknown pledger kind', { pledger: { kind: 'firm' } as never }],
      ['a window ending before it starts', { availability: { from: '2027-01-01T00:00:00.000Z', until: '2026-12-01T00:00:00.000Z' } }],
      ['a malformed date', { availability: { from: 'next week' } }],
    ])('rejects %s', (_, over) => spec.given([]).when(pledge(over)).thenThrows('PLEDGE.INVALID_INPUT'));
    it('rejects a window already ended', () =>
      spec
        .given([])
        .when(pledge({ availability: { from: '2026-01-01T00:00:00.000Z', until: '2026-11-01T00:00:00.000Z' } }))
        .thenThrows('PLEDGE.DEADLINE_IN_PAST'));
  });

  describe('ConfirmPledge / RejectPledge', () => {
    it('lists a pledge, noting the meeting', () =>
      spec
        .given([pledged])
        .when(cmd('ConfirmPledge', { meetingId: 'mt1' }))
        .then([{ type: 'PledgeListed', data: { ...ids, meetingId: 'mt1', listedAt: NOW.toISOString() } }]));
    it('lists only once', () => spec.given([pledged, listed]).when(cmd('ConfirmPledge', {})).thenThrows('PLEDGE.WRONG_STATUS'));
    it('fails for an unknown pledge', () => spec.given([]).when(cmd('ConfirmPledge', {})).thenThrows('PLEDGE.NOT_FOUND'));
    it('rejects with a reason', () =>
      spec
        .given([pledged])
        .when(cmd('RejectPledge', { reason: '与社区需求不符' }))
        .then([{ type: 'PledgeRejected', data: { ...ids, reason: '与社区需求不符' } }]));
    it('requires a reason to reject', () => spec.given([pledged]).when(cmd('RejectPledge', { reason: '' })).thenThrows('PLEDGE.REASON_REQUIRED'));
  });

  describe('AllocatePledgeCapacity', () => {
    it('allocates part of a listed pledge', () => spec.given([pledged, listed]).when(allocate('a1', 4)).then([allocated('a1', 4, 4)]));
    it('allocates up to exactly the capacity', () =>
      spec.given([pledged, listed, allocated('a1', 4, 4)]).when(allocate('a2', 6, 't2')).then([allocated('a2', 6, 10, 't2')]));
    it('refuses to exceed the capacity: PLEDGE.CAPACITY_EXCEEDED', () =>
      spec.given([pledged, listed, allocated('a1', 4, 4)]).when(allocate('a2', 6.01, 't2')).thenThrows('PLEDGE.CAPACITY_EXCEEDED'));
    it('refuses anything from an exhausted pledge', () =>
      spec.given([pledged, listed, allocated('a1', 10, 10)]).when(allocate('a2', 0.01)).thenThrows('PLEDGE.CAPACITY_EXCEEDED'));
    it('adds decimals exactly (0.1 + 0.2 is 0.3)', () => {
      const small: PledgeEvent = { ...pledged, data: { ...pledged.data, capacity: { quantity: 0.3, measure: 'CNY' } } };
      const s = fold(decider, [small, listed, { ...allocated('a1', 0.1, 0.1), data: { ...allocated('a1', 0.1, 0.1).data, measure: 'CNY' } } as PledgeEvent]);
      expect(decider.decide(allocate('a2', 0.2), s)).toHaveLength(1);
      expect(() => decider.decide(allocate('a2', 0.21), s)).toThrow('remain');
    });
    it('only from a confirmed pledge: PLEDGE.UNCONFIRMED', () => spec.given([pledged]).when(allocate('a1', 1)).thenThrows('PLEDGE.UNCONFIRMED'));
    it.each<[string, PledgeEvent]>([
      ['withdrawn', { type: 'PledgeWithdrawn', data: { ...ids, reason: 'x' } }],
      ['expired', { type: 'PledgeExpired', data: { ...ids, until: '2027-06-30T16:00:00.000Z' } }],
    ])('not from a %s pledge', (_, ended) => spec.given([pledged, listed, ended]).when(allocate('a1', 1)).thenThrows('PLEDGE.WRONG_STATUS'));
    it('not after the availability window', () =>
      spec
        .given([pledged, listed])
        .when(allocate('a1', 1, 't1', { now: new Date('2027-07-01T00:00:00.000Z') }))
        .thenThrows('PLEDGE.AVAILABILITY_ENDED'));
    it('a retried allocation (same id, task and quantity) changes nothing', () =>
      spec.given([pledged, listed, allocated('a1', 4, 4)]).when(allocate('a1', 4)).thenNothingHappens());
    it('reusing an allocation id for something else is refused', () => {
      spec.given([pledged, listed, allocated('a1', 4, 4)]).when(allocate('a1', 5)).thenThrows('PLEDGE.ALLOCATION_ID_CONFLICT');
      spec.given([pledged, listed, allocated('a1', 4, 4)]).when(allocate('a1', 4, 't2')).thenThrows('PLEDGE.ALLOCATION_ID_CONFLICT');
    });
    it('a released allocation id is never reused', () =>
      spec
        .given([pledged, listed, allocated('a1', 4, 4), release('a1', 4, 0)])
        .when(allocate('a1', 4))
        .thenThrows('PLEDGE.ALLOCATION_ID_CONFLICT'));
    it('rejects a bad quantity', () => spec.given([pledged, listed]).when(allocate('a1', 0)).thenThrows('PLEDGE.INVALID_INPUT'));
    it('walks listed → partly allocated → exhausted', () => {
      expect(fold(decider, [pledged, listed]).status).toBe('listed');
      expect(fold(decider, [pledged, listed, allocated('a1', 4, 4)]).status).toBe('partly_allocated');
      expect(fold(decider, [pledged, listed, allocated('a1', 4, 4), allocated('a2', 6, 10)]).status).toBe('exhausted');
    });
  });

  function release(allocationId: string, quantity: number, total: number, reason = '任务取消'): PledgeEvent {
    return {
      type: 'PledgeAllocationReleased',
      data: { ...ids, allocationId, taskId: 't1', quantity, measure: 'volunteer-hours/month', allocated: total, remaining: 10 - total, reason },
    };
  }

  describe('ReleasePledgeAllocation', () => {
    const given = [pledged, listed, allocated('a1', 4, 4), allocated('a2', 6, 10)];
    it('gives the capacity back', () =>
      spec.given(given).when(cmd('ReleasePledgeAllocation', { allocationId: 'a2', reason: '任务取消' })).then([release('a2', 6, 4)]));
    it('an exhausted pledge becomes partly allocated again', () =>
      expect(fold(decider, [...given, release('a2', 6, 4)]).status).toBe('partly_allocated'));
    it('releasing twice changes nothing', () =>
      spec.given([...given, release('a2', 6, 4)]).when(cmd('ReleasePledgeAllocation', { allocationId: 'a2', reason: 'x' })).thenNothingHappens());
    it('an unknown allocation is reported', () =>
      spec.given(given).when(cmd('ReleasePledgeAllocation', { allocationId: 'zz', reason: 'x' })).thenThrows('PLEDGE.ALLOCATION_NOT_FOUND'));
    it('requires a reason', () =>
      spec.given(given).when(cmd('ReleasePledgeAllocation', { allocationId: 'a1', reason: '' })).thenThrows('PLEDGE.REASON_REQUIRED'));
    it('still works after the pledge expired (bookkeeping for a cancelled task)', () =>
      spec
        .given([...given, { type: 'PledgeExpired', data: { ...ids, until: '2027-06-30T16:00:00.000Z' } }])
        .when(cmd('ReleasePledgeAllocation', { allocationId: 'a2', reason: '任务取消' }))
        .then([release('a2', 6, 4)]));
  });

  describe('WithdrawPledge', () => {
    const withdrawn: PledgeEvent = { type: 'PledgeWithdrawn', data: { ...ids, reason: '场地改造' } };
    it('withdraws an unallocated pledge', () =>
      spec.given([pledged, listed]).when(cmd('WithdrawPledge', { reason: '场地改造' }, { actor: unitContact })).then([withdrawn]));
    it('refuses while capacity is allocated', () =>
      spec.given([pledged, listed, allocated('a1', 4, 4)]).when(cmd('WithdrawPledge', { reason: 'x' })).thenThrows('PLEDGE.HAS_ACTIVE_ALLOCATIONS'));
    it('allows it once the allocations are released', () =>
      spec
        .given([pledged, listed, allocated('a1', 4, 4), release('a1', 4, 0)])
        .when(cmd('WithdrawPledge', { reason: '场地改造' }))
        .then([withdrawn]));
    it("forbids another unit's contact", () =>
      spec
        .given([pledged, listed])
        .when(cmd('WithdrawPledge', { reason: 'x' }, { actor: { id: 'uc-2', role: 'unit_contact', unitId: 'u2' } }))
        .thenThrows('PLEDGE.NOT_PLEDGER'));
    it('requires a reason', () => spec.given([pledged]).when(cmd('WithdrawPledge', { reason: '' })).thenThrows('PLEDGE.REASON_REQUIRED'));
    it('cannot withdraw twice', () => spec.given([pledged, withdrawn]).when(cmd('WithdrawPledge', { reason: 'x' })).thenThrows('PLEDGE.WRONG_STATUS'));
  });

  describe('ExpirePledge', () => {
    const system: Actor = { id: 'scheduler', role: 'system' };
    const after = new Date('2027-07-01T00:00:00.000Z');
    const expired: PledgeEvent = { type: 'PledgeExpired', data: { ...ids, until: '2027-06-30T16:00:00.000Z' } };
    it('expires after the window', () => spec.given([pledged, listed]).when(cmd('ExpirePledge', {}, { now: after, actor: system })).then([expired]));
    it('keeps its allocations when it expires', () => {
      const s = fold(decider, [pledged, listed, allocated('a1', 4, 4), expired]);
      expect(s.status).toBe('expired');
      expect(s.status !== 'none' && allocatedOf(s)).toBe(4);
    });
    it('not before the window ends', () =>
      spec.given([pledged, listed]).when(cmd('ExpirePledge', {}, { actor: system })).thenThrows('PLEDGE.AVAILABILITY_NOT_ENDED'));
    it('an open-ended pledge never expires', () =>
      spec
        .given([{ ...pledged, data: { ...pledged.data, availability: { from: pledged.data.availability.from, until: null } } }])
        .when(cmd('ExpirePledge', {}, { now: after, actor: system }))
        .thenThrows('PLEDGE.AVAILABILITY_NOT_ENDED'));
    it('only the system expires pledges', () =>
      spec.given([pledged, listed]).when(cmd('ExpirePledge', {}, { now: after })).thenThrows('PLEDGE.SYSTEM_ONLY'));
    it('a repeated or late job does nothing', () => {
      spec.given([pledged, listed, expired]).when(cmd('ExpirePledge', {}, { now: after, actor: system })).thenNothingHappens();
      spec
        .given([pledged, { type: 'PledgeWithdrawn', data: { ...ids, reason: 'x' } }])
        .when(cmd('ExpirePledge', {}, { now: after, actor: system }))
        .thenNothingHappens();
    });
  });

  describe('properties', () => {
    const times = [NOW, new Date('2027-03-01T00:00:00.000Z'), new Date('2027-07-01T00:00:00.000Z')];
    const now = fc.constantFrom(...times);
    const allocationId = fc.constantFrom('a1', 'a2', 'a3', 'a4', 'a5');
    const quantity = fc.oneof(fc.constantFrom(0, 0.1, 0.2, 2.5, 3, 4, 10, 11), fc.integer({ min: 1, max: 1000 }).map((n) => n / 100));
    const reason = fc.constantFrom('原因', '');
    const commandArb: fc.Arbitrary<PledgeCommand> = fc.oneof(
      fc.constant(pledge()),
      fc.constant(cmd('ConfirmPledge', {})),
      reason.map((r) => cmd('RejectPledge', { reason: r })),
      fc.tuple(allocationId, quantity, fc.constantFrom('t1', 't2'), now).map(([a, q, t, n]) => allocate(a, q, t, { now: n })),
      fc.tuple(allocationId, quantity, fc.constantFrom('t1', 't2'), now).map(([a, q, t, n]) => allocate(a, q, t, { now: n })),
      fc.tuple(allocationId, reason).map(([a, r]) => cmd('ReleasePledgeAllocation', { allocationId: a, reason: r })),
      reason.map((r) => cmd('WithdrawPledge', { reason: r })),
      now.map((n) => cmd('ExpirePledge', {}, { now: n, actor: { id: 'job', role: 'system' } })),
    );
    const sequenceArb = fc.array(commandArb, { maxLength: 40 }).map((rest) => [pledge(), cmd('ConfirmPledge', {}), ...rest]);

    const invariants = (state: PledgeState) => {
      if (state.status === 'none') return;
      const allocated = Object.values(state.allocations)
        .filter((a) => !a.released)
        .reduce((sum, a) => sum + Math.round(a.quantity * 100), 0);
      expect(allocated).toBeLessThanOrEqual(Math.round(state.capacity.quantity * 100));
      if (state.status === 'listed') expect(allocated).toBe(0);
      if (state.status === 'partly_allocated') expect(allocated).toBeGreaterThan(0);
      if (state.status === 'exhausted') expect(allocated).toBe(Math.round(state.capacity.quantity * 100));
      if (state.status === 'pledged' || state.status === 'rejected' || state.status === 'withdrawn') expect(allocated).toBe(0);
    };

    it('allocated capacity never exceeds pledged capacity, whatever the commands', () =>
      fc.assert(fc.property(sequenceArb, (commands) => void runCommands(decider, commands, invariants)), { numRuns: 500 }));

    itFoldsInAnyBatches(decider, sequenceArb, { numRuns: 300 });

    it('the capacity rule is what keeps the invariant (the check fails on an over-allocated state)', () => {
      const over = fold(decider, [pledged, listed, allocated('a1', 10, 10), allocated('a2', 1, 11)]);
      expect(() => invariants(over)).toThrow();
    });

    it('replayed events give the remaining capacity each event reports', () =>
      fc.assert(
        fc.property(sequenceArb, (commands) => {
          const { events } = runCommands(decider, commands);
          let state = decider.initialState();
          for (const e of events) {
            state = decider.evolve(state, e);
            if ((e.type === 'PledgeCapacityAllocated' || e.type === 'PledgeAllocationReleased') && state.status !== 'none') {
              expect(allocatedOf(state)).toBe(e.data.allocated);
            }
          }
        }),
        { numRuns: 200 },
      ));
  });
});
