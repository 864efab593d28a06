import { spawn } from 'node:child_process';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApi } from '../../../api/src/bootstrap';
import { loadConfig } from '../../../common/src/config';
import { join } from 'node:path';
import { createEventStore, type EventStore } from '@cobuild/event-store';
import { QUEUES } from '@cobuild/jobs';
import { Queue } from 'bullmq';
import { SchemaJanitor, TEST_POSTGRES_URL } from '../../../../libs/event-store/test/postgres-test-db';
import { startJobs } from './jobs-runtime';
import { redisClient } from './queue-backend';
import { PrivateRedis } from './testing/private-redis';
import { TaskFixture } from './testing/task-fixture';

const PREFIX = 'refill';
const TASKS = 120;
const KILLS = 4;

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false> | T, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** every job id the queues hold, whatever its state */
async function jobIds(url: string): Promise<string[]> {
  const connection = redisClient(url, true);
  const ids: string[] = [];
  for (const name of Object.values(QUEUES)) {
    const q = new Queue(name, { connection, prefix: PREFIX });
    ids.push(...(await q.getJobs(['delayed', 'waiting', 'prioritized', 'active', 'completed', 'failed'])).map((j) => `${name}/${j.id}`));
    await q.close();
  }
  connection.disconnect();
  return ids.sort();
}

/** how many keys Redis holds: grows with every job the refill puts back (cheap enough to poll closely) */
async function keyCount(url: string): Promise<number> {
  const c = redisClient(url, true);
  const n = await c.dbsize();
  c.disconnect();
  return n;
}

async function markerSet(url: string): Promise<boolean> {
  const c = redisClient(url, true);
  const n = await c.exists(`${PREFIX}:dispatcher:holds-jobs`);
  c.disconnect();
  return n === 1;
}

describe('no job is lost when the dispatcher is killed while it refills a Redis that restarted empty', () => {
  const janitor = new SchemaJanitor();
  const schema = janitor.next('jobs_refill');
  let redis: PrivateRedis;
  let store: EventStore;
  let api: INestApplication;
  /** what /health says of the queue's dispatcher */
  const health = async () => (await request(api.getHttpServer()).get('/health').expect(200)).body.details.queue;
  beforeAll(async () => {
    redis = await PrivateRedis.start();
    store = await createEventStore({ kind: 'postgres', postgresUrl: TEST_POSTGRES_URL, schema });
    api = await createApi(
      loadConfig({ COBUILD_EVENT_STORE: 'postgres', COBUILD_POSTGRES_URL: TEST_POSTGRES_URL, COBUILD_EVENT_SCHEMA: schema, REDIS_URL: redis.url, COBUILD_QUEUE_PREFIX: PREFIX }),
      { logs: false },
    );
    await api.init();
  });
  afterAll(async () => {
    await api?.close();
    await store.close();
    await janitor.dropAll();
    await redis.stop();
  });

  it(`kill -9 at ${KILLS} random points of the refill: the queue says intact only when it holds every job, and a new dispatcher ends with all of them`, async () => {
    const fixture = new TaskFixture(store);
    await fixture.community(new Date());
    for (let i = 0; i < TASKS; i++) await fixture.assignedTask(new Date(), 30 + (i % 20));

    let jobs = await startJobs(store, { backend: { kind: 'redis', url: redis.url, prefix: PREFIX }, timeZone: 'Asia/Shanghai', runProcessors: false, batchSize: 50 });
    await jobs.dispatcher.caughtUp();
    await jobs.stop();
    const all = await jobIds(redis.url);
    expect(all.length).toBeGreaterThanOrEqual(TASKS * 6);
    expect(await markerSet(redis.url)).toBe(true);
    const keys = await keyCount(redis.url);

    await redis.stop();
    await redis.restart(); // empty: no persistence
    expect(await jobIds(redis.url)).toEqual([]);
    // not "connected, backlog 0": the queue lost what was dispatched
    expect(await health()).toMatchObject({ backend: 'redis', dispatcher: { state: 'refilling' }, refill: null });

    const killedAt: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      const held = await keyCount(redis.url);
      if (held >= keys && (await markerSet(redis.url))) break; // refilled before the kills ran out
      // somewhere in what is still missing
      const target = held + 1 + Math.floor(Math.random() * Math.max(0, keys - held - 2));
      const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(__dirname, 'testing/dispatcher-process.ts')], {
        env: { ...process.env, PG_URL: TEST_POSTGRES_URL, PG_SCHEMA: schema, REDIS_URL: redis.url, PREFIX, BATCH_SIZE: '1' },
        stdio: ['ignore', 'ignore', 'ignore'],
      });
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await until(`the refill to reach ${target} keys`, async () => (await keyCount(redis.url)) >= target);
      child.kill('SIGKILL');
      await exited;
      const now = await jobIds(redis.url);
      killedAt.push(now.length);
      // the invariant: "intact" is said only of a queue that holds everything dispatched
      if (await markerSet(redis.url)) expect(now).toEqual(all);
      else expect(await health()).toMatchObject({ dispatcher: { state: 'refilling' }, refill: { at: expect.any(Number), until: expect.any(Number) } });
    }
    expect(killedAt.some((n) => n < all.length)).toBe(true);

    jobs = await startJobs(store, { backend: { kind: 'redis', url: redis.url, prefix: PREFIX }, timeZone: 'Asia/Shanghai', runProcessors: false, batchSize: 50, intactCheckMs: 200 });
    try {
      await jobs.dispatcher.caughtUp();
      expect(await jobIds(redis.url)).toEqual(all);
      expect(await markerSet(redis.url)).toBe(true);
      expect(jobs.dispatcher.status()).toMatchObject({ state: 'connected', refill: null, lastError: null });
      expect(await health()).toMatchObject({ dispatcher: { state: 'connected', backlog: 0 } });
    } finally {
      await jobs.stop();
    }
  }, 300_000);

  it('starts the refill over when Redis is emptied again during it (what it had put back is gone too)', async () => {
    // the queue holds everything (the first test ended with a complete refill)
    const all = await jobIds(redis.url);
    expect(all.length).toBeGreaterThan(0);
    await redis.stop();
    await redis.restart();

    const jobs = await startJobs(store, { backend: { kind: 'redis', url: redis.url, prefix: PREFIX }, timeZone: 'Asia/Shanghai', runProcessors: false, batchSize: 1, intactCheckMs: 200 });
    try {
      const keys = await until('the refill to be under way', async () => {
        const n = await keyCount(redis.url);
        return n > 20 && !(await markerSet(redis.url)) ? n : 0;
      });
      expect(keys).toBeGreaterThan(20);
      const admin = redisClient(redis.url, true);
      await admin.flushall();
      admin.disconnect();
      await until('the queue to be marked intact again', () => markerSet(redis.url));
      await jobs.dispatcher.caughtUp();
      expect(await jobIds(redis.url)).toEqual(all);
    } finally {
      await jobs.stop();
    }
  }, 120_000);
});
