import { Logger } from '@nestjs/common';
import type { AppConfig } from '../../common/src/config';
import { RedisProbe } from '../../common/src/redis-probe';

/**
 * The worker runs the BullMQ processors and the dispatcher (the jobs issue). For now it checks
 * the queue backend and says plainly when jobs will wait in the event log.
 */
export async function startWorker(config: AppConfig): Promise<{ stop(): Promise<void> }> {
  const logger = new Logger('worker');
  const probe = new RedisProbe(config.redisUrl);
  if (!probe.configured) logger.warn('no REDIS_URL: jobs wait in the event log until a queue is configured');
  else
    await probe.ping().then(
      () => logger.log('Redis reachable'),
      (e: Error) => logger.warn(`Redis unreachable (${e.message}): jobs wait in the event log`),
    );
  return { stop: () => probe.close() };
}
