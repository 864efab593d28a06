import { createEventStore, type EventStore } from '@cobuild/event-store';
import { acceleratedClock, localHourOnDay } from '@cobuild/jobs';
import { startEmbeddedQueueDatabase, type EmbeddedQueueDatabase } from './embedded-queue-database';
import { startJobs, type Jobs } from './jobs-runtime';
import { TaskFixture } from './testing/task-fixture';

describe('the queues without Redis: BullMQ on PostgreSQL, served by a PGlite of its own over pglite-socket', () => {
  let store: EventStore;
  let queueDb: EmbeddedQueueDatabase;
  let jobs: Jobs;
  afterAll(async () => {
    await jobs?.stop();
    await queueDb?.stop();
    await store?.close();
  });

  it('runs a whole reminder schedule, each reminder once', async () => {
    store = await createEventStore({ kind: 'embedded' });
    queueDb = await startEmbeddedQueueDatabase(undefined);
    const clock = acceleratedClock(new Date('2026-11-01T00:00:00Z'), 5 * 86_400);
    const fixture = new TaskFixture(store);
    await fixture.community(clock.now());
    jobs = await startJobs(store, {
      backend: { kind: 'postgres', connectionString: queueDb.connectionString, schema: queueDb.schema, maxConnections: 1 },
      timeZone: 'Asia/Shanghai',
      clock,
      retryMs: 200,
      workers: { concurrency: 1 },
    });
    const { taskId } = await fixture.assignedTask(clock.now(), 10, localHourOnDay(clock.now(), 10, 18, 'Asia/Shanghai'));
    const expected = ['accept', 'due-1d', 'due-3d', 'due-7d', 'due-today', 'escalation-proposed'];
    const end = Date.now() + 60_000;
    let kinds: string[] = [];
    // every kind, in whatever order they land (a job retried under load may come after a later one)
    while (Date.now() < end) {
      kinds = (await store.readAll({ filter: { categories: ['reminder'] } })).filter((e) => e.data.taskId === taskId).map((e) => String(e.data.kind));
      if (expected.every((k) => kinds.includes(k))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 500)); // a duplicate would land by now
    kinds = (await store.readAll({ filter: { categories: ['reminder'] } })).filter((e) => e.data.taskId === taskId).map((e) => String(e.data.kind));
    expect(kinds.sort()).toEqual(expected);
    expect((await store.readStream(`task-${taskId}`)).filter((e) => e.type === 'TaskBecameOverdue')).toHaveLength(1);
  });

  it('removes a cancelled task\'s pending reminders there too', async () => {
    const clock = acceleratedClock(new Date('2026-11-01T00:00:00Z'), 1);
    const fixture = new TaskFixture(store);
    await fixture.community(clock.now());
    const { taskId } = await fixture.assignedTask(clock.now(), 30);
    await jobs.dispatcher.caughtUp();
    const pending = async () => (await jobs.queues.queue('reminders').getJobs(['delayed', 'waiting'])).map((j) => j.id!).filter((id) => id.includes(taskId));
    expect((await pending()).length).toBeGreaterThanOrEqual(6);
    await fixture.run(taskId, 'CancelTask', { taskId, reason: '需求已解决' }, clock.now());
    await jobs.dispatcher.caughtUp();
    expect(await pending()).toEqual([]);
  });
});
