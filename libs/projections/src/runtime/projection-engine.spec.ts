import { randomUUID } from 'node:crypto';
import { PgDriver, PgliteDriver, SqlEventStore, type RecordedEvent } from '@cobuild/event-store';
import type { SqlDriver } from '../../../event-store/src/sql/sql-driver';
import { newEvent } from '../../../event-store/test/fixtures';
import { SchemaJanitor, TEST_POSTGRES_URL } from '../../../event-store/test/postgres-test-db';
import { asOf, positionAt } from './as-of';
import { queryDocuments, sortNumber, type DocumentProjection } from './document-projection';
import { ProjectionEngine } from './projection-engine';
import { ReadStore } from './read-store';

interface Tally {
  stream: string;
  count: number;
  last: string;
}

const tally = (version = 1): DocumentProjection<Tally> => ({
  name: 'tally',
  version,
  categories: ['need', 'task'],
  keysOf: (e) => [e.streamId],
  evolve: (doc, e: RecordedEvent) => (e.type === 'Gone' ? null : { stream: e.streamId, count: (doc?.count ?? 0) + 1, last: e.type }),
  index: (d) => ({ communityId: d.stream.startsWith('need') ? 'ca' : 'cb', status: d.last, sort: [sortNumber(d.count), d.stream] }),
});

const janitor = new SchemaJanitor();
afterAll(() => janitor.dropAll());

