import { Logger } from '@nestjs/common';
import { UnrecoverableError, Worker } from 'bullmq';
import type Redis from 'ioredis';
import type { JobProcessor, ProcessorContext } from './job-processor';
import { bullArgs, redisClient, type QueueBackendConfig } from './queue-backend';

export interface JobWorkersOptions {
  concurrency?: number;
  /** how long a job's lock lasts without renewal: a worker that died returns its job after about this long */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** how long stop() lets running jobs finish before it closes anyway (they return to the queue as stalled) */
  shutdownGraceMs?: number;
}

export interface JobWorkers {
  /** graceful: takes no new jobs, lets running ones finish (up to the grace period), then closes */
  stop(): Promise<void>;
  readonly running: number;
}

/** One BullMQ Worker per queue, routing each job by name to its processor. */
export function startJobWorkers(
  backend: QueueBackendConfig,
  processors: readonly JobProcessor[],
  context: ProcessorContext,
  options: JobWorkersOptions = {},
): JobWorkers {
  const logger = new Logger('job-workers');
  const byQueue = new Map<string, Map<string, JobProcessor>>();
  for (const p of processors) {
    const names = byQueue.get(p.queue) ?? new Map<string, JobProcessor>();
    if (names.has(p.name)) throw new Error(`two processors for ${p.queue}/${p.name}`);
    names.set(p.name, p);
    byQueue.set(p.queue, names);
  }
  let running = 0;
  const clients: Redis[] = [];
  const workers = [...byQueue].map(([queue, names]) => {
    const client = backend.kind === 'redis' ? redisClient(backend.url, true) : null;
    if (client) clients.push(client);
    const [opts, factory] = bullArgs(backend, client);
    const worker = new Worker(
      queue,
      async (job) => {
        const p = names.get(job.name);
        if (!p) throw new UnrecoverableError(`no processor for ${queue}/${job.name}`);
        running++;
        try {
          return await p.process({ id: job.id!, name: job.name, data: job.data, attemptsMade: job.attemptsMade, maxAttempts: job.opts.attempts ?? 1 }, context);
        } finally {
          running--;
        }
      },
      {
        ...opts,
        concurrency: options.concurrency ?? 4,
        lockDuration: options.lockDurationMs ?? 30_000,
        stalledInterval: options.stalledIntervalMs ?? 30_000,
        maxStalledCount: 5,
      },
      factory,
    );
    worker.on('error', (e) => logger.warn(`${queue}: ${e.message}`));
    worker.on('failed', (job, e) => logger.warn(`${queue}/${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${e.message}`));
    return worker;
  });
  return {
    get running() {
      return running;
    },
    async stop() {
      const grace = options.shutdownGraceMs ?? 10_000;
      await Promise.all(
        workers.map(async (w) => {
          let timer: NodeJS.Timeout | undefined;
          // pause (take no new job) and wait for the running ones, not close(): a close() in progress
          // is what a later close(true) would return, so the grace period would never end
          const graceful = w.pause(false).then(() => true);
          const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), grace)));
          const finished = await Promise.race([graceful, late]);
          clearTimeout(timer);
          // still running after the grace period: close now; their locks lapse and another worker takes them
          await w.close(!finished).catch(() => undefined);
        }),
      );
      for (const c of clients) c.disconnect();
    },
  };
}
