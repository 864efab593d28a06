import { createEventStore, type EventStore } from '@cobuild/event-store';
import { DEFAULT_JOB_SETTINGS, systemJobClock } from '@cobuild/jobs';
import { Queue } from 'bullmq';
import { CommandHandler } from '../../../common/src/commands/command-handler';
import { BullJobQueues } from './bullmq-job-queues';
import type { JobProcessor } from './job-processor';
import { startJobWorkers } from './job-workers';
import { redisClient, whenReady } from './queue-backend';

const REDIS_URL = process.env.COBUILD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `test-workers-${process.pid}`;

describe('job workers: graceful shutdown (real Redis)', () => {
  let store: EventStore;
  beforeAll(async () => {
    store = await createEventStore({ kind: 'embedded' });
  });
  afterAll(async () => {
    await store.close();
    const client = redisClient(REDIS_URL);
    await whenReady(client);
    const keys = await client.keys(`${PREFIX}:*`);
    if (keys.length) await client.del(...keys);
    client.disconnect();
  });

  const context = () => ({ store, handler: new CommandHandler(store), clock: systemJobClock, settings: DEFAULT_JOB_SETTINGS, timeZone: 'Asia/Shanghai' });
  const enqueue = async (jobId: string) => {
    const queues = new BullJobQueues({ kind: 'redis', url: REDIS_URL, prefix: PREFIX });
    await queues.apply([{ kind: 'add', job: { queue: 'test-slow', name: 'slow', jobId, group: null, runAt: null, data: {} } }], systemJobClock);
    await queues.close();
  };
  const stateOf = async (jobId: string) => {
    const connection = redisClient(REDIS_URL, true);
    const q = new Queue('test-slow', { connection, prefix: PREFIX });
    const s = await q.getJobState(jobId);
    await q.close();
    connection.disconnect();
    return s;
  };

  it('finishes a running job before it stops', async () => {
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const slow: JobProcessor = { queue: 'test-slow', name: 'slow', process: async () => (started(), await new Promise((r) => setTimeout(r, 1500)), 'done') };
    const workers = startJobWorkers({ kind: 'redis', url: REDIS_URL, prefix: PREFIX }, [slow], context());
    await enqueue('slow/1');
    await running;
    expect(workers.running).toBe(1);
    await workers.stop();
    expect(workers.running).toBe(0);
    expect(await stateOf('slow/1')).toBe('completed');
  });

  it('returns a job that outlives the grace period to the queue (another worker takes it)', async () => {
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const stuck: JobProcessor = { queue: 'test-slow', name: 'slow', process: async () => (started(), await new Promise((r) => setTimeout(r, 4000)), 'late') };
    const workers = startJobWorkers({ kind: 'redis', url: REDIS_URL, prefix: PREFIX }, [stuck], context(), { shutdownGraceMs: 200, lockDurationMs: 1000, stalledIntervalMs: 500 });
    await enqueue('slow/2');
    await running;
    await workers.stop();
    const quick: JobProcessor = { queue: 'test-slow', name: 'slow', process: async () => 'taken over' };
    const next = startJobWorkers({ kind: 'redis', url: REDIS_URL, prefix: PREFIX }, [quick], context(), { lockDurationMs: 1000, stalledIntervalMs: 500 });
    const end = Date.now() + 30_000;
    while ((await stateOf('slow/2')) !== 'completed' && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
    await next.stop();
    expect(await stateOf('slow/2')).toBe('completed');
  });
});
