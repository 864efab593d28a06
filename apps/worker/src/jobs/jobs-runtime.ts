import { Logger } from '@nestjs/common';
import type { EventStore } from '@cobuild/event-store';
import { DEFAULT_JOB_SETTINGS, jobRules, systemJobClock, type JobClock, type JobRule, type JobSettings } from '@cobuild/jobs';
import { CommandHandler } from '../../../common/src/commands/command-handler';
import type { AppConfig } from '../../../common/src/config';
import { BullJobQueues } from './bullmq-job-queues';
import { startJobDispatcher, type JobDispatcher } from './job-dispatcher';
import type { JobProcessor } from './job-processor';
import { startJobWorkers, type JobWorkers, type JobWorkersOptions } from './job-workers';
import { jobProcessors } from './processors';
import type { QueueBackendConfig } from './queue-backend';
import { startEmbeddedQueueDatabase } from './embedded-queue-database';

export interface Jobs {
  dispatcher: JobDispatcher;
  workers: JobWorkers | null;
  queues: BullJobQueues;
  /** graceful: the dispatcher stops after its batch, the workers finish (or return) their jobs */
  stop(): Promise<void>;
}

export interface JobsOptions {
  backend: QueueBackendConfig;
  timeZone: string;
  settings?: Partial<JobSettings>;
  clock?: JobClock;
  rules?: readonly JobRule[];
  processors?: readonly JobProcessor[];
  /** false: dispatch only (another process runs the processors) */
  runProcessors?: boolean;
  workers?: JobWorkersOptions;
  retryMs?: number;
  /** how often the dispatcher checks that the queue still holds its jobs (default 5 s) */
  intactCheckMs?: number;
  batchSize?: number;
}

/** The settings the rules and processors see, from the configuration. */
export function jobSettingsOf(config: AppConfig): JobSettings {
  return { ...DEFAULT_JOB_SETTINGS, ...config.jobs };
}

/**
 * Where the configured queues live: Redis when REDIS_URL is set; else, with
 * COBUILD_EMBEDDED_QUEUE=pglite, BullMQ's PostgreSQL backend on an embedded PGlite of its own
 * (in `<data dir>-queue` beside the embedded store's folder); else nowhere (jobs wait in the log).
 */
export async function queueBackendFor(config: AppConfig): Promise<{ backend: QueueBackendConfig; close(): Promise<void> } | null> {
  if (config.redisUrl) return { backend: { kind: 'redis', url: config.redisUrl, prefix: config.queuePrefix }, close: async () => undefined };
  if (config.embeddedQueue !== 'pglite') return null;
  const db = await startEmbeddedQueueDatabase(`${config.eventStore.dataDir.replace(/\/+$/, '')}-queue`);
  return { backend: { kind: 'postgres', connectionString: db.connectionString, schema: db.schema, maxConnections: 1 }, close: () => db.stop() };
}

/** Starts the dispatcher (log → queues) and the processors (queues → events) on one backend. */
export async function startJobs(store: EventStore, options: JobsOptions): Promise<Jobs> {
  const settings = { ...DEFAULT_JOB_SETTINGS, ...options.settings };
  const clock = options.clock ?? systemJobClock;
  const queues = new BullJobQueues(options.backend);
  const dispatcher = await startJobDispatcher(store, queues, {
    rules: options.rules ?? jobRules,
    context: { timeZone: options.timeZone, settings },
    clock,
    retryMs: options.retryMs,
    intactCheckMs: options.intactCheckMs,
    batchSize: options.batchSize,
  });
  const workers =
    options.runProcessors === false
      ? null
      : startJobWorkers(options.backend, options.processors ?? jobProcessors, { store, handler: new CommandHandler(store), clock, settings, timeZone: options.timeZone }, {
          // one pooled connection to a PGlite session: one job at a time
          ...(options.backend.kind === 'postgres' && options.backend.maxConnections === 1 ? { concurrency: 1 } : {}),
          ...options.workers,
        });
  new Logger('jobs').log(`dispatching to ${options.backend.kind}${workers ? ', processing' : ''}`);
  return {
    dispatcher,
    workers,
    queues,
    async stop() {
      await dispatcher.stop();
      await workers?.stop();
      await queues.close();
    },
  };
}
