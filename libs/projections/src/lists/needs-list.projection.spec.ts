import { needsListProjection as needs } from './needs-list.projection';
import { eventLog, foldAll, listOf } from './testing/fold';

const submitted = (needId: string, urgency: string, submittedAt: string, over: Record<string, unknown> = {}) => ({
  needId,
  source: 'resident',
  requestingUnitId: null,
  title: `需求${needId}`,
  description: '楼道无扶手',
  category: '助老',
  urgency,
  beneficiaries: { description: '3号楼老人', count: 12 },
  location: { gridId: 'g3', address: '和平路3号' },
  wantedBy: null,
  requester: { name: '张三', phone: '13812345678' },
  submittedAt,
  ...over,
});

describe('needs list (需求清单) projection', () => {
  it('orders by urgency, then age, then id; counts per status; masks the requester', () => {
    const { events, add } = eventLog();
    add('need-a', 'NeedSubmitted', submitted('a', 'normal', '2026-03-01T01:00:00.000Z'));
    add('need-b', 'NeedSubmitted', submitted('b', 'urgent', '2026-03-02T01:00:00.000Z'));
    add('need-c', 'NeedSubmitted', submitted('c', 'normal', '2026-02-01T01:00:00.000Z'));
    add('need-d', 'NeedSubmitted', submitted('d', 'low', '2026-01-01T01:00:00.000Z'));
    add('need-e', 'NeedSubmitted', submitted('e', 'high', '2026-03-03T01:00:00.000Z', { location: { gridId: null, address: null } }));
    add('need-f', 'NeedSubmitted', submitted('f', 'high', '2026-03-03T01:00:00.000Z'));
    add('need-a', 'NeedListed', { needId: 'a', listedAt: '2026-03-04T01:00:00.000Z' });
    const page = listOf(needs, events, { communityId: 'c1' });
    expect(page.items.map((n) => n.id)).toEqual(['b', 'e', 'f', 'c', 'a', 'd']);
    expect(page.counts).toEqual({ submitted: 5, listed: 1 });
    expect(page.items[0].requester).toEqual({ name: '张*', phone: '138****5678' });
    expect(page.items.find((n) => n.id === 'e')!.grid).toBeNull();
    expect(page.items.find((n) => n.id === 'a')).toMatchObject({ status: 'listed', listedAt: '2026-03-04T01:00:00.000Z', grid: 'g3', category: '助老' });
  });

  it('moves a need whose urgency changes, and follows it through matching, verification and fulfilment', () => {
    const { events, add } = eventLog();
    add('need-a', 'NeedSubmitted', submitted('a', 'normal', '2026-03-01T01:00:00.000Z'));
    add('need-b', 'NeedSubmitted', submitted('b', 'normal', '2026-03-02T01:00:00.000Z'));
    add('need-b', 'NeedUrgencyChanged', { needId: 'b', from: 'normal', to: 'urgent', reason: '漏水' });
    expect(listOf(needs, events).items.map((n) => n.id)).toEqual(['b', 'a']);
    add('need-a', 'NeedListed', { needId: 'a', listedAt: '2026-03-04T01:00:00.000Z' });
    add('need-a', 'NeedMatched', { needId: 'a', taskId: 't1' });
    add('need-a', 'NeedMatched', { needId: 'a', taskId: 't2' });
    add('need-a', 'NeedMatchReleased', { needId: 'a', taskId: 't2', reason: '任务取消' });
    add('need-a', 'NeedTaskVerified', { needId: 'a', taskId: 't1' });
    add('need-a', 'NeedFulfilled', { needId: 'a', fulfilledAt: '2026-04-01T00:00:00.000Z' });
    let a = foldAll(needs, events).find((d) => d.key === 'a')!;
    expect(a.doc).toMatchObject({ status: 'fulfilled', taskIds: ['t1'], verifiedTaskIds: ['t1'] });
    expect(a.status).toBe('fulfilled');
    add('need-a', 'NeedTaskReopened', { needId: 'a', taskId: 't1', reason: '复查' });
    a = foldAll(needs, events).find((d) => d.key === 'a')!;
    expect(a.doc).toMatchObject({ status: 'matched', taskIds: ['t1'], verifiedTaskIds: [] });
    expect(a.doc.position).toBe(events.length);
  });

  it('keeps rejected, merged, withdrawn and closed needs with their reason (filterable by status)', () => {
    const { events, add } = eventLog();
    for (const id of ['r', 'm', 'w', 'x', 'ret']) add(`need-${id}`, 'NeedSubmitted', submitted(id, 'normal', '2026-03-01T01:00:00.000Z'));
    add('need-r', 'NeedRejected', { needId: 'r', reason: '不属于社区职责' });
    add('need-m', 'NeedMerged', { needId: 'm', intoNeedId: 'r', note: null });
    add('need-w', 'NeedWithdrawn', { needId: 'w', reason: '已解决' });
    add('need-x', 'NeedListed', { needId: 'x', listedAt: '2026-03-02T01:00:00.000Z' });
    add('need-x', 'NeedClosedUnfulfilled', { needId: 'x', reason: '无资源' });
    add('need-ret', 'NeedListed', { needId: 'ret', listedAt: '2026-03-02T01:00:00.000Z' });
    add('need-ret', 'NeedMatched', { needId: 'ret', taskId: 't9' });
    add('need-ret', 'NeedMatchReleased', { needId: 'ret', taskId: 't9', reason: '单位拒绝' });
    add('need-ret', 'NeedReturnedToList', { needId: 'ret' });
    const page = listOf(needs, events, { status: ['rejected', 'merged', 'withdrawn', 'closed'] });
    expect(page.items.map((n) => [n.id, n.status, n.reason ?? n.mergedInto])).toEqual([
      ['m', 'merged', 'r'],
      ['r', 'rejected', '不属于社区职责'],
      ['w', 'withdrawn', '已解决'],
      ['x', 'closed', '无资源'],
    ]);
    expect(page.counts).toEqual({ rejected: 1, merged: 1, withdrawn: 1, closed: 1, listed: 1 });
    expect(foldAll(needs, events).find((d) => d.key === 'ret')!.doc).toMatchObject({ status: 'listed', taskIds: [] });
  });

  it('ignores events of a need it never saw submitted, and other communities stay apart', () => {
    const { events, add } = eventLog();
    add('need-z', 'NeedListed', { needId: 'z', listedAt: '2026-03-02T01:00:00.000Z' });
    add('need-a', 'NeedSubmitted', submitted('a', 'normal', '2026-03-01T01:00:00.000Z', { communityId: 'c2' }));
    expect(foldAll(needs, events).map((d) => d.key)).toEqual(['a']);
    expect(listOf(needs, events, { communityId: 'c1' }).total).toBe(0);
    expect(listOf(needs, events, { communityId: 'c2' }).total).toBe(1);
  });
});
