import Redis from 'ioredis';

/**
 * The keys the job dispatcher keeps beside its jobs (apps/worker/src/jobs/bullmq-job-queues.ts):
 * `holdsJobs` says the queue holds every job dispatched up to the dispatcher's checkpoint; `refill`
 * holds the progress `{at, until}` of a refill of an emptied queue.
 */
export const queueMarkerKeys = (prefix: string) => ({ holdsJobs: `${prefix}:dispatcher:holds-jobs`, refill: `${prefix}:dispatcher:refill` });

/** A lazily connected Redis client used only to answer "is the queue reachable?" (and does it hold its jobs?). */
export class RedisProbe {
  private client: Redis | null = null;

  constructor(private readonly url: string | undefined) {}

  get configured(): boolean {
    return this.url !== undefined;
  }

  async ping(timeoutMs = 1000): Promise<void> {
    if (!this.url) throw new Error('REDIS_URL is not set: jobs wait in the event log until a queue is configured');
    this.client ??= new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
      connectTimeout: timeoutMs,
    });
    if (this.client.status !== 'ready') {
      this.client.disconnect();
      await this.client.connect();
    }
    const pong = await Promise.race([
      this.client.ping(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('Redis PING timed out')), timeoutMs)),
    ]);
    if (pong !== 'PONG') throw new Error(`Redis answered ${pong}`);
  }

  /** after `ping`: does the queue hold its jobs, and how far did a refill get */
  async queueMarkers(prefix: string): Promise<{ holdsJobs: boolean; refill: { at: number; until: number } | null }> {
    await this.ping();
    const keys = queueMarkerKeys(prefix);
    const [holds, refill] = await Promise.all([this.client!.exists(keys.holdsJobs), this.client!.get(keys.refill)]);
    let progress: { at: number; until: number } | null = null;
    try {
      const p = refill ? (JSON.parse(refill) as { at: number; until: number }) : null;
      if (p && Number.isSafeInteger(p.at) && Number.isSafeInteger(p.until)) progress = { at: p.at, until: p.until };
    } catch {
      progress = null;
    }
    return { holdsJobs: holds === 1, refill: progress };
  }

  async close(): Promise<void> {
    this.client?.disconnect();
    this.client = null;
  }
}
