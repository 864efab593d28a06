import { createEventStore, type EventStore } from '@cobuild/event-store';
import { acceleratedClock, localHourOnDay, type JobClock } from '@cobuild/jobs';
import { Queue } from 'bullmq';
import { startJobs, type Jobs } from './jobs-runtime';
import { redisClient, whenReady } from './queue-backend';
import { jobsSettled } from './testing/jobs-settled';
import { TaskFixture, unitContact } from './testing/task-fixture';

const REDIS_URL = process.env.COBUILD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `test-schedule-${process.pid}`;
/** one day of the job clock passes in 0.2 s of real time */
const FACTOR = 5 * 86_400;

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 45_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a whole reminder schedule in seconds (embedded store, real Redis, accelerated clock)', () => {
  let store: EventStore;
  let jobs: Jobs;
  let clock: JobClock;
  let fixture: TaskFixture;
  beforeAll(async () => {
    store = await createEventStore({ kind: 'embedded' });
    clock = acceleratedClock(new Date('2026-11-01T00:00:00Z'), FACTOR);
    fixture = new TaskFixture(store);
    await fixture.community(clock.now());
    jobs = await startJobs(store, { backend: { kind: 'redis', url: REDIS_URL, prefix: PREFIX }, timeZone: 'Asia/Shanghai', clock, retryMs: 100 });
  });
  afterAll(async () => {
    await jobs.stop();
    const client = redisClient(REDIS_URL);
    await whenReady(client);
    const keys = await client.keys(`${PREFIX}:*`);
    if (keys.length) await client.del(...keys);
    client.disconnect();
    await store.close();
  });

  const reminders = async (taskId: string) =>
    (await store.readAll({ filter: { categories: ['reminder'] } })).filter((e) => e.data.taskId === taskId);

  it('reminds 7, 3 and 1 days before, on the day, marks overdue, asks for acceptance and proposes escalation to the street — each once', async () => {
    // due at 18:00 Shanghai, 10 local days on
    const { taskId, deadline } = await fixture.assignedTask(clock.now(), 10, localHourOnDay(clock.now(), 10, 18, 'Asia/Shanghai'));
    // every kind has landed, then every job planned for the task has run (none waiting, delayed or
    // running, the dispatcher at the head): only then are the reminders counted, so a duplicate job
    // would be counted too
    const expected = ['accept', 'due-1d', 'due-3d', 'due-7d', 'due-today', 'escalation-proposed'];
    await until('every kind of reminder', async () => {
      const landed = (await reminders(taskId)).map((e) => String(e.data.kind));
      return expected.every((k) => landed.includes(k));
    });
    const connection = redisClient(REDIS_URL, true);
    const queue = new Queue('reminders', { connection, prefix: PREFIX });
    try {
      await jobsSettled(store, jobs.dispatcher, queue, (id) => id.includes(taskId));
    } finally {
      await queue.close();
      connection.disconnect();
    }
    const all = await reminders(taskId);
    const kinds = all.map((e) => e.data.kind);
    expect(kinds.sort()).toEqual(expected);
    const byKind = Object.fromEntries(all.map((e) => [e.data.kind, e.data]));
    expect(byKind['due-3d']).toMatchObject({ recipients: [{ kind: 'unit', id: 'u1' }], deadline, channel: 'inbox' });
    expect(byKind['escalation-proposed']).toMatchObject({ recipients: [{ kind: 'street', id: 's1' }] });
    // 3 days before at 09:00 Shanghai, by the job clock
    expect(Date.parse(String(byKind['due-3d'].sentAt))).toBeGreaterThanOrEqual(Date.parse(deadline) - 4 * 86_400_000);
    const overdue = (await store.readStream(`task-${taskId}`)).filter((e) => e.type === 'TaskBecameOverdue');
    expect(overdue).toHaveLength(1);
    expect(overdue[0].metadata.actor).toEqual({ id: 'worker:reminders', role: 'system' });
  });

  it('an accepted task gets no acceptance reminder; a moved deadline replaces the pending reminders; a cancelled task gets none', async () => {
    // due in 300 days of the job clock (a minute of real time): no reminder of these is due while the test looks
    const moved = await fixture.assignedTask(clock.now(), 300);
    await fixture.run(moved.taskId, 'AcceptTask', { taskId: moved.taskId }, clock.now(), unitContact);
    const later = new Date(Date.parse(moved.deadline) + 20 * 86_400_000).toISOString();
    await fixture.run(moved.taskId, 'RequestTaskDeadlineExtension', { taskId: moved.taskId, requestedDeadline: later, reason: '材料未到' }, clock.now(), unitContact);
    await fixture.run(moved.taskId, 'GrantTaskDeadlineExtension', { taskId: moved.taskId }, clock.now());
    const cancelled = await fixture.assignedTask(clock.now(), 300);
    await fixture.run(cancelled.taskId, 'CancelTask', { taskId: cancelled.taskId, reason: '需求已解决' }, clock.now());
    await jobs.dispatcher.caughtUp();

    const connection = redisClient(REDIS_URL, true);
    const queue = new Queue('reminders', { connection, prefix: PREFIX });
    const pending = (await queue.getJobs(['delayed', 'waiting'])).map((j) => j.id!);
    await queue.close();
    connection.disconnect();
    const of = (taskId: string) => pending.filter((id) => id.includes(taskId)).sort();
    expect(of(cancelled.taskId)).toEqual([]);
    // only the extended deadline's schedule (planned at the grant, revision 4), no acceptance reminder
    expect(of(moved.taskId).every((id) => id.endsWith('/r4'))).toBe(true);
    // ("on the day" only when the deadline is after 09:00 local)
    expect(of(moved.taskId).map((id) => id.split('/')[3]).filter((k) => k !== 'due-today')).toEqual(['due-1d', 'due-3d', 'due-7d', 'escalation-proposed', 'overdue']);
  });
});
