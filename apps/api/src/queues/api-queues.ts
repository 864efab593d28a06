import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { QUEUES } from '@cobuild/jobs';
import { APP_CONFIG, type AppConfig } from '../../../common/src/config';
import { ApiMetrics } from '../observability/metrics';
import { registerQueueMetrics } from './queue-metrics';

/** the queues the dashboard and /metrics show, under the worker's key prefix (COBUILD_QUEUE_PREFIX) */
export const DASHBOARD_QUEUES: readonly string[] = Object.values(QUEUES);

/**
 * The API's handles on the worker's queues (read and admin actions only; nothing is enqueued
 * from the request path). No REDIS_URL: none, and /admin/queues says so. The client fails fast
 * while Redis is away, so a dashboard page or a scrape answers instead of hanging.
 */
@Injectable()
export class ApiQueues implements OnModuleInit, OnModuleDestroy {
  readonly queues: Queue[];
  private readonly client: IORedis | null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly metrics: ApiMetrics,
  ) {
    this.client = config.redisUrl
      ? new IORedis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000, retryStrategy: (n) => Math.min(n * 200, 2000) })
      : null;
    this.client?.on('error', () => undefined); // reported by /health and cobuild_queue_up, not as crashes
    this.queues = this.client ? DASHBOARD_QUEUES.map((name) => new Queue(name, { connection: this.client!, prefix: config.queuePrefix })) : [];
    for (const q of this.queues) q.on('error', () => undefined);
  }

  get configured(): boolean {
    return this.client !== null;
  }

  onModuleInit(): void {
    if (this.configured) registerQueueMetrics(this.metrics.registry, this.queues);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close().catch(() => undefined)));
    this.client?.disconnect();
    Logger.debug('queue handles closed', 'queues');
  }
}
