import type { Queue } from 'bullmq';
import { Gauge, type Registry } from 'prom-client';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized', 'waiting-children'] as const;

/**
 * Queue depth and failures on /metrics: `cobuild_queue_jobs{queue,state}` (waiting, active, delayed,
 * failed, …) read from each queue at scrape time, and `cobuild_queue_up{queue}` (0 when the queue
 * backend did not answer within the timeout, so a scrape never hangs on an unreachable Redis).
 */
export function registerQueueMetrics(registry: Registry, queues: readonly Queue[], timeoutMs = 1000): void {
  const read = async (q: Queue) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
    const counts = await Promise.race([q.getJobCounts(...STATES).catch(() => null), late]);
    clearTimeout(timer);
    return counts;
  };
  let last: Promise<Map<string, Record<string, number> | null>> | null = null;
  // both gauges are collected in one scrape: read the queues once for both
  const snapshot = () =>
    (last ??= Promise.all(queues.map(async (q) => [q.name, await read(q)] as const))
      .then((rows) => new Map(rows))
      .finally(() => setTimeout(() => (last = null), 0)));
  new Gauge({
    name: 'cobuild_queue_jobs',
    help: 'jobs in each queue by state (waiting, active, delayed, failed, completed, …)',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [queue, counts] of await snapshot()) if (counts) for (const s of STATES) this.set({ queue, state: s }, counts[s] ?? 0);
    },
  });
  new Gauge({
    name: 'cobuild_queue_up',
    help: '1 when the queue backend answered at the last scrape, else 0',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [queue, counts] of await snapshot()) this.set({ queue }, counts ? 1 : 0);
    },
  });
}
