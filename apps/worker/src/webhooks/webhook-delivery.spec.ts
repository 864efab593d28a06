import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Queue, Worker, QueueEvents } from 'bullmq';
import IORedis from 'ioredis';
import { notice, webhookDelivery } from '@cobuild/domain';
import { createEventStore, type EventStore, type RecordedEvent } from '@cobuild/event-store';
import { CommandHandler } from '../../../common/src/commands/command-handler';
import type { WebhookChannel } from '../../../../libs/jobs/src/webhooks/webhook-channels';
import { deliveryIdOf, superiorReportDeliveryId, WEBHOOKS_QUEUE, type WebhookJobData } from '../../../../libs/jobs/src/webhooks/webhook-jobs';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from '../../../../libs/jobs/src/webhooks/webhook-signature';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECRET = 'test-secret-0123456789-abcdef';

/** A real receiver on 127.0.0.1: answers `failFirst` requests with 503, then 204; checks every signature. */
class Receiver {
  readonly requests: Array<{ body: string; headers: IncomingMessage['headers']; signatureOk: boolean }> = [];
  private server!: Server;
  constructor(private failFirst: number) {}
  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const signatureOk = verifyWebhook(SECRET, { signature: req.headers[SIGNATURE_HEADER] as string, timestamp: req.headers[TIMESTAMP_HEADER] as string }, body);
        this.requests.push({ body, headers: req.headers, signatureOk });
        res.statusCode = this.requests.length <= this.failFirst ? 503 : 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }
  stop = () => new Promise<void>((resolve) => this.server.close(() => resolve()));
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('webhook delivery (real Redis, embedded store, a local receiver)', () => {
  const prefix = `cobuild-test-webhooks-${randomUUID().slice(0, 8)}`;
  let store: EventStore;
  let connection: IORedis;
  let queue: Queue;
  let events: QueueEvents;
  let worker: Worker | null = null;
  const receivers: Receiver[] = [];
  const duplicates: IORedis[] = [];
  const dup = () => {
    const c = connection.duplicate();
    duplicates.push(c);
    return c;
  };

  beforeAll(async () => {
    store = await createEventStore({ kind: 'embedded' });
    connection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(WEBHOOKS_QUEUE, { connection, prefix });
    events = new QueueEvents(WEBHOOKS_QUEUE, { connection: dup(), prefix });
    await events.waitUntilReady();
  });
  afterEach(async () => {
    await worker?.close();
    worker = null;
    await Promise.all(receivers.splice(0).map((r) => r.stop()));
  });
  afterAll(async () => {
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await Promise.all(duplicates.map((c) => c.quit()));
    await connection.quit();
    await store.close();
  });

  const channel = (id: string, url: string): WebhookChannel => ({ id, url, secret: SECRET, topics: ['notice', 'superior_report', 'reminder'], communities: null, superiorDepartments: ['市卫生健康委员会'] });
  const startWorker = (channels: WebhookChannel[]) => {
    const processor = new WebhookDeliveryProcessor(store, channels, { now: () => new Date() });
    worker = new Worker(WEBHOOKS_QUEUE, processor.process, { connection: dup(), prefix, concurrency: 2 });
    return processor;
  };
  const receiver = async (failFirst: number) => {
    const r = new Receiver(failFirst);
    receivers.push(r);
    return { r, url: await r.start() };
  };
  const recorded = async (deliveryId: string): Promise<RecordedEvent[]> => store.readStream(webhookDelivery.streamName(deliveryId));
  const payloadJob = (channelId: string, subjectId = randomUUID()): WebhookJobData & { kind: 'payload' } => ({
    kind: 'payload',
    ref: { deliveryId: deliveryIdOf('reminder', subjectId, channelId), channelId, topic: 'reminder', subjectId, communityId: 'c1', districtId: 'd1' },
    body: { type: 'cobuild.reminder', subjectId, text: '任务将于3日后到期' },
  });

  it('retries with exponential backoff until the receiver accepts, signing every attempt, and records each attempt once', async () => {
    const { r, url } = await receiver(2);
    startWorker([channel('board', url)]);
    const data = payloadJob('board');
    await queue.add('webhook-payload', data, { jobId: data.ref.deliveryId, attempts: 5, backoff: { type: 'exponential', delay: 50 } });
    const log = await until(() => recorded(data.ref.deliveryId), (e) => e.some((x) => x.type === 'WebhookDelivered'), 'the delivery');
    expect(log.map((e) => [e.type, e.data.attempt])).toEqual([
      ['WebhookDeliveryAttempted', 1],
      ['WebhookDeliveryAttempted', 2],
      ['WebhookDelivered', 3],
    ]);
    expect(log[0].data).toMatchObject({ statusCode: 503, error: 'HTTP 503', channelId: 'board', districtId: 'd1' });
    expect(r.requests).toHaveLength(3);
    expect(r.requests.every((q) => q.signatureOk)).toBe(true);
    expect(r.requests.every((q) => q.headers[DELIVERY_HEADER] === data.ref.deliveryId)).toBe(true);
    expect(JSON.parse(r.requests[2].body)).toEqual(data.body);
    // deterministic ids: the records' ids follow from the delivery id and attempt
    expect(new Set(log.map((e) => e.id)).size).toBe(3);
    expect(log.every((e) => e.metadata.actor.role === 'system')).toBe(true);
  });

  it('sends and records nothing again when a delivered job runs again (a queue refilled from the log)', async () => {
    const { r, url } = await receiver(0);
    const processor = startWorker([channel('board', url)]);
    const data = payloadJob('board');
    const job = await queue.add('webhook-payload', data, { jobId: data.ref.deliveryId, attempts: 3, backoff: { type: 'exponential', delay: 50 } });
    await job.waitUntilFinished(events, 30_000);
    // the same job id again is ignored by BullMQ; the processor run again on it finds the delivery recorded
    await queue.add('webhook-payload', data, { jobId: data.ref.deliveryId, attempts: 3 });
    await expect(processor.process(job)).resolves.toMatchObject({ delivered: true });
    const log = await recorded(data.ref.deliveryId);
    expect(log.map((e) => e.type)).toEqual(['WebhookDelivered']);
    expect(r.requests.length).toBe(1);
    expect(r.requests[0].headers[DELIVERY_HEADER]).toBe(data.ref.deliveryId);
  });

  it('dead-letters a delivery whose every attempt fails, and keeps the failed job for admins', async () => {
    const { r, url } = await receiver(1000);
    startWorker([channel('board', url)]);
    const data = payloadJob('board');
    await queue.add('webhook-payload', data, { jobId: data.ref.deliveryId, attempts: 3, backoff: { type: 'exponential', delay: 20 } });
    const log = await until(() => recorded(data.ref.deliveryId), (e) => e.some((x) => x.type === 'WebhookDeadLettered'), 'the dead letter');
    expect(log.map((e) => e.type)).toEqual(['WebhookDeliveryAttempted', 'WebhookDeliveryAttempted', 'WebhookDeliveryAttempted', 'WebhookDeadLettered']);
    expect(log[3].data).toMatchObject({ attempts: 3, lastError: 'HTTP 503' });
    expect(r.requests).toHaveLength(3);
    const failed = await until(() => queue.getJob(data.ref.deliveryId).then((j) => j?.failedReason ?? null), (v) => v !== null, 'the failed job');
    expect(failed).toContain('HTTP 503');
  });

  it('records an unreachable receiver as a failed attempt without a status', async () => {
    const { url } = await receiver(0);
    await receivers.pop()!.stop(); // nothing listens there any more
    startWorker([channel('board', url)]);
    const data = payloadJob('board');
    await queue.add('webhook-payload', data, { jobId: data.ref.deliveryId, attempts: 1 });
    const log = await until(() => recorded(data.ref.deliveryId), (e) => e.some((x) => x.type === 'WebhookDeadLettered'), 'the dead letter');
    expect(log[0].data).toMatchObject({ statusCode: null });
    expect(String(log[0].data.error)).toMatch(/ECONNREFUSED/);
  });

  it('sends a notice with its digest and the lists as they stood at its log position', async () => {
    const { r, url } = await receiver(0);
    startWorker([channel('board', url)]);
    const noticeId = randomUUID();
    const digest = 'c'.repeat(64);
    await new CommandHandler(store).handle(
      notice.decider,
      notice.streamName(noticeId),
      {
        type: 'PublishNotice',
        data: { noticeId, communityId: 'c1', kind: 'periodic_lists', title: '五月三张清单公示', logPosition: '0', digest, objectionPeriodEndsAt: '2099-01-01T00:00:00Z' },
      },
      { actor: { id: 'sec', role: 'community_secretary' }, now: new Date(), correlationId: randomUUID() },
      { communityId: () => 'c1' },
    );
    const ref = { deliveryId: deliveryIdOf('notice', noticeId, 'board'), channelId: 'board', topic: 'notice' as const, subjectId: noticeId, communityId: 'c1', districtId: null };
    await queue.add('notice-webhook', { kind: 'notice', ref, noticeId } satisfies WebhookJobData, { jobId: ref.deliveryId, attempts: 3 });
    await until(() => recorded(ref.deliveryId), (e) => e.some((x) => x.type === 'WebhookDelivered'), 'the notice delivery');
    const body = JSON.parse(r.requests[0].body);
    expect(body).toMatchObject({ type: 'cobuild.notice.published', noticeId, digest, logPosition: '0', lists: { needs: [], resources: [], tasks: [] } });
    expect(r.requests[0].signatureOk).toBe(true);
  });

  it('dead-letters at once a report to a superior department with no channel', async () => {
    startWorker([]);
    const deliveryId = superiorReportDeliveryId('round-x', 'u-x');
    const data: WebhookJobData = { kind: 'superior_report', ref: { deliveryId, topic: 'superior_report', subjectId: 'round-x.u-x', communityId: null, districtId: null }, roundId: 'round-x', unitId: 'u-x' };
    await queue.add('superior-report', data, { jobId: deliveryId, attempts: 3 });
    const log = await until(() => recorded(deliveryId), (e) => e.length > 0, 'the dead letter');
    expect(log.map((e) => [e.type, e.data.attempts, e.data.channelId])).toEqual([['WebhookDeadLettered', 0, 'none']]);
  });

  it('never writes the signing secret into the log', async () => {
    const all = await store.readAll({ maxCount: 10_000 });
    expect(all.length).toBeGreaterThan(0);
    expect(JSON.stringify(all)).not.toContain(SECRET);
  });
});
