import { Logger } from '@nestjs/common';
import type { EventStore, RecordedEvent, Subscription } from '@cobuild/event-store';

/**
 * The projector follows the event log with a catch-up subscription and folds events into read
 * models. Read models arrive with the projections issue; for now it follows the log and reports
 * how far it is, so lag can be observed.
 */
export interface RunningProjector {
  readonly position: number;
  stop(): Promise<void>;
}

export function startProjector(store: EventStore, handlers: Array<(events: RecordedEvent[]) => Promise<void>> = []): RunningProjector {
  const logger = new Logger('projector');
  let logged = -1;
  const sub: Subscription = store.subscribe(
    async (events) => {
      for (const h of handlers) await h(events);
    },
    {
      onCaughtUp: (position) => {
        if (position !== logged) logger.log(`caught up at log position ${position}`);
        logged = position;
      },
      onError: (e) => logger.error(`stopped: ${(e as Error).message}`),
    },
  );
  return {
    get position() {
      return sub.position;
    },
    stop: () => sub.stop(),
  };
}
