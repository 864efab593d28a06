import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createEventStore, type EventStore } from '@cobuild/event-store';
import { DEFAULT_JOB_SETTINGS, QUEUES, systemJobClock, TASK_REMINDER_JOB } from '@cobuild/jobs';
import { Queue } from 'bullmq';
import { SchemaJanitor, TEST_POSTGRES_URL } from '../../../../libs/event-store/test/postgres-test-db';
import { CommandHandler } from '../../../common/src/commands/command-handler';
import { BullJobQueues } from './bullmq-job-queues';
import { startJobWorkers } from './job-workers';
import { jobProcessors } from './processors';
import { redisClient, whenReady } from './queue-backend';
import { TaskFixture } from './testing/task-fixture';

const REDIS_URL = process.env.COBUILD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `test-kill-${process.pid}`;

describe('a worker killed mid-job (kill -9 after recording, before completing)', () => {
  const janitor = new SchemaJanitor();
  const schema = janitor.next('jobs_kill');
  let store: EventStore;
  beforeAll(async () => {
    store = await createEventStore({ kind: 'postgres', postgresUrl: TEST_POSTGRES_URL, schema });
  });
  afterAll(async () => {
    await store.close();
    await janitor.dropAll();
    const client = redisClient(REDIS_URL);
    await whenReady(client);
    const keys = await client.keys(`${PREFIX}:*`);
    if (keys.length) await client.del(...keys);
    client.disconnect();
  });

  it('delivers the reminder once: the job returns to the queue, the next worker finds it sent', async () => {
    const fixture = new TaskFixture(store);
    await fixture.community(new Date());
    const { taskId, deadline } = await fixture.assignedTask(new Date(), 3);
    const jobId = `reminder/task-${taskId}/deadline/due-3d/r0`;
    const queues = new BullJobQueues({ kind: 'redis', url: REDIS_URL, prefix: PREFIX });
    await queues.apply(
      [{ kind: 'add', job: { queue: QUEUES.reminders, name: TASK_REMINDER_JOB, jobId, group: null, runAt: null, data: { taskId, communityId: fixture.communityId, kind: 'due-3d', deadline, revision: 0 } } }],
      systemJobClock,
    );
    await queues.close();

    const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(__dirname, 'testing/dying-worker.ts')], {
      env: { ...process.env, PG_URL: TEST_POSTGRES_URL, PG_SCHEMA: schema, REDIS_URL, PREFIX },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, s) => resolve(s)));
    expect(signal).toBe('SIGKILL');
    const sent = () => store.readAll({ filter: { categories: ['reminder'] } });
    expect(await sent()).toHaveLength(1);

    // the job is still active in Redis with a lapsing lock; a live worker takes it over as stalled
    const workers = startJobWorkers({ kind: 'redis', url: REDIS_URL, prefix: PREFIX }, jobProcessors, {
      store, handler: new CommandHandler(store), clock: systemJobClock, settings: DEFAULT_JOB_SETTINGS, timeZone: 'Asia/Shanghai',
    }, { lockDurationMs: 2000, stalledIntervalMs: 1000 });
    const connection = redisClient(REDIS_URL, true);
    const queue = new Queue(QUEUES.reminders, { connection, prefix: PREFIX });
    const end = Date.now() + 45_000;
    let state = '';
    while ((state = await queue.getJobState(jobId)) !== 'completed' && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
    const job = await queue.getJob(jobId);
    await workers.stop();
    await queue.close();
    connection.disconnect();

    expect(state).toBe('completed');
    expect(job!.returnvalue).toBe('already sent');
    const events = await sent();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'ReminderSent', data: { kind: 'due-3d', recipients: [{ kind: 'unit', id: 'u1' }], jobId } });
  });
});
