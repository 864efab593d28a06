import type { ConnectionOptions, QueueBaseOptions } from 'bullmq';
import Redis, { type RedisOptions } from 'ioredis';

/**
 * Where the queues live: Redis (production) or PostgreSQL through BullMQ's PostgreSQL backend
 * (`bullmq/postgres`). `prefix` namespaces a Redis keyspace, `schema` a PostgreSQL one, so tests
 * and benchmarks run side by side on the shared servers.
 */
export type QueueBackendConfig =
  | { kind: 'redis'; url: string; prefix?: string }
  | { kind: 'postgres'; connectionString: string; schema?: string; maxConnections?: number };

export const DEFAULT_QUEUE_PREFIX = 'cobuild';

/**
 * ioredis options for a client that fails fast while Redis is away (commands reject instead of
 * queueing in memory) and keeps reconnecting in the background, so the dispatcher can say
 * "waiting" and catch up when Redis returns. Workers need `maxRetriesPerRequest: null` (BullMQ's
 * blocking commands): `forWorker` gives that.
 */
export function redisOptions(url: string, forWorker = false): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: forWorker ? null : 1,
    enableOfflineQueue: forWorker,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  };
}

export function redisClient(url: string, forWorker = false): Redis {
  const client = new Redis({ ...redisOptions(url, forWorker), lazyConnect: false });
  client.on('error', () => undefined); // reported through the dispatcher's state and health, not as crashes
  return client;
}

/** The constructor arguments (options, backend factory) for a BullMQ Queue/Worker on this backend. */
export function bullArgs(config: QueueBackendConfig, connection: ConnectionOptions | null): [QueueBaseOptions<any> & { prefix?: string }, any] {
  if (config.kind === 'redis') return [{ connection: connection!, prefix: config.prefix ?? DEFAULT_QUEUE_PREFIX }, undefined];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createPostgresBackend } = require('bullmq/dist/cjs/postgres') as typeof import('bullmq/dist/esm/postgres');
  return [
    { connection: { connectionString: config.connectionString, schema: config.schema ?? 'cobuild_jobs', migrate: true, max: config.maxConnections ?? 10 } as never },
    createPostgresBackend,
  ];
}

/** Resolves when the client is connected; rejects after `timeoutMs` (Redis away: the caller waits and retries). */
export function whenReady(client: Redis, timeoutMs = 2000): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (e?: Error) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      if (e) reject(e);
      else resolve();
    };
    const onReady = () => done();
    const timer = setTimeout(() => done(new Error(`Redis not reachable (${client.status})`)), timeoutMs);
    client.on('ready', onReady);
  });
}
