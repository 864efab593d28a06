import { Logger } from '@nestjs/common';
import { filterOf, JOB_DISPATCHER_CHECKPOINT, planFor, systemJobClock, type JobClock, type JobRule, type RuleContext } from '@cobuild/jobs';
import type { EventStore, RecordedEvent, Subscription } from '@cobuild/event-store';
import { LogCheckpoint } from '../log-checkpoint';
import type { JobQueues } from './job-queues';

export { JOB_DISPATCHER_CHECKPOINT, dispatcherBacklog } from '@cobuild/jobs';
export const JOB_DISPATCHER_ACTOR_ID = 'worker:job-dispatcher';

export interface DispatcherStatus {
  /** connected: jobs reach the queue; waiting: the queue is unreachable, jobs wait in the log; stopped */
  state: 'starting' | 'connected' | 'waiting' | 'stopped';
  backend: JobQueues['backend'];
  /** the log position up to which every job is in the queue */
  position: number;
  lastError: string | null;
}

export interface JobDispatcher {
  readonly position: number;
  status(): DispatcherStatus;
  /** resolves once every matching event committed so far is in the queue */
  caughtUp(timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

export interface JobDispatcherOptions {
  rules: readonly JobRule[];
  context: RuleContext;
  clock?: JobClock;
  /** how long to wait before trying an unreachable queue again */
  retryMs?: number;
  batchSize?: number;
}

/**
 * The outbox by construction: a checkpointed subscription to the log turns events into jobs
 * (`planFor(rules, event)`), applies them to the queues, then advances its checkpoint (an event on
 * `checkpoint-job-dispatcher`). Nothing in the request path enqueues. When the queue is away the
 * batch fails, the state turns `waiting`, and the subscription starts again from the checkpoint
 * after `retryMs` — the same batch is re-planned with the same deterministic job ids, so nothing
 * is added twice when Redis returns (or when a crash came between enqueue and checkpoint).
 */
export async function startJobDispatcher(store: EventStore, queues: JobQueues, options: JobDispatcherOptions): Promise<JobDispatcher> {
  const logger = new Logger('job-dispatcher');
  const clock = options.clock ?? systemJobClock;
  const filter = filterOf(options.rules);
  const checkpoint = await LogCheckpoint.load(store, JOB_DISPATCHER_CHECKPOINT, JOB_DISPATCHER_ACTOR_ID);
  let state: DispatcherStatus['state'] = 'starting';
  let lastError: string | null = null;
  let subscription: Subscription | null = null;
  let retry: NodeJS.Timeout | null = null;

  const handleBatch = async (events: RecordedEvent[]) => {
    const actions = events.flatMap((e) => planFor(options.rules, e, options.context));
    try {
      if (actions.length) await queues.apply(actions, clock);
    } catch (e) {
      if (state !== 'waiting') logger.warn(`queue unreachable (${(e as Error).message}): jobs wait in the event log from ${checkpoint.position}`);
      state = 'waiting';
      lastError = (e as Error).message;
      throw e;
    }
    if (state !== 'connected') logger.log(`queue reachable: dispatching from ${checkpoint.position}`);
    state = 'connected';
    lastError = null;
    await checkpoint.advance(events[events.length - 1], clock.now());
  };

  const start = () => {
    subscription = store.subscribe(handleBatch, {
      after: checkpoint.position,
      filter,
      batchSize: options.batchSize ?? 500,
      onCaughtUp: () => {
        if (state === 'starting') state = 'connected';
      },
      onError: (e) => {
        if (state !== 'waiting') logger.error(`stopped at ${checkpoint.position}: ${(e as Error).message}; restarting from the checkpoint`);
        if (state !== 'stopped') retry = setTimeout(() => void restart(), options.retryMs ?? 2000);
      },
    });
  };
  const restart = async () => {
    retry = null;
    if (state === 'stopped') return;
    await subscription?.stop().catch(() => undefined);
    await checkpoint.reload().catch(() => undefined);
    start();
  };
  start();

  return {
    get position() {
      return checkpoint.position;
    },
    status: () => ({ state, backend: queues.backend, position: checkpoint.position, lastError }),
    async caughtUp(timeoutMs = 60_000) {
      const head = await store.headPosition();
      const until = Date.now() + timeoutMs;
      for (;;) {
        const [pending] = await store.readAll({ after: checkpoint.position, maxCount: 1, filter });
        if (!pending || pending.position > head) return checkpoint.position;
        if (Date.now() > until) throw new Error(`job dispatcher not caught up after ${timeoutMs} ms (at ${checkpoint.position}, head ${head}, ${state})`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      state = 'stopped';
      if (retry) clearTimeout(retry);
      await subscription?.stop();
    },
  };
}
