import { mkdirSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { createEventStore, SqlEventStore, type EventStore } from '@cobuild/event-store';
import { Heartbeats, startHeartbeat } from '@cobuild/projections';
import type { AppConfig } from '../../common/src/config';
import { RedisProbe } from '../../common/src/redis-probe';
import { queueBackendFor, startJobs, jobSettingsOf, type Jobs } from './jobs/jobs-runtime';
import { startTaskFollowUps } from './task-follow-ups';
import { jobRules, webhookDeliveryRules } from '../../../libs/jobs/src/rules';
import { DEFAULT_JOB_OPTIONS } from './jobs/bullmq-job-queues';
import { jobProcessors } from './jobs/processors';
import { webhookProcessors } from './webhooks/webhook.processors';

/**
 * The worker runs the BullMQ processors and the dispatcher (the jobs issue), and the log-driven
 * follow-ups of tasks (releasing allocations, returning needs to the list, recording
 * verifications). It uses the given event store (one process: the API's), or opens its own.
 */
export async function startWorker(config: AppConfig, sharedStore?: EventStore): Promise<{ stop(): Promise<void>; jobs: Jobs | null }> {
  const logger = new Logger('worker');
  const probe = new RedisProbe(config.redisUrl);
  if (!probe.configured && config.embeddedQueue === 'pglite') logger.log('no REDIS_URL: the queues run on an embedded PGlite (COBUILD_EMBEDDED_QUEUE=pglite)');
  else if (!probe.configured) logger.warn('no REDIS_URL: jobs wait in the event log until a queue is configured');
  else
    await probe.ping().then(
      () => logger.log('Redis reachable'),
      (e: Error) => logger.warn(`Redis unreachable (${e.message}): jobs wait in the event log`),
    );
  const ownStore = sharedStore ? null : await openStore(config);
  const store = sharedStore ?? ownStore!;
  const followUps = await startTaskFollowUps(store);
  // with Redis configured the dispatcher runs even while it is down: it waits, and catches up when Redis returns
  const queue = await queueBackendFor(config);
  const jobs = queue
    ? await startJobs(store, {
        backend: queue.backend,
        timeZone: config.timeZone,
        settings: jobSettingsOf(config),
        // the webhook rules and processors need the configured channels (COBUILD_WEBHOOKS)
        rules: [...jobRules, ...webhookDeliveryRules(config.webhooks)],
        processors: [...jobProcessors, ...webhookProcessors(config.webhooks, DEFAULT_JOB_OPTIONS.attempts ?? 1)],
      })
    : null;
  // liveness for the API's /health in the split layout: a row in the read schema, beaten every few seconds (see process-health.ts)
  const heartbeat =
    store instanceof SqlEventStore
      ? startHeartbeat(
          new Heartbeats(store.driver, config.readSchema),
          'worker',
          config.health.heartbeatSeconds * 1000,
          () => {
            const status = jobs?.dispatcher.status();
            return status ? { dispatcher: status.state, backend: status.backend, position: status.position } : { dispatcher: 'off' };
          },
          (e) => logger.warn(`heartbeat not recorded: ${(e as Error).message}`),
        )
      : null;
  await heartbeat?.first;
  return {
    jobs,
    stop: async () => {
      await heartbeat?.stop();
      // graceful: running jobs finish (or return to the queue) before the store closes
      await jobs?.stop();
      await queue?.close();
      await followUps.stop();
      await ownStore?.close();
      await probe.close();
    },
  };
}

async function openStore(config: AppConfig): Promise<EventStore> {
  const es = config.eventStore;
  if (es.kind === 'embedded') mkdirSync(es.dataDir, { recursive: true });
  return createEventStore({ ...es, dataDir: es.dataDir });
}
