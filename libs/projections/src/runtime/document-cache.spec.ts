import { PgDriver, SqlEventStore, type RecordedEvent } from '@cobuild/event-store';
import { newEvent } from '../../../event-store/test/fixtures';
import { SchemaJanitor, TEST_POSTGRES_URL } from '../../../event-store/test/postgres-test-db';
import { sortNumber, type DocumentProjection } from './document-projection';
import { DocumentCache, mayHaveRow } from './document-cache';
import { ProjectionEngine } from './projection-engine';
import { ReadStore } from './read-store';

/** evolve changes its document in place, as the street dashboard does */
interface Counter {
  stream: string;
  count: number;
  seen: string[];
}
const counter: DocumentProjection<Counter> = {
  name: 'counter',
  version: 1,
  categories: ['need'],
  keysOf: (e) => [e.streamId],
  evolve: (doc, e: RecordedEvent) => {
    if (e.type === 'Gone') return null;
    const d = doc ?? { stream: e.streamId, count: 0, seen: [] };
    d.count += 1;
    d.seen.push(e.type);
    return d;
  },
  index: (d) => ({ communityId: 'ca', status: null, sort: [sortNumber(d.count), d.stream] }),
};

const janitor = new SchemaJanitor();
afterAll(() => janitor.dropAll());

describe('the projector keeps documents in memory between batches', () => {
  let driver: PgDriver;
  let store: SqlEventStore;
  beforeAll(async () => {
    driver = new PgDriver({ connectionString: TEST_POSTGRES_URL });
    store = await SqlEventStore.open(driver, { schema: janitor.next('dc') });
    for (let i = 0; i < 120; i++) await store.append(`need-${i % 9}`, [newEvent(i % 40 === 39 ? 'Gone' : `T${i % 3}`, {}, { communityId: 'ca' })], { expectedRevision: 'any' });
  });
  afterAll(() => driver.close());

  const build = async (options: ConstructorParameters<typeof ProjectionEngine>[3]) => {
    const read = new ReadStore(driver, janitor.next('dcr'));
    await new ProjectionEngine(store, read, [counter], options).catchUp();
    return read.all(counter);
  };

  it('folds the same rows with a cache that evicts everything, one that keeps everything, and batches of any size', async () => {
    const reference = await build({ batchSize: 1, cacheChars: 0 });
    expect(reference.reduce((n, d) => n + d.doc.count, 0)).toBeGreaterThan(0);
    expect(await build({ batchSize: 7 })).toEqual(reference);
    expect(await build({ batchSize: 7, cacheChars: 0 })).toEqual(reference);
    expect(await build({})).toEqual(reference);
  });

  it('notices another projector moved a generation and reads its rows again', async () => {
    const read = new ReadStore(driver, janitor.next('dcr'));
    const head = await store.headPosition();
    let limit = Math.floor(head / 3);
    const a = new ProjectionEngine({ readAllForProjection: (o) => store.readAllForProjection(o), headPosition: async () => limit }, read, [counter], { batchSize: 10 });
    await a.catchUp();
    // b takes the same generation further; a, remembering the first third, then finishes
    await new ProjectionEngine({ readAllForProjection: (o) => store.readAllForProjection(o), headPosition: async () => Math.floor((2 * head) / 3) }, read, [counter], { batchSize: 10 }).catchUp();
    limit = head;
    await a.catchUp();
    expect(await read.all(counter)).toEqual(await build({ batchSize: 1, cacheChars: 0 }));
  });
});

describe('DocumentCache bounds', () => {
  it('evicts from the generation holding the most, oldest first, and remembers evicted keys of a complete generation', () => {
    const cache = new DocumentCache(100);
    cache.use('big#1', 0);
    cache.use('small#1', 0);
    cache.commit('small#1', 5, new Map([['s1', 'x'.repeat(10)]]));
    cache.commit('big#1', 5, new Map(Array.from({ length: 10 }, (_, i) => [`b${i}`, 'y'.repeat(10)] as [string, string])));
    // 10 × 12 + 12 characters > 100: the big generation's oldest go first, the small one keeps its entry
    const small = cache.use('small#1', 5);
    const big = cache.use('big#1', 5);
    expect(small.entries.get('s1')).toBe('x'.repeat(10));
    expect(big.entries.get('b0')).toBeUndefined();
    expect(big.entries.get('b9')).toBe('y'.repeat(10));
    // evicted from a generation built from 0: its row may exist; a key never written has none
    expect(mayHaveRow(big, 'b0')).toBe(true);
    expect(mayHaveRow(big, 'never')).toBe(false);
    // another position: everything for that generation is forgotten, and absent keys may exist again
    const moved = cache.use('big#1', 7);
    expect(moved.entries.get('b9')).toBeUndefined();
    expect(mayHaveRow(moved, 'never')).toBe(true);
  });

  it('stays within its bounds under a sustained stream of distinct documents (characters, and keys remembered as evicted)', () => {
    const maxChars = 10_000;
    const maxEvictedKeys = 500;
    const cache = new DocumentCache(maxChars, maxEvictedKeys);
    let position = 0;
    for (let batch = 0; batch < 2_000; batch++) {
      for (const gen of ['a#1', 'b#1']) {
        cache.use(gen, position);
        cache.commit(gen, position + 1, new Map(Array.from({ length: 5 }, (_, i) => [`${gen}-${batch}-${i}`, 'z'.repeat(40)] as [string, string])));
      }
      position++;
      const held = ['a#1', 'b#1'].map((g) => cache.use(g, position));
      const chars = held.reduce((n, g) => n + [...g.entries].reduce((m, [k, v]) => m + k.length + (v?.length ?? 0), 0), 0);
      expect(chars).toBeLessThanOrEqual(maxChars);
      for (const g of held) expect(g.evicted.size).toBeLessThanOrEqual(maxEvictedKeys);
    }
  });
});
