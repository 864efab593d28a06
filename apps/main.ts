/**
 * `npm start`: api + projector + worker in one process on the configured (default: embedded)
 * components. In production each app runs as its own process (see README).
 */
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';
import { startApi } from './api/src/bootstrap';
import { ProjectorProgress } from './common/src/projector-progress';
import { runMain } from './common/src/run-main';
import { startProjector } from './projector/src/projector';
import { startWorker } from './worker/src/worker';

runMain('cobuild', async (config) => {
  const api = await startApi(config);
  const projector = await startProjector(api.get<EventStore>(EVENT_STORE), config.readSchema);
  api.get(ProjectorProgress).attach(projector);
  const worker = await startWorker(config, api.get<EventStore>(EVENT_STORE));
  const stop = async () => {
    await worker.stop();
    await projector.stop();
    await api.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
});
