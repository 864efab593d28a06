import type { EventStore } from '@cobuild/event-store';
import { filterOf, type JobRule } from './job-plan';

/** The dispatcher's checkpoint stream: one `CheckpointAdvanced {position}` per dispatched batch. */
export const JOB_DISPATCHER_CHECKPOINT = 'checkpoint-job-dispatcher';

/**
 * The dispatcher's progress as the log records it (so any process can tell — the API's health
 * reads it while the worker runs elsewhere): its checkpoint and how many events that make jobs
 * wait after it (counted up to `cap`).
 */
export async function dispatcherBacklog(store: EventStore, rules: readonly JobRule[], cap = 1000): Promise<{ position: number; backlog: number; capped: boolean }> {
  const [last] = await store.readStream(JOB_DISPATCHER_CHECKPOINT, { direction: 'backwards', maxCount: 1 });
  const position = last ? Number(last.data.position) : 0;
  const pending = await store.readAll({ after: position, maxCount: cap, filter: filterOf(rules) });
  return { position, backlog: pending.length, capped: pending.length >= cap };
}
