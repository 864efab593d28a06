import { Logger } from '@nestjs/common';
import { SqlEventStore, type EventStore } from '@cobuild/event-store';
import { ALL_PROJECTIONS, Heartbeats, ProjectionEngine, ReadStore, startHeartbeat, type DocumentProjection } from '@cobuild/projections';

/**
 * The projector follows the event log and keeps the read models (the three lists, scorecards,
 * dashboards…) in their own schema of the store's database, each batch in one transaction with
 * its checkpoint.
 */
export interface RunningProjector {
  readonly position: number;
  readonly secondsBehind: number;
  /** applies everything up to the current head (tests, CLI) */
  catchUp(): Promise<void>;
  stop(): Promise<void>;
}

export async function startProjector(
  store: EventStore,
  readSchema: string,
  projections: readonly DocumentProjection<any>[] = ALL_PROJECTIONS,
  /** cacheChars: the document cache's bound; heartbeatMs: how often it says it is alive (0: never; default 5 s) */
  options: { cacheChars?: number; heartbeatMs?: number } = {},
): Promise<RunningProjector> {
  const logger = new Logger('projector');
  if (!(store instanceof SqlEventStore)) {
    logger.warn(`read models need the embedded or PostgreSQL store; the ${store.kind} store keeps events only`);
    return { position: 0, secondsBehind: 0, catchUp: async () => undefined, stop: async () => undefined };
  }
  const engine = new ProjectionEngine(store, new ReadStore(store.driver, readSchema), projections, {
    cacheChars: options.cacheChars,
    onError: (e) => logger.error(`batch failed, retrying from the checkpoint: ${(e as Error).message}`),
  });
  await engine.start();
  // liveness for the API's /health when the projector runs elsewhere: a dead projector with nothing to apply shows no lag
  const heartbeatMs = options.heartbeatMs ?? 5000;
  const heartbeat =
    heartbeatMs > 0
      ? startHeartbeat(new Heartbeats(store.driver, readSchema), 'projector', heartbeatMs, () => ({ position: engine.position }), (e) =>
          logger.warn(`heartbeat not recorded: ${(e as Error).message}`),
        )
      : null;
  await heartbeat?.first;
  logger.log(`following the log for ${projections.map((p) => p.name).join(', ') || 'no projections yet'}`);
  return {
    get position() {
      return engine.position;
    },
    get secondsBehind() {
      return engine.secondsBehind;
    },
    catchUp: () => engine.catchUp(),
    stop: async () => {
      await heartbeat?.stop();
      await engine.stop();
    },
  };
}
