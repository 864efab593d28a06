import { resourcesListProjection as resources } from './resources-list.projection';
import { eventLog, foldAll, listOf } from './testing/fold';

const pledged = (pledgeId: string, quantity: number, pledgedAt: string, over: Record<string, unknown> = {}) => ({
  pledgeId,
  pledger: { kind: 'unit', unitId: 'u1' },
  type: 'venue',
  description: '会议室',
  capacity: { quantity, measure: 'm2' },
  availability: { from: '2026-01-01T00:00:00.000Z', until: null },
  contact: { name: '李四', phone: '13900001111' },
  pledgedAt,
  ...over,
});
const allocation = (pledgeId: string, allocationId: string, quantity: number, allocated: number, remaining: number) => ({
  pledgeId,
  allocationId,
  taskId: `t-${allocationId}`,
  quantity,
  measure: 'm2',
  allocated,
  remaining,
});

describe('resources list (资源清单) projection', () => {
  it('tracks capacity pledged, allocated and remaining, with the status following the numbers', () => {
    const { events, add } = eventLog();
    add('pledge-p', 'ResourcePledged', pledged('p', 100, '2026-03-01T01:00:00.000Z'));
    add('pledge-p', 'PledgeListed', { pledgeId: 'p', meetingId: 'm1', listedAt: '2026-03-02T01:00:00.000Z' });
    add('pledge-p', 'PledgeCapacityAllocated', allocation('p', 'a1', 30, 30, 70));
    let [p] = foldAll(resources, events);
    expect(p.doc).toMatchObject({
      status: 'partly_allocated',
      capacity: { pledged: 100, allocated: 30, remaining: 70, measure: 'm2' },
      allocations: [{ allocationId: 'a1', taskId: 't-a1', quantity: 30 }],
      meetingId: 'm1',
      contact: { name: '李*', phone: '139****1111' },
    });
    add('pledge-p', 'PledgeCapacityAllocated', allocation('p', 'a2', 70, 100, 0));
    expect(foldAll(resources, events)[0].doc).toMatchObject({ status: 'exhausted', capacity: { allocated: 100, remaining: 0 } });
    add('pledge-p', 'PledgeAllocationReleased', { ...allocation('p', 'a1', 30, 70, 30), reason: '任务取消' });
    [p] = foldAll(resources, events);
    expect(p.status).toBe('partly_allocated');
    expect(p.doc.allocations.map((a) => a.allocationId)).toEqual(['a2']);
    add('pledge-p', 'PledgeAllocationReleased', { ...allocation('p', 'a2', 70, 0, 100), reason: '单位拒绝' });
    expect(foldAll(resources, events)[0].doc).toMatchObject({ status: 'listed', capacity: { allocated: 0, remaining: 100 }, allocations: [] });
  });

  it('keeps withdrawn and expired pledges in their status while releases come in', () => {
    const { events, add } = eventLog();
    add('pledge-p', 'ResourcePledged', pledged('p', 10, '2026-03-01T01:00:00.000Z'));
    add('pledge-p', 'PledgeListed', { pledgeId: 'p', meetingId: null, listedAt: '2026-03-02T01:00:00.000Z' });
    add('pledge-p', 'PledgeCapacityAllocated', allocation('p', 'a1', 4, 4, 6));
    add('pledge-p', 'PledgeWithdrawn', { pledgeId: 'p', reason: '单位搬迁' });
    add('pledge-p', 'PledgeAllocationReleased', { ...allocation('p', 'a1', 4, 0, 10), reason: '任务取消' });
    expect(foldAll(resources, events)[0].doc).toMatchObject({ status: 'withdrawn', reason: '单位搬迁', capacity: { remaining: 10 } });
    add('pledge-q', 'ResourcePledged', pledged('q', 10, '2026-03-05T01:00:00.000Z'));
    add('pledge-q', 'PledgeRejected', { pledgeId: 'q', reason: '不适合' });
    add('pledge-r', 'ResourcePledged', pledged('r', 10, '2026-03-06T01:00:00.000Z', { pledger: { kind: 'member', memberId: 'm1', unitId: null }, type: 'volunteers' }));
    add('pledge-r', 'PledgeListed', { pledgeId: 'r', meetingId: null, listedAt: '2026-03-07T01:00:00.000Z' });
    add('pledge-r', 'PledgeExpired', { pledgeId: 'r', until: '2026-03-08T00:00:00.000Z' });
    const page = listOf(resources, events, { order: 'desc' });
    expect(page.items.map((r) => [r.id, r.status])).toEqual([
      ['r', 'expired'],
      ['q', 'rejected'],
      ['p', 'withdrawn'],
    ]);
    expect(page.items[0].pledger).toEqual({ kind: 'member', memberId: 'm1', unitId: null });
    expect(page.counts).toEqual({ expired: 1, rejected: 1, withdrawn: 1 });
  });
});
