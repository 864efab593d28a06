import { randomUUID } from 'node:crypto';
import { PgliteDriver, SqlEventStore } from '@cobuild/event-store';
import { instantOf } from '@cobuild/projections';
import type { SqlDriver } from '../../event-store/src/sql/sql-driver';
import { listsAsOf } from './lists-as-of';
import { communityDigest } from './notice-digest';

/**
 * The one builder of the as-of lists and a notice's lists, on the embedded store. The events are
 * written with occurredAt in March 2026 (their command's clock) while the store records them today:
 * everything time-dependent is computed at the moment asked, never at today's clock.
 */
describe('listsAsOf: a community’s lists as of a position, computed at its instant', () => {
  let driver: SqlDriver;
  let store: SqlEventStore;
  const positions: Record<string, number> = {};
  const DAY = 86_400_000;
  const march1 = Date.parse('2026-03-01T02:00:00.000Z'); // 10:00 in Shanghai

  beforeAll(async () => {
    driver = (await PgliteDriver.open()) as SqlDriver;
    store = await SqlEventStore.open(driver, { schema: 'lists_as_of_events' });
    const add = async (name: string, streamId: string, type: string, data: Record<string, unknown>, day: number) => {
      const occurredAt = new Date(march1 + day * DAY).toISOString();
      const metadata = { actor: { id: 'sec', role: 'community_secretary' }, communityId: 'c1', correlationId: 'c', causationId: null, idempotencyKey: null, occurredAt };
      const r = await store.append(streamId, [{ id: randomUUID(), type, schemaVersion: 1, data: { communityId: 'c1', ...data }, metadata }], { expectedRevision: 'any' });
      positions[name] = r.position;
    };
    const pledge = (pledgeId: string, day: number) => ({
      pledgeId, pledger: { kind: 'unit', unitId: 'u1' }, type: 'venue', description: pledgeId, capacity: { quantity: 10, measure: 'm2' },
      availability: { from: '2026-03-01T00:00:00.000Z', until: null }, contact: { name: '李四', phone: '13912341111' }, pledgedAt: new Date(march1 + day * DAY).toISOString(),
    });
    await add('hall', 'pledge-hall', 'ResourcePledged', pledge('hall', 0), 0);
    await add('proposed', 'task-t1', 'TaskProposed', { taskId: 't1', title: '修路灯', description: 'd', meetingId: null, needIds: [], allocations: [], proposedAt: new Date(march1).toISOString() }, 0);
    // due by 11 March, 24:00 Shanghai
    await add('assigned', 'task-t1', 'TaskAssigned', { taskId: 't1', responsible: { kind: 'unit', unitId: 'u1' }, responsiblePerson: { name: '李四', phone: null }, deadline: '2026-03-11T16:00:00.000Z' }, 1);
    await add('court', 'pledge-court', 'ResourcePledged', pledge('court', 2), 2);
    await add('late', 'pledge-bench', 'ResourcePledged', pledge('bench', 20), 20);
  });
  afterAll(() => driver.close());

  it('says a position stands for when its event occurred, not when it was recorded', async () => {
    expect((await instantOf(store, positions.assigned)).toISOString()).toBe(new Date(march1 + DAY).toISOString());
    expect((await instantOf(store, 0)).toISOString()).toBe(new Date(0).toISOString());
  });

  it('computes a task’s standing at the moment’s instant, whatever today is', async () => {
    const soon = await listsAsOf(store, 'c1', positions.assigned, await instantOf(store, positions.assigned));
    expect(soon.at).toBe(new Date(march1 + DAY).toISOString());
    expect(soon.timeZone).toBe('Asia/Shanghai');
    expect(soon.lists.tasks!.items.map((t) => [t.id, t.overdue, t.daysToDeadline, t.daysOverdue])).toEqual([['t1', false, 9, null]]);
    const later = await listsAsOf(store, 'c1', positions.late, await instantOf(store, positions.late));
    expect(later.lists.tasks!.items.map((t) => [t.id, t.overdue, t.daysToDeadline, t.daysOverdue])).toEqual([['t1', true, null, 10]]);
  });

  it('lists each list in its public order (resources newest first), with counts, and only the rows that existed then', async () => {
    const doc = await listsAsOf(store, 'c1', positions.court, new Date(march1 + 2 * DAY));
    expect(doc.lists.resources!.items.map((r) => r.id)).toEqual(['court', 'hall']);
    expect(doc.lists.resources!.items[0].contact).toEqual({ name: '李*', phone: '139****1111' });
    expect({ total: doc.lists.resources!.total, counts: doc.lists.resources!.counts }).toEqual({ total: 2, counts: { pledged: 2 } });
    expect(Object.keys(doc.lists)).toEqual(['needs', 'resources', 'tasks']);
    expect(Object.keys((await listsAsOf(store, 'c1', positions.court, new Date(), ['tasks'])).lists)).toEqual(['tasks']);
  });

  it('carries the digest of the events it is folded from: a notice at that position has the same', async () => {
    const doc = await listsAsOf(store, 'c1', positions.court, new Date(march1 + 2 * DAY));
    expect({ digest: doc.digest, eventCount: doc.eventCount }).toEqual(await communityDigest(store, 'c1', positions.court));
    expect(doc.digest).not.toBe((await listsAsOf(store, 'c1', positions.late, new Date())).digest);
  });
});
