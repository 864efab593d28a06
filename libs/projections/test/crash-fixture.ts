/**
 * A child process for the crash test: runs the projection engine on PostgreSQL with a projection
 * that stops dead (busy-waits) inside a batch when it meets a `Slow` event, so the parent can
 * kill -9 it mid-batch.
 */
import { PgDriver, SqlEventStore, type RecordedEvent } from '../../event-store/src';
import { ProjectionEngine, ReadStore, sortNumber, type DocumentProjection } from '../src';

export interface Ledger {
  stream: string;
  count: number;
  sum: number;
}

export const ledger = (blockOnSlow: boolean): DocumentProjection<Ledger> => ({
  name: 'ledger',
  version: 1,
  categories: ['need'],
  keysOf: (e) => [e.streamId],
  evolve: (doc, e: RecordedEvent) => {
    if (blockOnSlow && e.type === 'Slow') {
      process.stdout.write('in-batch\n');
      const until = Date.now() + 60_000;
      while (Date.now() < until) {
        // stuck inside the transaction until killed
      }
    }
    return { stream: e.streamId, count: (doc?.count ?? 0) + 1, sum: (doc?.sum ?? 0) + Number(e.data.n ?? 0) };
  },
  index: (d) => ({ communityId: 'ca', status: null, sort: [sortNumber(d.count), d.stream] }),
});

if (require.main === module) {
  const [url, eventSchema, readSchema] = process.argv.slice(2);
  (async () => {
    const driver = new PgDriver({ connectionString: url });
    const store = await SqlEventStore.open(driver, { schema: eventSchema });
    await new ProjectionEngine(store, new ReadStore(driver, readSchema), [ledger(true)], { batchSize: 50 }).catchUp();
    process.stdout.write('done\n');
    process.exit(0);
  })();
}
