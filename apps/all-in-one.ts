import type { INestApplication } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';
import { startApi } from './api/src/bootstrap';
import type { AppConfig } from './common/src/config';
import { ProjectorProgress } from './common/src/projector-progress';
import { startProjector } from './projector/src/projector';
import { startWorker } from './worker/src/worker';

/**
 * api + projector + worker in one process on one event store (`npm start`). The projector's
 * checkpoints and the worker's heartbeat go to the same database as in the split layout, so
 * /health and /metrics read them the same way.
 */
export async function startAllInOne(config: AppConfig): Promise<{ api: INestApplication; stop(): Promise<void> }> {
  const api = await startApi(config);
  const store = api.get<EventStore>(EVENT_STORE);
  const projector = await startProjector(store, config.readSchema, undefined, { cacheChars: config.projectorCacheMiChars * 2 ** 20, heartbeatMs: config.health.heartbeatSeconds * 1000 });
  api.get(ProjectorProgress).attach(projector);
  const worker = await startWorker(config, store);
  return {
    api,
    stop: async () => {
      await worker.stop();
      await projector.stop();
      await api.close();
    },
  };
}
