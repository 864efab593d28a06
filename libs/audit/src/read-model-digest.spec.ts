import { randomUUID } from 'node:crypto';
import { PgliteDriver, SqlEventStore } from '@cobuild/event-store';
import { ALL_PROJECTIONS, ProjectionEngine, ReadStore } from '@cobuild/projections';
import type { SqlDriver } from '../../event-store/src/sql/sql-driver';
import { eventLog } from '../../projections/src/lists/testing/fold';
import { readModelDigest, replayReadModels } from './read-model-digest';

/** Deterministic replay: the read models rebuilt from the log digest the same every time, and the same as the live ones. */
describe('replaying the read models into a scratch schema (embedded store)', () => {
  let driver: SqlDriver;
  let store: SqlEventStore;
  beforeAll(async () => {
    driver = (await PgliteDriver.open()) as SqlDriver;
    store = await SqlEventStore.open(driver, { schema: 'replay_digest_events' });
    const log = eventLog('c1');
    for (let i = 0; i < 30; i++) {
      log.add(`need-n${i}`, 'NeedSubmitted', {
        needId: `n${i}`, source: 'resident', requestingUnitId: null, title: `需求${i}`, description: 'd', category: i % 2 ? '助老' : '环境', urgency: ['low', 'high'][i % 2],
        beneficiaries: { description: 'b', count: i }, location: { gridId: `g${i % 3}`, address: null }, wantedBy: null, requester: { name: '张三', phone: '13812345678' },
        submittedAt: new Date(Date.UTC(2026, 2, 1 + (i % 9))).toISOString(),
      });
      if (i % 3 === 0) log.add(`need-n${i}`, 'NeedListed', { needId: `n${i}`, listedAt: '2026-03-10T00:00:00.000Z' });
      log.add(`task-t${i}`, 'TaskProposed', { taskId: `t${i}`, title: `任务${i}`, description: 'd', meetingId: null, needIds: [`n${i}`], allocations: [], proposedAt: '2026-03-11T00:00:00.000Z' });
    }
    for (const e of log.events) await store.append(e.streamId, [{ id: randomUUID(), type: e.type, schemaVersion: 1, data: e.data, metadata: e.metadata }], { expectedRevision: 'any' });
  });
  afterAll(() => driver.close());

  const scratchSchemas = async () =>
    (await driver.query<{ n: string }>(`SELECT nspname AS n FROM pg_namespace WHERE nspname LIKE 'replay_spec_replay_%'`)).map((r) => r.n);

  it('gives the same digest twice, equal to the live read models, and leaves no scratch schema behind', async () => {
    const a = await replayReadModels(store, driver, ALL_PROJECTIONS, { scratchPrefix: 'replay_spec' });
    const b = await replayReadModels(store, driver, ALL_PROJECTIONS, { scratchPrefix: 'replay_spec' });
    expect(a.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(b.digest).toBe(a.digest);
    expect(a.scratchSchema).not.toBe(b.scratchSchema);
    expect(a.rows).toMatchObject({ 'needs-list': 30, 'tasks-list': 30 });
    expect(await scratchSchemas()).toEqual([]);

    const live = new ReadStore(driver, 'replay_digest_read');
    await new ProjectionEngine(store, live, ALL_PROJECTIONS, { batchSize: 7 }).catchUp();
    const digest = await readModelDigest(live, ALL_PROJECTIONS);
    expect(digest).toEqual({ digest: a.digest, rows: a.rows, positions: a.positions });

    // a live row changed behind the projector's back no longer matches
    const needs = live.table('needs-list', (await live.active('needs-list'))!);
    await driver.exec(`UPDATE ${needs} SET doc = jsonb_set(doc::jsonb, '{title}', '"改过"')::text WHERE key = 'n3'`);
    expect((await readModelDigest(live, ALL_PROJECTIONS)).digest).not.toBe(a.digest);
  });

  it('a longer log gives another digest', async () => {
    const before = await replayReadModels(store, driver, ALL_PROJECTIONS, { scratchPrefix: 'replay_spec' });
    const listed = eventLog('c1').add('need-n1', 'NeedListed', { needId: 'n1', listedAt: '2026-04-10T00:00:00.000Z' });
    await store.append('need-n1', [{ id: randomUUID(), type: listed.type, schemaVersion: 1, data: listed.data, metadata: listed.metadata }], { expectedRevision: 'any' });
    const after = await replayReadModels(store, driver, ALL_PROJECTIONS, { scratchPrefix: 'replay_spec' });
    expect(after.headPosition).toBe(before.headPosition + 1);
    expect(after.digest).not.toBe(before.digest);
    expect(await scratchSchemas()).toEqual([]);
  });
});
