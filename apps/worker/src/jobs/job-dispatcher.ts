import { Logger } from '@nestjs/common';
import { filterOf, JOB_DISPATCHER_CHECKPOINT, planFor, systemJobClock, type JobClock, type JobRule, type RuleContext } from '@cobuild/jobs';
import type { EventStore, RecordedEvent, Subscription } from '@cobuild/event-store';
import { LogCheckpoint } from '../log-checkpoint';
import type { JobQueues, RefillProgress } from './job-queues';

export { JOB_DISPATCHER_CHECKPOINT, dispatcherBacklog } from '@cobuild/jobs';
export const JOB_DISPATCHER_ACTOR_ID = 'worker:job-dispatcher';

export interface DispatcherStatus {
  /** connected: jobs reach the queue; waiting: the queue is unreachable, jobs wait in the log; stopped */
  state: 'starting' | 'connected' | 'waiting' | 'stopped';
  backend: JobQueues['backend'];
  /** the log position up to which every job is in the queue */
  position: number;
  /** while an emptied queue is refilled from the log: how far (`at`) towards `until` */
  refill: RefillProgress | null;
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
  /** how often a connected dispatcher checks that the queue still holds its jobs */
  intactCheckMs?: number;
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

  // a queue that lost its jobs (Redis restarted empty) is refilled from the start of the log:
  // the ids are deterministic and the processors check their subject and record once, so what
  // ran already records nothing new; the checkpoint moves again only past where it stood. The
  // refill's progress lives in the queue backend beside the jobs (`startRefill`/`advanceRefill`),
  // and the queue is marked intact only when the refill is complete (`finishRefill`): a dispatcher
  // killed half-way resumes the refill, and a Redis emptied again during it starts it over.
  let replay: RefillProgress | null = null;
  let marked = false;

  /** the queue holds none of what was dispatched: resume a refill left half-way, or start one */
  const beginRefill = async () => {
    const left = await queues.refill();
    if (left) {
      replay = { at: left.at, until: Math.max(left.until, checkpoint.position) };
      logger.warn(`resuming the refill of the emptied queue at ${replay.at} (up to ${replay.until})`);
      return;
    }
    replay = { at: 0, until: checkpoint.position };
    await queues.startRefill(replay.until);
    logger.warn(`the queue holds none of the jobs dispatched up to ${checkpoint.position} (restarted without persistence?): dispatching them again from the start of the log`);
  };

  const handleBatch = async (events: RecordedEvent[]) => {
    const last = events[events.length - 1];
    try {
      if (!marked && replay === null && !(await queues.intact())) {
        if (checkpoint.position > 0 || (await queues.refill())) {
          await beginRefill();
          throw new QueueEmptiedError();
        }
        await queues.markIntact(); // nothing was dispatched before
      }
      marked = true;
      const actions = events.flatMap((e) => planFor(options.rules, e, options.context));
      if (actions.length) await queues.apply(actions, clock);
      if (replay) {
        const done = last.position >= replay.until;
        const kept = done ? await queues.finishRefill() : await queues.advanceRefill({ at: last.position, until: replay.until });
        if (!kept) {
          // emptied again during the refill: what it put back before is gone too
          replay = null;
          marked = false;
          await beginRefill();
          throw new QueueEmptiedError();
        }
      }
    } catch (e) {
      marked = false;
      if (e instanceof QueueEmptiedError) throw e;
      if (state !== 'waiting') logger.warn(`queue unreachable (${(e as Error).message}): jobs wait in the event log from ${checkpoint.position}`);
      state = 'waiting';
      lastError = (e as Error).message;
      throw e;
    }
    if (state !== 'connected') logger.log(`queue reachable: dispatching from ${replay ? replay.at : checkpoint.position}`);
    state = 'connected';
    lastError = null;
    if (replay) {
      replay.at = last.position;
      if (replay.at >= replay.until) {
        logger.log(`the queue is refilled up to ${replay.until}`);
        replay = null;
      } else return;
    }
    if (last.position > checkpoint.position) await checkpoint.advance(last, clock.now());
  };

  const start = () => {
    subscription = store.subscribe(handleBatch, {
      after: replay ? replay.at : checkpoint.position,
      filter,
      batchSize: options.batchSize ?? 500,
      onCaughtUp: () => {
        if (state === 'starting') state = 'connected';
      },
      onError: (e) => {
        const emptied = e instanceof QueueEmptiedError;
        if (!emptied && state !== 'waiting') logger.error(`stopped at ${checkpoint.position}: ${(e as Error).message}; restarting from the checkpoint`);
        if (state !== 'stopped') retry = setTimeout(() => void restart(), emptied ? 0 : (options.retryMs ?? 2000));
      },
    });
  };
  // one restart at a time (the retry after an error and the watch below may both ask for one)
  let refillWanted = false;
  let restarting: Promise<void> = Promise.resolve();
  const restart = () =>
    (restarting = restarting.then(async () => {
      retry = null;
      if (state === 'stopped') return;
      await subscription?.stop().catch(() => undefined); // after its in-flight batch
      await checkpoint.reload().catch(() => undefined);
      if (refillWanted && replay === null) {
        refillWanted = false;
        marked = false;
        // the refill ends at the checkpoint as it stands now that no batch is in flight
        await queues
          .intact()
          .then((ok) => (ok ? undefined : beginRefill()))
          .catch(() => undefined);
      }
      if ((state as DispatcherStatus['state']) !== 'stopped') start();
    }).catch((e: Error) => logger.error(`restart failed: ${e.message}`)));
  // a refill left half-way by a dispatcher that stopped (or a queue emptied while none ran) goes on
  // at once, not after the first new event or the first check of the watch below
  if (checkpoint.position > 0) await queues.intact().then((ok) => (ok ? undefined : beginRefill())).catch(() => undefined);
  start();
  // with no new events, an emptied queue is noticed here
  let checking = false;
  const watch = setInterval(() => {
    if (checking || state !== 'connected' || replay !== null || checkpoint.position === 0) return;
    checking = true;
    queues
      .intact()
      .then(async (ok) => {
        if (ok || replay !== null || state !== 'connected') return;
        refillWanted = true;
        await restart();
      })
      .catch(() => undefined)
      .finally(() => (checking = false));
  }, options.intactCheckMs ?? 5000);
  watch.unref();

  return {
    get position() {
      return checkpoint.position;
    },
    status: () => ({ state, backend: queues.backend, position: checkpoint.position, refill: replay ? { ...replay } : null, lastError }),
    async caughtUp(timeoutMs = 60_000) {
      const head = await store.headPosition();
      const until = Date.now() + timeoutMs;
      for (;;) {
        const [pending] = await store.readAll({ after: checkpoint.position, maxCount: 1, filter });
        if (replay === null && (!pending || pending.position > head)) return checkpoint.position;
        if (Date.now() > until) throw new Error(`job dispatcher not caught up after ${timeoutMs} ms (at ${checkpoint.position}, head ${head}, ${state})`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      state = 'stopped';
      clearInterval(watch);
      if (retry) clearTimeout(retry);
      await subscription?.stop();
    },
  };
}

/** the queue lost what was dispatched: start again from the beginning of the log */
class QueueEmptiedError extends Error {
  override name = 'QueueEmptiedError';
}
