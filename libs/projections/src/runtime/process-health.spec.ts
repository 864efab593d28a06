import { randomUUID } from 'node:crypto';
import { PgDriver, SqlEventStore } from '@cobuild/event-store';
import { newEvent } from '../../../event-store/test/fixtures';
import { SchemaJanitor, TEST_POSTGRES_URL } from '../../../event-store/test/postgres-test-db';
import { Heartbeats, projectorLag } from './process-health';
import { ReadStore } from './read-store';

/** The lag and heartbeats any process reads from the shared database (PostgreSQL, real tables). */
describe('projector lag and heartbeats from the database', () => {
  const janitor = new SchemaJanitor();
  let store: SqlEventStore;
  let read: ReadStore;
  beforeAll(async () => {
    const schema = janitor.next('proc_health');
    store = await SqlEventStore.open(new PgDriver({ connectionString: TEST_POSTGRES_URL }), { schema });
    read = new ReadStore(store.driver, janitor.next('proc_health_read'));
  });
  afterAll(async () => {
    await store.close();
    await janitor.dropAll();
  });

  const append = (n: number) => store.append(`need-${randomUUID()}`, Array.from({ length: n }, () => newEvent()), { expectedRevision: 'no_stream' });
  const checkpoint = (projection: string, generation: number, position: number) =>
    store.driver.query(`INSERT INTO ${read.schema}.checkpoints (projection, generation, version, position) VALUES ($1, $2, 1, $3)`, [projection, generation, position]);

  it('is the whole log before any read model has a checkpoint, then the slowest serving generation; a rebuild beside it does not count', async () => {
    expect(await projectorLag(store.driver, store, read.schema, ['a', 'b'])).toMatchObject({ head: 0, position: 0, lagEvents: 0, lagSeconds: 0 });
    await append(5);
    const before = await projectorLag(store.driver, store, read.schema, ['a', 'b']);
    expect(before).toMatchObject({ head: 5, position: 0, lagEvents: 5 });
    expect(before.lagSeconds).toBeGreaterThanOrEqual(0);

    await read.migrate();
    await checkpoint('a', 1, 5);
    await checkpoint('b', 1, 3);
    await store.driver.query(`INSERT INTO ${read.schema}.active (projection, generation) VALUES ('a', 1), ('b', 1)`);
    expect(await projectorLag(store.driver, store, read.schema, ['a', 'b'])).toMatchObject({ position: 3, lagEvents: 2, slowest: 'b' });
    // a rebuild of a at 1 beside its serving generation at 5: the read model still serves at 5
    await checkpoint('a', 2, 1);
    expect(await projectorLag(store.driver, store, read.schema, ['a', 'b'])).toMatchObject({ position: 3, lagEvents: 2, slowest: 'b' });
    // a read model of the code with no checkpoint yet is at 0
    expect(await projectorLag(store.driver, store, read.schema, ['a', 'b', 'c'])).toMatchObject({ position: 0, lagEvents: 5, slowest: 'c' });
    await store.driver.query(`UPDATE ${read.schema}.checkpoints SET position = 5 WHERE projection = 'b'`);
    expect(await projectorLag(store.driver, store, read.schema, ['a', 'b'])).toMatchObject({ position: 5, lagEvents: 0, lagSeconds: 0 });
  });

  it('keeps a row per process, freshest first; a clean stop removes it', async () => {
    const beats = new Heartbeats(store.driver, read.schema);
    expect(await beats.of('worker')).toEqual([]);
    await beats.beat('worker', { dispatcher: 'connected' }, 'worker@a#1');
    await beats.beat('worker', { dispatcher: 'waiting' }, 'worker@b#2');
    await beats.beat('projector', {}, 'projector@a#3');
    const workers = await beats.of('worker');
    expect(workers.map((w) => w.id)).toEqual(['worker@b#2', 'worker@a#1']);
    expect(workers[0]).toMatchObject({ role: 'worker', detail: { dispatcher: 'waiting' } });
    expect(workers[0].ageSeconds).toBeGreaterThanOrEqual(0);
    await beats.forget('worker', 'worker@b#2');
    expect((await beats.of('worker')).map((w) => w.id)).toEqual(['worker@a#1']);
    expect((await beats.of('projector')).map((w) => w.id)).toEqual(['projector@a#3']);
  });
});
