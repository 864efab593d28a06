import { PgliteDriver, SqlEventStore } from '../src';
import { eventStoreContract } from './event-store.contract';

eventStoreContract({
  name: 'embedded (PGlite)',
  create: async (options) => SqlEventStore.open(await PgliteDriver.open(), { pollMs: 200, ...options }),
});