describe.each([
  ['embedded', () => PgliteDriver.open() as Promise<SqlDriver>],
  ['PostgreSQL', async () => new PgDriver({ connectionString: TEST_POSTGRES_URL }) as SqlDriver],
])('projection engine on the %s store', (_name, openDriver) => {
  let driver: SqlDriver;
  let store: SqlEventStore;
  let read: ReadStore;
  beforeAll(async () => {
    driver = await openDriver();
  });
  afterAll(() => driver.close());
  beforeEach(async () => {
    store = await SqlEventStore.open(driver, { schema: janitor.next('pe') });
    read = new ReadStore(driver, janitor.next('rd'));
  });

  const write = async (stream: string, ...types: string[]) => {
    for (const t of types) await store.append(stream, [newEvent(t, {}, { communityId: stream.startsWith('need') ? 'ca' : 'cb' })], { expectedRevision: 'any' });
  };

  it('folds events into documents and answers list queries like the in-memory fold', async () => {
    await write('need-1', 'A', 'B');
    await write('task-1', 'A');
    await write('pledge-1', 'A'); // not read by this projection
    await write('need-2', 'A', 'Gone');
    const engine = new ProjectionEngine(store, read, [tally()]);
    await engine.catchUp();
    const docs = await read.all(tally());
    expect(docs.map((d) => [d.key, d.doc.count, d.doc.last])).toEqual([
      ['need-1', 2, 'B'],
      ['task-1', 1, 'A'],
    ]);
    expect(await read.list(tally(), { communityId: 'ca' })).toEqual({ items: [{ stream: 'need-1', count: 2, last: 'B' }], total: 1, counts: { B: 1 } });
    const memory = await asOf(store, tally(), 'ca', await store.headPosition());
    expect(queryDocuments(memory, { communityId: 'ca' })).toEqual(await read.list(tally(), { communityId: 'ca' }));
    const [checkpoint] = await read.checkpoints();
    expect(checkpoint).toMatchObject({ projection: 'tally', position: await store.headPosition() });
  });

  it('shows the lists as of an earlier position, and finds the position of an instant', async () => {
    await write('need-1', 'A');
    const then = await store.headPosition();
    await write('need-1', 'B', 'C');
    const past = queryDocuments(await asOf(store, tally(), 'ca', then), { communityId: 'ca' });
    expect(past.items).toEqual([{ stream: 'need-1', count: 1, last: 'A' }]);
    expect(await positionAt(store, new Date('2000-01-01'))).toBe(0);
    expect(await positionAt(store, new Date(Date.now() + 60_000))).toBe(await store.headPosition());
  });

  it('rebuilds beside the serving generation and swaps to an identical one', async () => {
    await write('need-1', 'A', 'B');
    await write('task-9', 'A');
    const engine = new ProjectionEngine(store, read, [tally()]);
    await engine.catchUp();
    const live = await read.all(tally());
    const [generation] = await engine.requestRebuild(['tally']);
    expect(await read.active('tally')).toBe(1); // the old one still serves
    await engine.catchUp();
    expect(await read.active('tally')).toBe(generation);
    expect(await read.all(tally())).toEqual(live);
    expect((await read.checkpoints()).map((c) => c.generation)).toEqual([generation]);
  });

  it('rebuilding one projection leaves the others where they are: no event applied twice', async () => {
    const other: DocumentProjection<Tally> = { ...tally(), name: 'other-tally' };
    for (let i = 0; i < 30; i++) await write(`need-${i % 4}`, 'A');
    const engine = new ProjectionEngine(store, read, [tally(), other], { batchSize: 7 });
    await engine.catchUp();
    for (let i = 0; i < 3; i++) await write(`need-${i}`, 'B');
    // the new generation starts from 0 while the other projection is only 3 events behind
    await engine.requestRebuild(['other-tally']);
    await engine.catchUp();
    for (const p of [tally(), other]) expect((await read.all(p)).reduce((n, d) => n + d.doc.count, 0)).toBe(33);
    const head = await store.headPosition();
    expect((await read.checkpoints()).map((c) => c.position)).toEqual([head, head]);
  });

  it('rebuilds by itself when a projection changes version', async () => {
    await write('need-1', 'A');
    await new ProjectionEngine(store, read, [tally(1)]).catchUp();
    await new ProjectionEngine(store, read, [tally(2)]).catchUp();
    expect((await read.checkpoints()).map((c) => [c.generation, c.version])).toEqual([[2, 2]]);
    expect(await read.all(tally(2))).toHaveLength(1);
  });

  it('applies each event once even when two projectors race on the same read models', async () => {
    for (let i = 0; i < 30; i++) await write(`need-${i % 5}`, 'A');
    const a = new ProjectionEngine(store, read, [tally()], { batchSize: 7 });
    const b = new ProjectionEngine(store, read, [tally()], { batchSize: 5 });
    await read.migrate();
    await Promise.allSettled([a.catchUp(), b.catchUp()]);
    await a.catchUp();
    const docs = await read.all(tally());
    expect(docs.reduce((n, d) => n + d.doc.count, 0)).toBe(30);
  });

  const tables = async () =>
    (await driver.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY 1`, [read.schema])).map((r) => r.tablename);
  const indexes = async () =>
    (await driver.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND indexname LIKE '%_list' ORDER BY 1`, [read.schema])).map((r) => r.indexname);

  it('keeps a table per generation: the lists index built when it starts serving, the old one dropped at the swap', async () => {
    for (let i = 0; i < 12; i++) await write(`need-${i}`, 'A');
    const engine = new ProjectionEngine(store, read, [tally()]);
    await engine.catchUp();
    expect(await tables()).toEqual(['active', 'checkpoints', 'docs_tally_1']);
    expect(await indexes()).toEqual(['docs_tally_1_list']);
    const [generation] = await engine.requestRebuild(['tally']);
    // being built: a table of its own, no lists index yet; the serving one still answers
    expect(await tables()).toEqual(['active', 'checkpoints', 'docs_tally_1', `docs_tally_${generation}`]);
    expect(await indexes()).toEqual(['docs_tally_1_list']);
    await write('need-1', 'B');
    await engine.catchUp();
    expect(await tables()).toEqual(['active', 'checkpoints', `docs_tally_${generation}`]);
    expect(await indexes()).toEqual([`docs_tally_${generation}_list`]);
    const page = await read.list(tally(), { communityId: 'ca', order: 'desc', limit: 3 });
    expect(page.items.map((d) => d.stream)).toEqual(['need-1', 'need-9', 'need-8']);
    expect(page.total).toBe(12);
    // the planner reads a community's list in order through it (seq scans off: the table is tiny)
    const plan = await driver.transaction(async (tx) => {
      await tx.exec('SET LOCAL enable_seqscan = off');
      return tx.query<Record<string, string>>(
        `EXPLAIN SELECT doc FROM ${read.table('tally', generation)} WHERE community_id = 'ca' ORDER BY sort1 COLLATE "C", sort2 COLLATE "C", key COLLATE "C" LIMIT 3`,
      );
    });
    expect(plan.map((r) => Object.values(r)[0]).join('\n')).toContain(`docs_tally_${generation}_list`);
  });

  it('a read that loses its table to a swap reads the new generation', async () => {
    await write('need-1', 'A');
    const engine = new ProjectionEngine(store, read, [tally()]);
    await engine.catchUp();
    const [generation] = await engine.requestRebuild(['tally']);
    await engine.catchUp();
    expect(await read.active('tally')).toBe(generation);
    // as if the swap committed between finding the serving generation and reading its table
    const active = read.active.bind(read);
    let calls = 0;
    read.active = async (name, tx) => (calls++ === 0 ? 1 : active(name, tx));
    expect(await read.get(tally(), 'need-1')).toEqual({ stream: 'need-1', count: 1, last: 'A' });
    expect(calls).toBe(2);
  });

  it.each(['jsonb', 'json'])('moves documents kept in the one table of earlier versions (doc %s) to their generations, rows and serving intact', async (type) => {
    await write('need-1', 'A', 'B');
    await new ProjectionEngine(store, read, [tally()]).catchUp();
    const before = await read.all(tally());
    // the layout before: one table for every generation, a doc column of json or jsonb, one list index
    await driver.exec(`
      CREATE TABLE ${read.schema}.documents (projection text NOT NULL, generation integer NOT NULL, key text NOT NULL, community_id text, status text,
        sort1 text NOT NULL, sort2 text NOT NULL, doc ${type} NOT NULL, PRIMARY KEY (projection, generation, key));
      CREATE INDEX documents_list ON ${read.schema}.documents (projection, generation, community_id, sort1 COLLATE "C", sort2 COLLATE "C");
      INSERT INTO ${read.schema}.documents SELECT 'tally', 1, key, community_id, status, sort1, sort2, doc::${type} FROM ${read.table('tally', 1)};
      DROP TABLE ${read.table('tally', 1)};`);
    await write('need-1', 'C');
    await new ProjectionEngine(store, read, [tally()]).catchUp();
    expect(await tables()).toEqual(['active', 'checkpoints', 'docs_tally_1']);
    expect(await indexes()).toEqual(['docs_tally_1_list']);
    expect(before.map((d) => d.doc.count)).toEqual([2]);
    expect((await read.all(tally())).map((d) => [d.key, d.doc])).toEqual([['need-1', { stream: 'need-1', count: 3, last: 'C' }]]);
    expect(await read.get(tally(), 'need-1')).toEqual({ stream: 'need-1', count: 3, last: 'C' });
  });

  it('runs live: new events show up without being asked', async () => {
    const engine = new ProjectionEngine(store, read, [tally()], { idleMs: 20 });
    await engine.start();
    try {
      await write(`need-${randomUUID()}`, 'A');
      for (let i = 0; i < 200 && (await read.all(tally())).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await read.all(tally())).toHaveLength(1);
      expect(engine.position).toBe(await store.headPosition());
    } finally {
      await engine.stop();
    }
  });
});
