import { createEventStore, type EventStore } from '@cobuild/event-store';
import { Queue } from 'bullmq';
import { startJobs, type Jobs } from './jobs-runtime';
import { redisClient } from './queue-backend';
import { PrivateRedis } from './testing/private-redis';
import { TaskFixture } from './testing/task-fixture';

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false> | T, timeoutMs = 45_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function reminderIds(url: string): Promise<string[]> {
  const connection = redisClient(url, true);
  const queue = new Queue('reminders', { connection, prefix: 'outage' });
  const ids = (await queue.getJobs(['delayed', 'waiting'])).map((j) => j.id!);
  await queue.close();
  connection.disconnect();
  return ids;
}

describe('Redis outage: commands keep working, the dispatcher waits and catches up exactly once', () => {
  let redis: PrivateRedis;
  let store: EventStore;
  let jobs: Jobs;
  beforeAll(async () => {
    redis = await PrivateRedis.start();
    store = await createEventStore({ kind: 'embedded' });
  });
  afterAll(async () => {
    await jobs?.stop();
    await redis.stop();
    await store.close();
  });

  it('dispatches what was appended while Redis was down once it returns, each job once', async () => {
    const fixture = new TaskFixture(store);
    await fixture.community(new Date());
    jobs = await startJobs(store, { backend: { kind: 'redis', url: redis.url, prefix: 'outage' }, timeZone: 'Asia/Shanghai', runProcessors: false, retryMs: 200 });
    const before = await fixture.assignedTask(new Date(), 30);
    await jobs.dispatcher.caughtUp();
    expect(jobs.dispatcher.status().state).toBe('connected');

    await redis.stop();
    // commands keep working while the queue is away
    const during = [await fixture.assignedTask(new Date(), 30), await fixture.assignedTask(new Date(), 40)];
    await until('the dispatcher to wait', () => jobs.dispatcher.status().state === 'waiting');
    const waitingAt = jobs.dispatcher.position;
    expect(waitingAt).toBeLessThan(await store.headPosition());

    await redis.restart();
    await jobs.dispatcher.caughtUp();
    expect(jobs.dispatcher.status()).toMatchObject({ state: 'connected', lastError: null });

    const ids = await reminderIds(redis.url);
    // this Redis keeps nothing across a restart (--save ''): the dispatcher notices the emptied queue
    // and dispatches the log again from its start, so what was queued before the outage is back too
    for (const t of [before, ...during]) {
      const mine = ids.filter((id) => id.includes(t.taskId));
      expect(mine.length).toBeGreaterThanOrEqual(6);
      expect(new Set(mine).size).toBe(mine.length);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refills a queue that was emptied while no event came (FLUSHALL), each job once', async () => {
    await jobs?.stop();
    const fixture = new TaskFixture(store);
    jobs = await startJobs(store, { backend: { kind: 'redis', url: redis.url, prefix: 'outage' }, timeZone: 'Asia/Shanghai', runProcessors: false, retryMs: 200, intactCheckMs: 200 });
    const task = await fixture.assignedTask(new Date(), 30);
    await jobs.dispatcher.caughtUp();
    const before = (await reminderIds(redis.url)).filter((id) => id.includes(task.taskId)).sort();
    expect(before.length).toBeGreaterThanOrEqual(6);

    const admin = redisClient(redis.url, true);
    await admin.flushall();
    admin.disconnect();
    await until('the reminders to be back', async () => (await reminderIds(redis.url)).filter((id) => id.includes(task.taskId)).length >= before.length);
    await jobs.dispatcher.caughtUp();
    const after = (await reminderIds(redis.url)).filter((id) => id.includes(task.taskId)).sort();
    expect(after).toEqual(before);
  });
});
