import { PgDriver, SqlEventStore, type RecordedEvent } from '@cobuild/event-store';
import { newEvent } from '../../../event-store/test/fixtures';
import { SchemaJanitor, TEST_POSTGRES_URL } from '../../../event-store/test/postgres-test-db';
import { sortNumber, type DocumentProjection } from './document-projection';
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
