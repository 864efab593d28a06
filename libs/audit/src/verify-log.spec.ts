import { randomUUID } from 'node:crypto';
import { PgDriver, PgliteDriver, SqlEventStore } from '@cobuild/event-store';
import type { SqlDriver } from '../../event-store/src/sql/sql-driver';
import { newEvent } from '../../event-store/test/fixtures';
import { SchemaJanitor, TEST_POSTGRES_URL } from '../../event-store/test/postgres-test-db';
import { verifyLog, type VerifyReport } from './verify-log';

const janitor = new SchemaJanitor();
afterAll(() => janitor.dropAll());

// one database per target; each test gets its own schema in it
const targets: Array<[string, () => Promise<SqlDriver>]> = [
  ['embedded', () => PgliteDriver.open()],
  ['PostgreSQL', async () => new PgDriver({ connectionString: TEST_POSTGRES_URL })],
];

/** three streams of five events, interleaved in the log */
async function seed(store: SqlEventStore): Promise<string[]> {
  const streams = ['need', 'task', 'pledge'].map((c) => `${c}-${randomUUID()}`);
  for (let i = 0; i < 5; i++)
    for (const s of streams) await store.append(s, [newEvent('Thing', { i })], { expectedRevision: i === 0 ? 'no_stream' : i - 1 });
  return streams;
}

const sql = (store: SqlEventStore, text: string) => store.driver.exec(text.replace(/EV/g, `${store.schema}.events`));

// every case on this thread and in digest worker threads (what a large log gets by default)
const modes: Array<[string, { workers: number }]> = [
  ['on the main thread', { workers: 0 }],
  ['in 2 digest workers', { workers: 2 }],
];
const cases = targets.flatMap(([name, open]) => modes.map(([how, mode]) => [name, how, open, mode] as const));

describe.each(cases)('audit verify on the %s store, %s', (_name, _how, openDriver, mode) => {
  let driver: SqlDriver;
  let store: SqlEventStore;
  let streams: string[];
  beforeAll(async () => {
    driver = await openDriver();
  });
  afterAll(() => driver.close());
  beforeEach(async () => {
    store = await SqlEventStore.open(driver, { schema: janitor.next('audit') });
    streams = await seed(store);
  });

  const only = (r: VerifyReport) => r.findings.map((f) => [f.kind, f.streamId === '$log' ? '$log' : f.streamId, f.revision]);

  it('finds nothing wrong in an untouched log', async () => {
    const report = await verifyLog(store, mode);
    expect(report).toMatchObject({ ok: true, events: 15, streams: 3, headPosition: 15, findings: [] });
  });

  it('catches an altered event', async () => {
    await sql(store, `UPDATE EV SET data = data || '{"title":"改过"}' WHERE stream_id = '${streams[1]}' AND revision = 2`);
    expect(only(await verifyLog(store, mode))).toEqual([['altered', streams[1], 2]]);
  });

  it('catches altered metadata (who did it)', async () => {
    await sql(store, `UPDATE EV SET metadata = jsonb_set(metadata, '{actor,id}', '"someone-else"') WHERE stream_id = '${streams[0]}' AND revision = 4`);
    expect(only(await verifyLog(store, mode))).toEqual([['altered', streams[0], 4]]);
  });

  it('catches a removed event, in its stream and as a hole in the log', async () => {
    await sql(store, `DELETE FROM EV WHERE stream_id = '${streams[2]}' AND revision = 1`);
    expect(only(await verifyLog(store, mode))).toEqual([
      ['removed', '$log', null],
      ['removed', streams[2], 2],
    ]);
  });

  it('catches a removal in another stream by the hole it leaves in the log', async () => {
    await sql(store, `DELETE FROM EV WHERE stream_id = '${streams[0]}' AND revision = 2`);
    const r = await verifyLog(store, mode);
    expect(r.ok).toBe(false);
    expect(only(r)).toContainEqual(['removed', streams[0], 3]);
  });

  it('catches reordered events', async () => {
    const s = streams[1];
    const pos = async (revision: number) =>
      Number((await store.driver.query<{ position: string }>(`SELECT position FROM ${store.schema}.events WHERE stream_id = $1 AND revision = $2`, [s, revision]))[0].position);
    const [p1, p3] = [await pos(1), await pos(3)];
    await sql(store, `UPDATE EV SET position = -1 WHERE position = ${p1}; UPDATE EV SET position = ${p1} WHERE position = ${p3}; UPDATE EV SET position = ${p3} WHERE position = -1`);
    expect(only(await verifyLog(store, mode))).toEqual([['reordered', s, 3]]);
  });

  it('catches an inserted event that does not link to its stream', async () => {
    const s = streams[2];
    await sql(
      store,
      `INSERT INTO EV (position, stream_id, revision, event_id, type, schema_version, data, metadata, category, community_id, prev_hash, hash)
       SELECT 16, stream_id, 5, '${randomUUID()}', 'Forged', 1, '{}', metadata, category, community_id, repeat('0', 64), repeat('f', 64)
         FROM EV WHERE stream_id = '${s}' AND revision = 4`,
    );
    expect(only(await verifyLog(store, mode))).toEqual([['inserted', s, 5]]);
  });

  it('reports progress while it walks', async () => {
    const seen: number[] = [];
    await verifyLog(store, { ...mode, onProgress: (position) => seen.push(position) });
    expect(seen.at(-1)).toBe(15);
  });
});

describe.each(targets)('audit verify over many pages on the %s store', (_name, openDriver) => {
  let driver: SqlDriver;
  let store: SqlEventStore;
  const STREAMS = 60;
  const PER_STREAM = 100; // 6,000 events: three pages of 2,000, the workers answer out of order
  beforeAll(async () => {
    driver = await openDriver();
    store = await SqlEventStore.open(driver, { schema: janitor.next('audit_pages') });
    for (let s = 0; s < STREAMS; s++)
      await store.append(`task-${s}`, Array.from({ length: PER_STREAM }, (_, i) => newEvent('TaskProgressReported', { percent: i, note: `第${i}次` })), { expectedRevision: 'no_stream' });
  });
  afterAll(() => driver.close());

  it('gives the same report in workers as on the main thread, untouched and tampered', async () => {
    const clean = await verifyLog(store, { workers: 2 });
    expect(clean).toMatchObject({ ok: true, events: STREAMS * PER_STREAM, streams: STREAMS, headPosition: STREAMS * PER_STREAM });
    // one alteration on each page, and a removal on the last
    await sql(store, `UPDATE EV SET data = data || '{"percent":101}' WHERE position IN (500, 2500, 4500)`);
    await sql(store, `DELETE FROM EV WHERE position = 5850`);
    const inWorkers = await verifyLog(store, { workers: 2 });
    expect(inWorkers).toEqual(await verifyLog(store, { workers: 0 }));
    expect(inWorkers.findings.map((f) => [f.kind, f.position])).toEqual([
      ['altered', 500],
      ['altered', 2500],
      ['altered', 4500],
      ['removed', 5851],
      ['removed', 5851],
    ]);
  });

  it('reports progress page by page, in log order, from the workers', async () => {
    const progress: number[] = [];
    await verifyLog(store, { workers: 2, onProgress: (p) => progress.push(p) });
    expect(progress).toEqual([2000, 4000, 6000]);
  });
});
