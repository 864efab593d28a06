import { randomUUID } from 'node:crypto';
import { PgliteDriver, SqlEventStore } from '@cobuild/event-store';
import type { SqlDriver } from '../../../event-store/src/sql/sql-driver';
import { asOf } from '../runtime/as-of';
import { queryDocuments, type DocumentProjection, type ListQuery } from '../runtime/document-projection';
import { ProjectionEngine } from '../runtime/projection-engine';
import { ReadStore } from '../runtime/read-store';
import { LIST_PROJECTIONS } from './index';
import { eventLog } from './testing/fold';

/** The SQL read models and the as-of fold give the same pages (order, counts, paging) for the three lists. */
describe('the three lists live (SQL) and as of a position (in memory)', () => {
  let driver: SqlDriver;
  let store: SqlEventStore;
  let read: ReadStore;
  beforeAll(async () => {
    driver = (await PgliteDriver.open()) as SqlDriver;
    store = await SqlEventStore.open(driver, { schema: 'lists_parity_events' });
    read = new ReadStore(driver, 'lists_parity_read');
  });
  afterAll(() => driver.close());

  it('agree on every query, in both directions, before and after more events', async () => {
    const log = eventLog('c1');
    const other = eventLog('c2');
    const urgencies = ['low', 'urgent', 'normal', 'high'];
    for (let i = 0; i < 12; i++) {
      const needId = `n${i}`;
      log.add(`need-${needId}`, 'NeedSubmitted', {
        needId, source: 'resident', requestingUnitId: null, title: `需求${i}`, description: 'd', category: i % 2 ? '助老' : '环境',
        urgency: urgencies[i % 4], beneficiaries: { description: 'b', count: null }, location: { gridId: `g${i % 3}`, address: null },
        wantedBy: null, requester: { name: '张三', phone: '13812345678' }, submittedAt: new Date(Date.UTC(2026, 2, 1 + (i % 5))).toISOString(),
      });
      if (i % 3 === 0) log.add(`need-${needId}`, 'NeedListed', { needId, listedAt: '2026-03-10T00:00:00.000Z' });
      const pledgeId = `p${i}`;
      log.add(`pledge-${pledgeId}`, 'ResourcePledged', {
        pledgeId, pledger: { kind: 'unit', unitId: 'u1' }, type: 'venue', description: 'd', capacity: { quantity: 10 * (i + 1), measure: 'm2' },
        availability: { from: '2026-01-01T00:00:00.000Z', until: null }, contact: { name: '李四', phone: null }, pledgedAt: new Date(Date.UTC(2026, 2, 1 + (i % 4))).toISOString(),
      });
      const taskId = `t${i}`;
      log.add(`task-${taskId}`, 'TaskProposed', { taskId, title: `任务${i}`, description: 'd', meetingId: null, needIds: [needId], allocations: [], proposedAt: new Date(Date.UTC(2026, 2, 1 + i)).toISOString() });
      if (i % 2 === 0)
        log.add(`task-${taskId}`, 'TaskAssigned', { taskId, responsible: { kind: 'unit', unitId: 'u1' }, responsiblePerson: { name: '李四', phone: null }, deadline: new Date(Date.UTC(2026, 5, 1 + (i % 3))).toISOString() });
      other.add(`need-o${i}`, 'NeedSubmitted', { ...log.events[0].data, communityId: 'c2', needId: `o${i}` });
    }
    const append = async (events: typeof log.events) => {
      for (const e of events) await store.append(e.streamId.replace(/-(.*)$/, (_m, id) => `-${id}-${e.metadata.communityId}`), [{ id: randomUUID(), type: e.type, schemaVersion: 1, data: e.data, metadata: e.metadata }], { expectedRevision: 'any' });
    };
    await append(log.events.slice(0, 30));
    await append(other.events);
    const engine = new ProjectionEngine(store, read, LIST_PROJECTIONS);
    const queries: ListQuery[] = [{}, { order: 'desc' }, { status: ['listed', 'assigned'] }, { offset: 3, limit: 4 }, { order: 'desc', offset: 2, limit: 5, status: ['submitted', 'pledged', 'proposed'] }];
    const compare = async () => {
      await engine.catchUp();
      const head = await store.headPosition();
      for (const projection of LIST_PROJECTIONS as DocumentProjection<unknown>[]) {
        const memory = await asOf(store, projection, 'c1', head);
        for (const q of queries) expect([projection.name, q, await read.list(projection, { ...q, communityId: 'c1' })]).toEqual([projection.name, q, queryDocuments(memory, { ...q, communityId: 'c1' })]);
      }
    };
    await compare();
    await append(log.events.slice(30));
    await compare();
    const needs = await read.list(LIST_PROJECTIONS[0], { communityId: 'c1', limit: 200 });
    expect(needs.total).toBe(12);
    expect((await read.list(LIST_PROJECTIONS[0], { communityId: 'c2' })).total).toBe(12);
  });
});
