import type { DispatchAction } from '@cobuild/jobs';
import type { JobClock } from '@cobuild/jobs';

export interface RefillProgress {
  /** the jobs of the events up to this position are in the queue again */
  at: number;
  /** the refill ends here (the dispatcher's checkpoint when the loss was noticed) */
  until: number;
}

/** The dispatcher's view of the queue backend: apply actions in order; say whether it is reachable. */
export interface JobQueues {
  readonly backend: 'redis' | 'postgres';
  /** in order; throws when the backend is unreachable (the dispatcher waits and retries the batch) */
  apply(actions: readonly DispatchAction[], clock: JobClock): Promise<void>;
  ping(): Promise<void>;
  /**
   * false when the backend holds none of the jobs dispatched before (a Redis restarted without
   * persistence, or flushed): the dispatcher then dispatches the log again from its start
   */
  intact(): Promise<boolean>;
  /**
   * remember that this backend holds the dispatched jobs (checked by `intact`): only when nothing
   * was dispatched before, or through `finishRefill` once a refill is complete
   */
  markIntact(): Promise<void>;
  /**
   * A refill of an emptied queue (the log dispatched again from its start up to `until`, the
   * dispatcher's checkpoint when the loss was noticed) keeps its progress in the backend itself,
   * beside the jobs: the progress disappears with them, so it never claims jobs that are gone.
   * `refill` reads a refill left half-way (a dispatcher killed during it), or null.
   */
  refill(): Promise<RefillProgress | null>;
  /** begin a refill at the start of the log (the queue is not intact until `finishRefill`) */
  startRefill(until: number): Promise<void>;
  /** the jobs up to `at` are back; false when the backend lost the refill's progress (emptied again) */
  advanceRefill(progress: RefillProgress): Promise<boolean>;
  /** the refill is complete: mark the queue intact in one step; false when it was emptied again */
  finishRefill(): Promise<boolean>;
  close(): Promise<void>;
}
