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

  /** a processor that runs until the test lets it finish (no sleeps standing in for "a long job") */
  const gated = (result: string) => {
    let started!: () => void;
    let release!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const gate = new Promise<void>((r) => (release = r));
    const processor: JobProcessor = { queue: 'test-slow', name: 'slow', process: async () => (started(), await gate, result) };
    return { processor, running, release };
  };
  const jobOf = async (jobId: string) => {
    const connection = redisClient(REDIS_URL, true);
    const q = new Queue('test-slow', { connection, prefix: PREFIX });
    const job = await q.getJob(jobId);
    const state = await job?.getState();
    await q.close();
    connection.disconnect();
    return { state, returnvalue: job?.returnvalue };
  };

  it('finishes a running job before it stops', async () => {
    const slow = gated('done');
    const order: string[] = [];
    const workers = startJobWorkers({ kind: 'redis', url: REDIS_URL, prefix: PREFIX }, [slow.processor], context(), { shutdownGraceMs: 30_000 });
    await enqueue('slow/1');
    await slow.running;
    expect(workers.running).toBe(1);
    const stopped = workers.stop().then(() => order.push('stopped'));
    // the job finishes only after stop was asked for; stop resolves only after the job finished
    await new Promise((r) => setImmediate(r));
    order.push('job released');
    slow.release();
    await stopped;
    expect(order).toEqual(['job released', 'stopped']);
    expect(workers.running).toBe(0);
    expect(await jobOf('slow/1')).toEqual({ state: 'completed', returnvalue: 'done' });
  });

  it('returns a job that outlives the grace period to the queue (another worker takes it)', async () => {
    const stuck = gated('late');
    const workers = startJobWorkers({ kind: 'redis', url: REDIS_URL, prefix: PREFIX }, [stuck.processor], context(), { shutdownGraceMs: 200, lockDurationMs: 1000, stalledIntervalMs: 500 });
    await enqueue('slow/2');
    await stuck.running;
    // the job never finishes while this worker stops: the grace period ends and the job goes back
    await workers.stop();
    let takenBy: string | null = null;
    const quick: JobProcessor = { queue: 'test-slow', name: 'slow', process: async (job) => ((takenBy = String(job.id)), 'taken over') };
    const next = startJobWorkers({ kind: 'redis', url: REDIS_URL, prefix: PREFIX }, [quick], context(), { lockDurationMs: 1000, stalledIntervalMs: 500 });
    try {
      // BullMQ 6.7 checks for stalled jobs at most every 30 s per queue here (its stalled-check key
      // outlives stalledIntervalMs), so the takeover comes within about 30 s of the lock lapsing
      const end = Date.now() + 60_000;
      while ((await jobOf('slow/2')).state !== 'completed' && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
      // the second worker ran it, and its result is the job's
      expect(takenBy).toBe('slow/2');
      expect(await jobOf('slow/2')).toEqual({ state: 'completed', returnvalue: 'taken over' });
    } finally {
      stuck.release();
      await next.stop();
    }
  }, 90_000);
});
