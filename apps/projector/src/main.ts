import { createEventStore } from '@cobuild/event-store';
import { runMain } from '../../common/src/run-main';
import { startProjector } from './projector';

runMain('cobuild-projector', async (config) => {
  const store = await createEventStore(config.eventStore);
  const projector = await startProjector(store, config.readSchema, undefined, { cacheChars: config.projectorCacheMiChars * 2 ** 20, heartbeatMs: config.health.heartbeatSeconds * 1000 });
  const stop = async () => {
    await projector.stop();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
});
