import type { EventStore } from '@cobuild/event-store';
import type { JobClock, JobSettings } from '@cobuild/jobs';
import type { CommandHandler } from '../../../common/src/commands/command-handler';

/** What a processor gets: the store (to read its subject), the command handler (to record its outcome), the clock. */
export interface ProcessorContext {
  store: EventStore;
  handler: CommandHandler;
  clock: JobClock;
  settings: JobSettings;
  timeZone: string;
}

/** The job as a processor sees it (BullMQ's Job, narrowed). */
export interface JobInput<D = Record<string, unknown>> {
  id: string;
  name: string;
  data: D;
  attemptsMade: number;
  /** the job's attempts in all (a processor that records a dead letter needs to know the last one) */
  maxAttempts?: number;
}

/**
 * One processor per job kind: thin — read what it needs, then record its outcome as an event
 * through the command handler, idempotently (a deterministic stream or idempotency key from the
 * job id), so a retried or re-run job records nothing twice. Throw to retry (BullMQ backs off);
 * return a short outcome string for the logs.
 */
export interface JobProcessor<D = any> {
  queue: string;
  /** the job name (JobSpec.name) it handles */
  name: string;
  process(job: JobInput<D>, context: ProcessorContext): Promise<string>;
}
