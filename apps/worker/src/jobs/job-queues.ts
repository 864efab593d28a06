import type { DispatchAction } from '@cobuild/jobs';
import type { JobClock } from '@cobuild/jobs';

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
  /** remember that this backend holds the dispatched jobs (checked by `intact`) */
  markIntact(): Promise<void>;
  close(): Promise<void>;
}
