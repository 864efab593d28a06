import type { EventStore } from '@cobuild/event-store';
import type { Queue } from 'bullmq';
import type { JobDispatcher } from '../job-dispatcher';

/**
 * Waits (bounded) until everything the log asks of the queue has happened: the dispatcher has
 * planned every event up to the head, no job whose id matches is waiting, delayed or running, and
 * no event was appended meanwhile (a job's effect may plan further jobs). Once this holds, any
 * duplicate job would already have run and written its effect: a test counts effects after it
 * instead of sleeping "long enough" for a duplicate to show.
 */
export async function jobsSettled(store: EventStore, dispatcher: JobDispatcher, queue: Queue, matches: (jobId: string) => boolean, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const head = await store.headPosition();
    await dispatcher.caughtUp();
    const open = (await queue.getJobs(['waiting', 'delayed', 'active'])).filter((j) => j.id && matches(j.id));
    if (open.length === 0 && (await store.headPosition()) === head) return;
    if (Date.now() > end) throw new Error(`timed out waiting for the jobs to settle (${open.map((j) => j.id).join(', ')} still open)`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
