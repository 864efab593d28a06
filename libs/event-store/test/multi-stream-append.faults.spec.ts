import { PgDriver, PgliteDriver, SqlEventStore, type EventStore, type StreamAppend } from '../src';
import { newEvent, uniqueStream } from './fixtures';
import { SchemaJanitor, TEST_POSTGRES_URL } from './postgres-test-db';

type SqlTx = Parameters<Parameters<PgDriver['transaction']>[0]>[0];

/**
 * A multi-stream append that fails between any two of its steps writes nothing: a driver whose
 * transaction throws right after its k-th statement (k = 1, 2, … up to just before COMMIT), on
 * both SQL stores. The store goes on working afterwards (locks released, counter rolled back).
 * (The kill -9 version, a real process dying at each step: apps/api/src/tasks/task-formation.killed.spec.ts.)
 */
const janitor = new SchemaJanitor();
afterAll(() => janitor.dropAll());

/** wraps a driver's transactions: the k-th statement inside one fails after it ran (0: never) */
function failing<D extends PgDriver | PgliteDriver>(driver: D): D & { failAt: number; statements: number } {
  const d = driver as D & { failAt: number; statements: number };
  d.failAt = 0;
  d.statements = 0;
  const transaction = driver.transaction.bind(driver);
  d.transaction = <T>(fn: (tx: SqlTx) => Promise<T>) =>
    transaction((tx: SqlTx) =>
      fn({
        ...tx,
        query: async <R>(sql: string, params?: unknown[]) => {
          const rows = await tx.query<R>(sql, params);
          if (++d.statements === d.failAt) throw new Error(`injected failure after statement ${d.statements}`);
          return rows;
        },
      }),
    ) as Promise<T>;
  return d;
}

const targets: Array<[string, () => Promise<PgDriver | PgliteDriver>, (d: PgDriver | PgliteDriver) => Promise<EventStore>]> = [
  ['embedded (PGlite)', () => PgliteDriver.open(), (d) => SqlEventStore.open(d)],
  ['PostgreSQL', async () => new PgDriver({ connectionString: TEST_POSTGRES_URL }), (d) => SqlEventStore.open(d, { schema: janitor.next('faults') })],
];

describe.each(targets)('multi-stream append failing at every step: %s', (_name, makeDriver, open) => {
  it('writes nothing wherever it fails, then writes everything', async () => {
    const driver = failing(await makeDriver());
    const store = await open(driver);
    try {
      const [a, b, c] = [uniqueStream('pledge'), uniqueStream('need'), uniqueStream('task')];
      await store.append(a, [newEvent()], { expectedRevision: 'no_stream' });
      await store.append(b, [newEvent()], { expectedRevision: 'no_stream' });
      const appends: StreamAppend[] = [
        { streamId: a, events: [newEvent(), newEvent()], expectedRevision: 0 },
        { streamId: b, events: [newEvent()], expectedRevision: 0 },
        { streamId: c, events: [newEvent()], expectedRevision: 'no_stream' },
      ];
      const snapshot = async () => ({ head: await store.headPosition(), streams: await Promise.all([a, b, c].map(async (s) => (await store.readStream(s)).map((e) => e.id))) });
      const before = await snapshot();

      driver.statements = 0;
      await store.appendToStreams([{ streamId: uniqueStream(), events: [newEvent()], expectedRevision: 'no_stream' }]);
      const perAppend = driver.statements - 1 + 3; // one stream's lock → three streams' locks
      const baseline = await snapshot();
      expect(baseline.head).toBe(before.head + 1);

      for (let k = 1; k <= perAppend; k++) {
        driver.statements = 0;
        driver.failAt = k;
        await expect(store.appendToStreams(appends)).rejects.toThrow(`injected failure after statement ${k}`);
        driver.failAt = 0;
        expect(await snapshot()).toEqual(baseline);
      }
      driver.statements = 0;
      const r = await store.appendToStreams(appends);
      expect(driver.statements).toBe(perAppend);
      expect(r.streams.map((s) => s.nextRevision)).toEqual([2, 1, 0]);
      expect(r.streams[0].positions[0]).toBe(baseline.head + 1); // the failed attempts left no gap
    } finally {
      await store.close();
    }
  }, 60_000);
});
