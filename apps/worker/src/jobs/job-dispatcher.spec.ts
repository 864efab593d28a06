import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { createEventStore, type EventStore, type NewEvent } from '@cobuild/event-store';
import { planFor, systemJobClock, type JobRule, DEFAULT_JOB_SETTINGS } from '@cobuild/jobs';
import { BullJobQueues } from './bullmq-job-queues';
import { startJobDispatcher, dispatcherBacklog, JOB_DISPATCHER_CHECKPOINT } from './job-dispatcher';
import { redisClient, whenReady } from './queue-backend';

const REDIS_URL = process.env.COBUILD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `test-dispatcher-${process.pid}`;

/** a test rule: every `Pinged {n, at}` on a `thing-` stream becomes a job in group `ping/<stream>`; `Unpinged` removes the group */
const rule: JobRule = {
  name: 'ping',
  filter: { categories: ['thing'], eventTypes: ['Pinged', 'Unpinged'] },
  plan: (e) =>
    e.type === 'Unpinged'
      ? [{ kind: 'removeGroup', queue: 'test-pings', group: `ping/${e.streamId}` }]
      : [
          {
            kind: 'add',
            job: { queue: 'test-pings', name: 'ping', jobId: `ping/${e.streamId}/r${e.revision}`, group: `ping/${e.streamId}`, runAt: String(e.data.at), data: { n: e.data.n } },
          },
        ],
};
const context = { timeZone: 'Asia/Shanghai', settings: DEFAULT_JOB_SETTINGS };

const event = (type: string, data: Record<string, unknown>): NewEvent => ({
  id: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  metadata: { actor: { id: 't', role: 'system' }, communityId: 'c1', correlationId: randomUUID(), causationId: null, idempotencyKey: null, occurredAt: new Date().toISOString() },
});

describe('job dispatcher (embedded store, real Redis)', () => {
  let store: EventStore;
  let queues: BullJobQueues;
  let inspect: Queue;
  const inspectClient = redisClient(REDIS_URL, true);
  beforeAll(async () => {
    store = await createEventStore({ kind: 'embedded' });
    queues = new BullJobQueues({ kind: 'redis', url: REDIS_URL, prefix: PREFIX });
    inspect = new Queue('test-pings', { connection: inspectClient, prefix: PREFIX });
  });
  afterAll(async () => {
    await inspect.obliterate({ force: true });
    const client = redisClient(REDIS_URL);
    await whenReady(client);
    const keys = await client.keys(`${PREFIX}:*`);
    if (keys.length) await client.del(...keys);
    client.disconnect();
    await inspect.close();
    inspectClient.disconnect();
    await queues.close();
    await store.close();
  });

  it('turns events into delayed jobs with deterministic ids, once, and removes a group when told', async () => {
    const later = new Date(Date.now() + 3_600_000).toISOString();
    await store.append('thing-a', [event('Pinged', { n: 1, at: later }), event('Other', {})], { expectedRevision: 'no_stream' });
    await store.append('thing-b', [event('Pinged', { n: 2, at: later }), event('Pinged', { n: 3, at: later })], { expectedRevision: 'no_stream' });
    const d = await startJobDispatcher(store, queues, { rules: [rule], context, retryMs: 50 });
    await d.caughtUp();
    expect(d.status()).toMatchObject({ state: 'connected', backend: 'redis' });
    const ids = async () => (await inspect.getJobs(['delayed', 'waiting'])).map((j) => j.id).sort();
    expect(await ids()).toEqual(['ping/thing-a/r0', 'ping/thing-b/r0', 'ping/thing-b/r1']);
    expect((await inspect.getJob('ping/thing-a/r0'))!.delay).toBeGreaterThan(3_000_000);

    // a replay of the whole log (a lost checkpoint) adds nothing
    const all = await store.readAll({ filter: { categories: ['thing'] } });
    await queues.apply(all.flatMap((e) => planFor([rule], e, context)), systemJobClock);
    expect(await ids()).toHaveLength(3);

    await store.append('thing-b', [event('Unpinged', {})], { expectedRevision: 1 });
    await d.caughtUp();
    expect(await ids()).toEqual(['ping/thing-a/r0']);
    expect(await dispatcherBacklog(store, [rule])).toMatchObject({ backlog: 0 });
    await d.stop();

    // restarted, it goes on from its checkpoint
    const [cp] = await store.readStream(JOB_DISPATCHER_CHECKPOINT, { direction: 'backwards', maxCount: 1 });
    const again = await startJobDispatcher(store, queues, { rules: [rule], context });
    expect(again.position).toBe(cp.data.position);
    await store.append('thing-c', [event('Pinged', { n: 4, at: later })], { expectedRevision: 'no_stream' });
    await again.caughtUp();
    expect(await ids()).toEqual(['ping/thing-a/r0', 'ping/thing-c/r0']);
    await again.stop();
  });
});
