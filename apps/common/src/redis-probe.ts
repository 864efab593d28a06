import Redis from 'ioredis';

/** A lazily connected Redis client used only to answer "is the queue reachable?". */
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

  async close(): Promise<void> {
    this.client?.disconnect();
    this.client = null;
  }
}
