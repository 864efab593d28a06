import { randomUUID } from 'node:crypto';
import type { SqlEventStore } from '@cobuild/event-store';
import { eventLog } from '../../../../../libs/projections/src/lists/testing/fold';

type Log = ReturnType<typeof eventLog>;

/** appends the events a fold-spec log built, in order, through the store (hashes computed as in production) */
export async function appendLog(store: SqlEventStore, events: Log['events']): Promise<number> {
  let position = 0;
  for (const e of events)
    position = (await store.append(e.streamId, [{ id: randomUUID(), type: e.type, schemaVersion: 1, data: e.data, metadata: e.metadata }], { expectedRevision: 'any' })).position;
  return position;
}

export const needData = (needId: string, title: string) => ({
  needId, source: 'resident', requestingUnitId: null, title, description: 'd', category: '助老', urgency: 'high',
  beneficiaries: { description: '独居老人', count: 12 }, location: { gridId: 'g1', address: null }, wantedBy: null,
  requester: { name: '张三', phone: '13812345678' }, submittedAt: '2026-03-01T02:00:00.000Z',
});

export const pledgeData = (pledgeId: string) => ({
  pledgeId, pledger: { kind: 'unit', unitId: 'u-bank' }, type: 'venue', description: '会议室, 每周六', capacity: { quantity: 40, measure: 'hours' },
  availability: { from: '2026-01-01T00:00:00.000Z', until: null }, contact: { name: '李四', phone: null }, pledgedAt: '2026-03-02T02:00:00.000Z',
});

/**
 * A community's lists in two steps: at the end of the first, need n1 (submitted), pledge p1 and
 * task t1 (proposed); the second lists n1, assigns t1 and submits n2.
 */
export async function seedTwoMoments(store: SqlEventStore, communityId: string, between: () => Promise<void> = async () => {}): Promise<{ first: number; second: number }> {
  const one = eventLog(communityId);
  one.add('need-n1', 'NeedSubmitted', needData('n1', '楼道扶手'));
  one.add('pledge-p1', 'ResourcePledged', pledgeData('p1'));
  one.add('task-t1', 'TaskProposed', { taskId: 't1', title: '安装扶手', description: 'd', meetingId: null, needIds: ['n1'], allocations: [], proposedAt: '2026-03-05T02:00:00.000Z' });
  const first = await appendLog(store, one.events);
  await between();
  const two = eventLog(communityId);
  two.add('need-n1', 'NeedListed', { needId: 'n1', listedAt: '2026-03-10T00:00:00.000Z' });
  two.add('task-t1', 'TaskAssigned', { taskId: 't1', responsible: { kind: 'unit', unitId: 'u-bank' }, responsiblePerson: { name: '李四', phone: null }, deadline: '2026-06-30T00:00:00.000Z' });
  two.add('need-n2', 'NeedSubmitted', needData('n2', '健身器材, "旧的"'));
  const second = await appendLog(store, two.events);
  return { first, second };
}
