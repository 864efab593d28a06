import { PgDriver, SqlEventStore, type RecordedEvent } from '../src';
import { sleep, waitFor } from './event-store.contract';
import { newEvent, uniqueStream } from './fixtures';
import { SchemaJanitor, TEST_POSTGRES_URL } from './postgres-test-db';

/**
 * A driver whose appends run in an explicit transaction that waits a random time before it
 * commits (or rolls back), so slow and fast transactions interleave and commit out of the order
 * in which they started.
 */
class SlowCommitDriver extends PgDriver {
  aborted = 0;
  abortRate = 0.1;
  override async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
    if (!sql.includes('append_batch')) return super.query<T>(sql, params);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const rows = (await client.query(sql, params as unknown[])).rows as T[];
      await sleep(Math.random() < 0.3 ? 20 + Math.random() * 60 : 0);
      if (Math.random() < this.abortRate) {
        await client.query('ROLLBACK');
        this.aborted++;
        throw new Error('simulated abort');
      }
      await client.query('COMMIT');
      return rows;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  /** the append's prepared statement goes the same slow way */
  override async queryPrepared<T>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.query<T>(sql, params);
  }
}

const janitor = new SchemaJanitor();
afterAll(() => janitor.dropAll());

describe('PostgreSQL: no subscriber skips a late-committing event', () => {
  it('delivers every committed event exactly once, gapless and in global order, under slow/fast/aborted writers', async () => {
    const schema = janitor.next('late');
    // four writer processes (a store has one append transaction in flight at a time): their
    // transactions overlap and commit out of the order in which they started
    const writerDrivers = Array.from({ length: 4 }, () => new SlowCommitDriver({ connectionString: TEST_POSTGRES_URL, max: 4 }));
    const writers = await Promise.all(writerDrivers.map((d) => SqlEventStore.open(d, { schema })));
    const reader = await SqlEventStore.open(new PgDriver({ connectionString: TEST_POSTGRES_URL }), { schema, pollMs: 5 });
    const seen: RecordedEvent[] = [];
    const sub = reader.subscribe(async (batch) => void seen.push(...batch), { batchSize: 3 });
    let committed = 0;
    try {
      await Promise.all(
        Array.from({ length: 16 }, async (_, w) => {
          const stream = uniqueStream('task');
          for (let i = 0; i < 25; i++) {
            const n = 1 + (i % 2);
            try {
              await writers[w % writers.length].append(stream, Array.from({ length: n }, () => newEvent('W', { w, i })), {
                expectedRevision: 'any',
              });
              committed += n;
            } catch (e) {
              expect((e as Error).message).toBe('simulated abort');
            }
          }
        }),
      );
      // a marker appended after every writer finished: delivered in position order, it comes after any
      // duplicate or late event (instead of sleeping "long enough")
      await reader.append(uniqueStream('task'), [newEvent('Marker', {})], { expectedRevision: 'no_stream' });
      await waitFor(() => seen.some((e) => e.type === 'Marker'));
      expect(seen.at(-1)!.type).toBe('Marker');
      seen.pop();
      expect(writerDrivers.reduce((n, d) => n + d.aborted, 0)).toBeGreaterThan(0);
      expect(seen).toHaveLength(committed);
      expect(new Set(seen.map((e) => e.id)).size).toBe(committed);
      // positions are handed out in commit order: gapless 1..N even with aborted transactions
      expect(seen.map((e) => e.position)).toEqual(Array.from({ length: committed }, (_, i) => i + 1));
      expect(await reader.headPosition()).toBe(committed + 1);
    } finally {
      await sub.stop();
      await Promise.all(writers.map((w) => w.close()));
      await reader.close();
    }
  });

  it('lets one of several processes win a race for the same stream revision, and chains the rest', async () => {
    const schema = janitor.next('race');
    const stores = await Promise.all(
      Array.from({ length: 4 }, () => SqlEventStore.open(new SlowCommitDriver({ connectionString: TEST_POSTGRES_URL }), { schema })),
    );
    stores.forEach((s) => ((s.driver as SlowCommitDriver).abortRate = 0));
    try {
      const stream = uniqueStream();
      await stores[0].append(stream, [newEvent()], { expectedRevision: 'no_stream' });
      let head = 0;
      for (let round = 0; round < 5; round++) {
        const results = await Promise.allSettled(stores.map((s) => s.append(stream, [newEvent()], { expectedRevision: head })));
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        head += 1;
        // an unconditional append from every process lands, each chained to the one before
        await Promise.all(stores.map((s) => s.append(stream, [newEvent()], { expectedRevision: 'any' })));
        head += stores.length;
      }
      const events = await stores[1].readStream(stream);
      expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
      for (let i = 1; i < events.length; i++) expect(events[i].prevHash).toBe(events[i - 1].hash);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('applies migrations once when several processes start at the same moment', async () => {
    const schema = janitor.next('mig');
    const stores = await Promise.all(
      Array.from({ length: 4 }, () => SqlEventStore.open(new PgDriver({ connectionString: TEST_POSTGRES_URL }), { schema })),
    );
    try {
      const rows = await (stores[0].driver as PgDriver).query<{ version: number }>(
        `SELECT version FROM ${schema}.schema_migrations`,
      );
      expect(rows.map((r) => Number(r.version))).toEqual([1]);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('reports an unreachable server as STORE.UNAVAILABLE', async () => {
    const err = await SqlEventStore.open(
      new PgDriver({ connectionString: 'postgres://postgres@127.0.0.1:1/none', connectionTimeoutMillis: 2000 }),
    ).catch((e) => e);
    expect(err).toMatchObject({ code: 'STORE.UNAVAILABLE' });
  });
});
