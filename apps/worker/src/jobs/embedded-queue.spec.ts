import { createEventStore, type EventStore } from '@cobuild/event-store';
import { acceleratedClock, localHourOnDay, type JobClock } from '@cobuild/jobs';
import { startEmbeddedQueueDatabase, type EmbeddedQueueDatabase } from './embedded-queue-database';
import { startJobs, type Jobs } from './jobs-runtime';
import { jobsSettled } from './testing/jobs-settled';
import { TaskFixture } from './testing/task-fixture';

describe('the queues without Redis: BullMQ on PostgreSQL, served by a PGlite of its own over pglite-socket', () => {
  let store: EventStore;
  let queueDb: EmbeddedQueueDatabase;
  let jobs: Jobs;
  let clock: JobClock;
  // the queue and its runtime are shared; each test registers its own community and task
  beforeAll(async () => {
    store = await createEventStore({ kind: 'embedded' });
    queueDb = await startEmbeddedQueueDatabase(undefined);
    clock = acceleratedClock(new Date('2026-11-01T00:00:00Z'), 5 * 86_400);
    jobs = await startJobs(store, {
      backend: { kind: 'postgres', connectionString: queueDb.connectionString, schema: queueDb.schema, maxConnections: 1 },
      timeZone: 'Asia/Shanghai',
      clock,
      retryMs: 200,
      workers: { concurrency: 1 },
    });
  });
  afterAll(async () => {
    await jobs?.stop();
    await queueDb?.stop();
    await store?.close();
  });

  it('runs a whole reminder schedule, each reminder once', async () => {
    const fixture = new TaskFixture(store);
    await fixture.community(clock.now());
    const { taskId } = await fixture.assignedTask(clock.now(), 10, localHourOnDay(clock.now(), 10, 18, 'Asia/Shanghai'));
    let kinds: string[] | undefined;
    const expected = ['accept', 'due-1d', 'due-3d', 'due-7d', 'due-today', 'escalation-proposed'];
    const kindsOf = async () => (await store.readAll({ filter: { categories: ['reminder'] } })).filter((e) => e.data.taskId === taskId).map((e) => String(e.data.kind));
    const end = Date.now() + 60_000;
    while (!expected.every((k) => (kinds ??= []).includes(k)) && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 200));
      kinds = await kindsOf();
    }
    // then every job planned for the task has run (none waiting, delayed or running, the dispatcher
    // at the head): a duplicate job would have written its reminder by then
    await jobsSettled(store, jobs.dispatcher, jobs.queues.queue('reminders'), (id) => id.includes(taskId));
    kinds = await kindsOf();
    expect(kinds.sort()).toEqual(expected);
    expect((await store.readStream(`task-${taskId}`)).filter((e) => e.type === 'TaskBecameOverdue')).toHaveLength(1);
  }, 120_000);

  it('removes a cancelled task\'s pending reminders there too', async () => {
    const fixture = new TaskFixture(store);
    await fixture.community(clock.now());
    // due at 18:00 local in 300 days of the job clock (a minute of real time): nothing is due before the cancel
    const { taskId } = await fixture.assignedTask(clock.now(), 300, localHourOnDay(clock.now(), 300, 18, 'Asia/Shanghai'));
    await jobs.dispatcher.caughtUp();
    const pending = async () => (await jobs.queues.queue('reminders').getJobs(['delayed', 'waiting'])).map((j) => j.id!).filter((id) => id.includes(taskId));
    expect((await pending()).map((id) => id.split('/')[3]).sort()).toEqual(['accept', 'due-1d', 'due-3d', 'due-7d', 'due-today', 'escalation-proposed', 'overdue']);
    await fixture.run(taskId, 'CancelTask', { taskId, reason: '需求已解决' }, clock.now());
    await jobs.dispatcher.caughtUp();
    expect(await pending()).toEqual([]);
  });
});
