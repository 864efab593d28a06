import { KurrentDbEventStore } from '../src/kurrentdb/kurrentdb-event-store';
import { eventStoreContract } from './event-store.contract';

/**
 * Runs the same contract against a KurrentDB/EventStoreDB server when KURRENTDB_URL is set
 * (e.g. kurrentdb://127.0.0.1:2113?tls=false). No server can be had on this machine, so without
 * the variable the whole suite is reported as skipped, loudly.
 */
const url = process.env.KURRENTDB_URL;
if (url) {
  eventStoreContract({
    name: `KurrentDB at ${url}`,
    create: (options) => KurrentDbEventStore.connect(url, { pollMs: 100, ...options }),
  });
} else {
  // eslint-disable-next-line no-console
  console.warn('KurrentDB contract SKIPPED: set KURRENTDB_URL to run the event-store contract against a KurrentDB server.');
  describe.skip('EventStore contract: KurrentDB (SKIPPED: KURRENTDB_URL is not set)', () => {
    it('needs a KurrentDB server', () => undefined);
  });
}

describe('KurrentDB adapter without a server', () => {
  it('reports an unreachable server as STORE.UNAVAILABLE', async () => {
    const err = await KurrentDbEventStore.connect('kurrentdb://127.0.0.1:1?tls=false').catch((e) => e);
    expect(err).toMatchObject({ code: 'STORE.UNAVAILABLE' });
  });
});
