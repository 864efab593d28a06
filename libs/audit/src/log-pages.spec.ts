import { PgliteDriver, SqlEventStore, type EventStore, type ReadAllOptions } from '@cobuild/event-store';
import type { SqlDriver } from '../../event-store/src/sql/sql-driver';
import { newEvent } from '../../event-store/test/fixtures';
import { logPages } from './log-pages';

/**
 * The export and verify walk the log with `logPages`: a page at a time, with only the next page
 * being read ahead — so their memory is bounded by two pages, however long the log.
 */
describe('logPages reads the log page by page, never ahead by more than one page', () => {
  let driver: SqlDriver;
  let store: SqlEventStore;
  beforeAll(async () => {
    driver = (await PgliteDriver.open()) as SqlDriver;
    store = await SqlEventStore.open(driver, { schema: 'log_pages_events' });
    for (let s = 0; s < 10; s++) await store.append(`need-${s}`, Array.from({ length: 100 }, (_, i) => newEvent('NeedSubmitted', { i }, { communityId: s % 2 ? 'odd' : 'even' })), { expectedRevision: 'no_stream' });
  });
  afterAll(() => driver.close());

  const counting = () => {
    const calls: ReadAllOptions[] = [];
    const wrapped: Pick<EventStore, 'readAll'> = { readAll: (o: ReadAllOptions = {}) => (calls.push(o), store.readAll(o)) };
    return { calls, wrapped };
  };

  it('asks for one page at a time of the size given, and at most one page ahead of the consumer', async () => {
    const { calls, wrapped } = counting();
    let seen = 0;
    let pages = 0;
    for await (const page of logPages(wrapped, { pageSize: 37 })) {
      pages++;
      // the page handed over, plus the next one in flight: never more
      expect(calls.length).toBeLessThanOrEqual(pages + 1);
      expect(page.length).toBeLessThanOrEqual(37);
      expect(page[0].position).toBe(seen + 1);
      seen += page.length;
    }
    expect(seen).toBe(1000);
    expect(pages).toBe(Math.ceil(1000 / 37));
    expect(calls.every((c) => c.maxCount === 37 && c.upcast === false)).toBe(true);
  });

  it('stops reading when the consumer stops, and pages one community by its filter', async () => {
    const { calls, wrapped } = counting();
    for await (const page of logPages(wrapped, { pageSize: 50 })) if (page[0].position > 100) break;
    expect(calls.length).toBeLessThanOrEqual(4);
    const odd = counting();
    let n = 0;
    for await (const page of logPages(odd.wrapped, { pageSize: 100, filter: { communityId: 'odd' } })) n += page.filter((e) => e.metadata.communityId === 'odd').length;
    expect(n).toBe(500);
    expect(odd.calls.every((c) => c.filter?.communityId === 'odd')).toBe(true);
  });
});
