import { createEventStore, type EventStore } from '@cobuild/event-store';
import { acceleratedClock, localHourOnDay, type JobClock } from '@cobuild/jobs';
import { Queue } from 'bullmq';
import { startJobs, type Jobs } from './jobs-runtime';
import { redisClient } from './queue-backend';
import { jobsSettled } from './testing/jobs-settled';
import { PrivateRedis } from './testing/private-redis';
import { TaskFixture } from './testing/task-fixture';

const PREFIX = 'outage';
const TZ = 'Asia/Shanghai';
/** one day of the job clock passes in 0.2 s of real time */
const FACTOR = 5 * 86_400;
/** what a task assigned and never accepted, due more than 7 days on, is reminded of, each once (reminder-schedule.spec.ts) */
const KINDS = ['accept', 'due-1d', 'due-3d', 'due-7d', 'due-today', 'escalation-proposed'];

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false> | T, timeoutMs = 45_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Redis loses everything (a restart with no persistence, or FLUSHALL): the dispatcher refills the
 * queue from the log, so jobs already run are queued again. What must hold is that every effect
 * happens once: each reminder is written once per task and kind, and the task becomes overdue once.
 * The effects are counted after every job of the task has run (jobsSettled), so a duplicate job
 * would have written its duplicate effect by then.
 */
describe('Redis outage: commands keep working, the dispatcher waits and catches up, every effect once', () => {
  let redis: PrivateRedis;
  let store: EventStore;
  let jobs: Jobs | undefined;
  let clock: JobClock;
  let fixture: TaskFixture;
  beforeAll(async () => {
    redis = await PrivateRedis.start();
    store = await createEventStore({ kind: 'embedded' });
    clock = acceleratedClock(new Date('2026-11-02T00:00:00Z'), FACTOR);
    fixture = new TaskFixture(store);
    await fixture.community(clock.now());
  });
  afterAll(async () => {
    await jobs?.stop();
    await redis.stop();
    await store.close();
  });

  const start = (extra: { intactCheckMs?: number } = {}) =>
    startJobs(store, { backend: { kind: 'redis', url: redis.url, prefix: PREFIX }, timeZone: TZ, clock, retryMs: 200, ...extra });
  const task = (dueInDays: number) => fixture.assignedTask(clock.now(), dueInDays, localHourOnDay(clock.now(), dueInDays, 18, TZ));

  async function settled(taskIds: string[]): Promise<void> {
    const connection = redisClient(redis.url, true);
    const queue = new Queue('reminders', { connection, prefix: PREFIX });
    try {
      await jobsSettled(store, jobs!.dispatcher, queue, (id) => taskIds.some((t) => id.includes(t)));
    } finally {
      await queue.close();
      connection.disconnect();
    }
  }

  async function expectEachEffectOnce(taskId: string): Promise<void> {
    const reminders = (await store.readAll({ filter: { categories: ['reminder'] } })).filter((e) => e.data.taskId === taskId);
    expect(reminders.map((e) => String(e.data.kind)).sort()).toEqual(KINDS);
    const overdue = (await store.readStream(`task-${taskId}`)).filter((e) => e.type === 'TaskBecameOverdue');
    expect(overdue).toHaveLength(1);
  }

  async function everyKindLanded(taskIds: string[]): Promise<void> {
    await until('every kind of reminder of every task', async () => {
      const landed = (await store.readAll({ filter: { categories: ['reminder'] } })).map((e) => `${e.data.taskId}/${e.data.kind}`);
      return taskIds.every((t) => KINDS.every((k) => landed.includes(`${t}/${k}`)));
    }, 60_000);
  }

  it('dispatches what was appended while Redis was down once it returns; a refill after the restart runs nothing twice', async () => {
    jobs = await start();
    const before = await task(10);
    await jobs.dispatcher.caughtUp();
    expect(jobs.dispatcher.status().state).toBe('connected');
    // some of the first task's reminders have run before the outage (the refill queues them again)
    await until('a reminder before the outage', async () =>
      (await store.readAll({ filter: { categories: ['reminder'] } })).some((e) => e.data.taskId === before.taskId));
    await redis.stop();
    // commands keep working while the queue is away
    const during = [await task(11), await task(12)];
    await until('the dispatcher to wait', () => jobs!.dispatcher.status().state === 'waiting');
    const waitingAt = jobs.dispatcher.position;
    expect(waitingAt).toBeLessThan(await store.headPosition());
    await redis.restart();
    await jobs.dispatcher.caughtUp();
    expect(jobs.dispatcher.status()).toMatchObject({ state: 'connected', lastError: null });

    const taskIds = [before, ...during].map((t) => t.taskId);
    await everyKindLanded(taskIds);
    await settled(taskIds);
    for (const t of taskIds) await expectEachEffectOnce(t);
  });

  it('refills a queue that was emptied while no event came (FLUSHALL); nothing runs twice', async () => {
    await jobs?.stop();
    jobs = await start({ intactCheckMs: 200 });
    const t = await task(10);
    await jobs.dispatcher.caughtUp();
    await until('a reminder before the flush', async () =>
      (await store.readAll({ filter: { categories: ['reminder'] } })).some((e) => e.data.taskId === t.taskId));

    const admin = redisClient(redis.url, true);
    await admin.flushall();
    admin.disconnect();
    await everyKindLanded([t.taskId]);
    await settled([t.taskId]);
    await expectEachEffectOnce(t.taskId);
  });
});
