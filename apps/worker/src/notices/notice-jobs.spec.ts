import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { community, evaluationRound, notice, unitRegistration, webhookDelivery } from '@cobuild/domain';
import { createEventStore, type EventStore, type NewEvent } from '@cobuild/event-store';
import { verifyNotice } from '@cobuild/audit';
import { acceleratedClock, DEFAULT_JOB_SETTINGS, type JobClock } from '@cobuild/jobs';
import { nextNoticePeriod } from '../../../../libs/jobs/src/notices/notice-periods';
import { CommandHandler } from '../../../common/src/commands/command-handler';
import { noticeClosingRule } from '../../../../libs/jobs/src/rules/notice-closing.rule';
import { noticePublishingRule } from '../../../../libs/jobs/src/rules/notice-publishing.rule';
import { webhookDeliveryRules } from '../../../../libs/jobs/src/rules/webhook-delivery.rules';
import type { WebhookChannel } from '../../../../libs/jobs/src/webhooks/webhook-channels';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from '../../../../libs/jobs/src/webhooks/webhook-signature';
import { superiorReportDeliveryId } from '../../../../libs/jobs/src/webhooks/webhook-jobs';
import { BullJobQueues } from '../jobs/bullmq-job-queues';
import { startJobDispatcher, type JobDispatcher } from '../jobs/job-dispatcher';
import { startJobWorkers, type JobWorkers } from '../jobs/job-workers';
import { redisClient } from '../jobs/queue-backend';
import { webhookProcessors } from '../webhooks/webhook.processors';
import { closeNoticeProcessor } from './close-notice.processor';
import { decisionNoticeProcessor, periodicNoticeProcessor, publishNotice } from './publish-notice.processor';
import { periodicNoticeId } from '../../../../libs/jobs/src/notices/notice-jobs';

const REDIS_URL = process.env.COBUILD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `test-notice-jobs-${process.pid}`;
const SECRET = 'notice-jobs-secret-0123456789';

/**
 * The notice jobs end to end: the dispatcher plans them from the log, the workers publish, close and
 * deliver them, on real Redis and the embedded store, with a clock that runs two days a second.
 */
describe('public-notice jobs and reports to superiors (real Redis, embedded store)', () => {
  let store: EventStore;
  let queues: BullJobQueues;
  let dispatcher: JobDispatcher;
  let workers: JobWorkers;
  let server: Server;
  const received: Array<{ path: string; body: any; signatureOk: boolean }> = [];
  let clock: JobClock;
  const cid = `c-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        // the clock runs two days a second: check the HMAC against the signed timestamp itself
        const timestamp = req.headers[TIMESTAMP_HEADER] as string;
        const signatureOk = verifyWebhook(SECRET, { signature: req.headers[SIGNATURE_HEADER] as string, timestamp }, body, new Date(Number(timestamp) * 1000));
        received.push({ path: req.url ?? '', body: JSON.parse(body), signatureOk });
        res.statusCode = 200;
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const channels: WebhookChannel[] = [
      { id: 'board', url: `${base}/board`, secret: SECRET, topics: ['notice'], communities: null, superiorDepartments: [] },
      { id: 'wjw', url: `${base}/wjw`, secret: SECRET, topics: ['superior_report'], communities: null, superiorDepartments: ['市卫生健康委员会'] },
    ];
    store = await createEventStore({ kind: 'embedded' });
    clock = acceleratedClock(new Date('2026-05-29T01:00:00Z'), 2 * 86_400);
    const handler = new CommandHandler(store);
    queues = new BullJobQueues({ kind: 'redis', url: REDIS_URL, prefix: PREFIX });
    const context = { timeZone: 'Asia/Shanghai', settings: DEFAULT_JOB_SETTINGS };
    dispatcher = await startJobDispatcher(store, queues, { rules: [noticePublishingRule, noticeClosingRule, ...webhookDeliveryRules(channels)], context, clock, retryMs: 100 });
    workers = startJobWorkers(
      { kind: 'redis', url: REDIS_URL, prefix: PREFIX },
      [periodicNoticeProcessor, decisionNoticeProcessor, closeNoticeProcessor, ...webhookProcessors(channels, 3)],
      { store, handler, clock, settings: DEFAULT_JOB_SETTINGS, timeZone: 'Asia/Shanghai' },
      { shutdownGraceMs: 2000 },
    );
    await handler.handle(
      community.decider,
      community.streamName(cid),
      { type: 'RegisterCommunity', data: { communityId: cid, name: '和平社区', streetId: 's1', street: { streetId: 's1', districtId: 'd1' } } },
      { actor: { id: 'admin', role: 'district_admin' }, now: clock.now(), correlationId: randomUUID() },
      { communityId: () => cid },
    );
  });
  afterAll(async () => {
    await dispatcher.stop();
    await workers.stop();
    const client = redisClient(REDIS_URL, true);
    const keys = await client.keys(`${PREFIX}:*`);
    if (keys.length) await client.del(...keys);
    client.disconnect();
    await queues.close();
    await store.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = await read();
      if (ok(v)) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const streamOf = (id: string) => store.readStream(id);

  it('publishes the monthly notice on the 1st, verifiable from the log, sends it signed, plans the next month and closes it after 5 working days', async () => {
    // the month after registration (the clock runs fast: usually June)
    const [registered] = await store.readStream(community.streamName(cid));
    const period = nextNoticePeriod('monthly', registered.metadata.occurredAt, 'Asia/Shanghai');
    const noticeId = `periodic.${cid}.${period.key}`;
    const events = await until(() => streamOf(notice.streamName(noticeId)), (e) => e.length > 0, 'the June notice');
    expect(events[0].data).toMatchObject({ kind: 'periodic_lists', title: `${period.label}三张清单公示`, subjectId: `monthly.${period.key}`, communityId: cid });
    expect(events[0].metadata.actor).toEqual({ id: 'worker:notices', role: 'system' });
    expect(Date.parse(String(events[0].data.publishedAt))).toBeGreaterThanOrEqual(Date.parse(period.publishAt));
    expect((await verifyNotice(store, noticeId))?.ok).toBe(true);

    const sent = await until(async () => received.filter((r) => r.path === '/board' && r.body.noticeId === noticeId), (r) => r.length > 0, 'the notice webhook');
    expect(sent[0]).toMatchObject({ signatureOk: true, body: { type: 'cobuild.notice.published', digest: events[0].data.digest, lists: { needs: [], resources: [], tasks: [] } } });
    const deliveries = await store.readAll({ filter: { categories: [webhookDelivery.category] } });
    expect(deliveries.find((e) => e.data.subjectId === noticeId)).toMatchObject({ type: 'WebhookDelivered', data: { channelId: 'board', districtId: 'd1' } });

    const inspect = new Queue('notices', { connection: redisClient(REDIS_URL, true), prefix: PREFIX });
    try {
      const next = nextNoticePeriod('monthly', period.publishAt, 'Asia/Shanghai');
      expect(await inspect.getJob(`notice.periodic.${cid}.${next.key}`)).toBeTruthy();
    } finally {
      await inspect.close();
    }
    const closed = await until(() => streamOf(notice.streamName(noticeId)), (e) => e.some((x) => x.type === 'NoticeClosed'), 'the close');
    expect(closed.filter((e) => e.type === 'NoticeClosed')).toHaveLength(1);
  });

  it('when a round closes: the results notice, and each unit’s results to its superior department’s channel (or a dead letter)', async () => {
    const meta = (): NewEvent['metadata'] => ({ actor: { id: 'sec', role: 'community_secretary' }, communityId: cid, correlationId: randomUUID(), causationId: null, idempotencyKey: null, occurredAt: clock.now().toISOString() });
    const details = (unitId: string, superiorDepartment: string) => ({ unitId, communityId: cid, unitName: `单位${unitId}`, partyOrganisationName: '党支部', contactPerson: { name: '王五', phone: '13800000000' }, superiorDepartment, registeredAt: clock.now().toISOString() });
    for (const [u, dep] of [['u1', '市卫生健康委员会'], ['u2', '市教育局']])
      await store.append(unitRegistration.streamNameFor(u, cid), [{ id: randomUUID(), type: 'UnitRegistered', schemaVersion: 1, data: details(u, dep), metadata: meta() }], { expectedRevision: 'no_stream' });
    const roundId = `r-${randomUUID().slice(0, 8)}`;
    const result = (id: string, rate: number) => ({ direction: 'community_to_unit', subject: { kind: 'unit', id }, counts: { satisfied: 3, basically_satisfied: 0, dissatisfied: 0 }, total: 3, satisfactionRate: rate, satisfiedRate: rate, meanCriterionScores: {} });
    const closed: evaluationRound.EvaluationRoundClosed['data'] = {
      roundId, scope: { level: 'community', id: cid }, communityId: cid, period: { kind: 'year', year: 2026 }, closedAt: clock.now().toISOString(), ratingCount: 6,
      results: [result('u1', 1), result('u2', 0.5)] as never,
    };
    await store.append(evaluationRound.streamName(roundId), [{ id: randomUUID(), type: 'EvaluationRoundClosed', schemaVersion: 1, data: closed, metadata: meta() }], { expectedRevision: 'any' });

    const report = await until(async () => received.filter((r) => r.path === '/wjw' && r.body.roundId === roundId), (r) => r.length > 0, 'the report to 市卫健委');
    expect(report[0]).toMatchObject({ signatureOk: true, body: { type: 'cobuild.evaluation.unit_results', unit: { unitId: 'u1', superiorDepartment: '市卫生健康委员会' }, results: [{ satisfactionRate: 1 }] } });
    const dead = await until(() => streamOf(webhookDelivery.streamName(superiorReportDeliveryId(roundId, 'u2'))), (e) => e.length > 0, 'the dead letter for 市教育局');
    expect(dead.map((e) => [e.type, e.data.attempts, e.data.districtId])).toEqual([['WebhookDeadLettered', 0, 'd1']]);
    expect(String(dead[0].data.lastError)).toContain('市教育局');
    const results = await until(() => streamOf(notice.streamName(`evaluation.${roundId}`)), (e) => e.length > 0, 'the results notice');
    expect(results[0].data).toMatchObject({ kind: 'evaluation_results', subjectId: roundId });
  });

  it('publishes the current period when a periodic job runs months late (a community registered before the dispatcher first ran)', async () => {
    // its own store and a fixed clock: no dispatcher can publish the period first, the period "now" is known
    const own = await createEventStore({ kind: 'embedded' });
    try {
      const at = new Date('2026-04-15T04:00:00.000Z');
      const fixed: JobClock = { now: () => new Date(at), delayUntil: () => 0 };
      const handler = new CommandHandler(own);
      const late = `c-late-${randomUUID().slice(0, 8)}`;
      await handler.handle(
        community.decider,
        community.streamName(late),
        { type: 'RegisterCommunity', data: { communityId: late, name: '迟到社区', streetId: 's1', street: { streetId: 's1', districtId: 'd1' } } },
        { actor: { id: 'admin', role: 'district_admin' }, now: new Date('2025-12-20T02:00:00.000Z'), correlationId: randomUUID() },
        { communityId: () => late },
      );
      const stale = {
        noticeId: periodicNoticeId(late, '2026-01'), communityId: late, kind: 'periodic_lists' as const, title: '2026年1月三张清单公示', subjectId: 'monthly.2026-01',
        frequency: 'monthly' as const, periodPublishAt: '2026-01-01T01:00:00.000Z', periodLabel: '2026年1月', correlationId: randomUUID(), causationId: randomUUID(),
      };
      const outcome = await publishNotice({ id: 'j', name: 'periodic-notice', data: stale, attemptsMade: 0 }, { store: own, handler, clock: fixed, settings: DEFAULT_JOB_SETTINGS, timeZone: 'Asia/Shanghai' });
      // April 2026 is the period current on 15 April (its notice was due 1 April, 09:00 Beijing)
      const currentId = periodicNoticeId(late, '2026-04');
      expect(outcome).toBe(`published ${currentId} at position 1 (1 events)`);
      for (const missed of ['2026-01', '2026-02', '2026-03']) expect(await own.streamExists(notice.streamName(periodicNoticeId(late, missed)))).toBe(false);
      const [published] = await own.readStream(notice.streamName(currentId));
      expect(published.type).toBe('NoticePublished');
      expect(published.data).toMatchObject({ noticeId: currentId, communityId: late, kind: 'periodic_lists', subjectId: 'monthly.2026-04', title: '2026年4月三张清单公示', logPosition: '1' });
      expect(published.metadata.occurredAt).toBe(at.toISOString());
      // the snapshot is the community's log at position 1 (its registration), recomputed from the log
      expect(await verifyNotice(own, currentId)).toMatchObject({ ok: true, logPosition: 1, eventCount: 1 });
      // run again: the same period, published once
      expect(await publishNotice({ id: 'j2', name: 'periodic-notice', data: stale, attemptsMade: 1 }, { store: own, handler, clock: fixed, settings: DEFAULT_JOB_SETTINGS, timeZone: 'Asia/Shanghai' }))
        .toBe(`notice ${currentId} already published`);
    } finally {
      await own.close();
    }
  });

  it('never puts the signing secret into the log or a job', async () => {
    const all = await store.readAll({ maxCount: 100_000 });
    expect(JSON.stringify(all)).not.toContain(SECRET);
    const inspect = new Queue('webhooks', { connection: redisClient(REDIS_URL, true), prefix: PREFIX });
    try {
      const jobs = await inspect.getJobs(['completed', 'failed', 'delayed', 'waiting']);
      expect(jobs.length).toBeGreaterThan(0);
      expect(JSON.stringify(jobs.map((j) => j.data))).not.toContain(SECRET);
    } finally {
      await inspect.close();
    }
  });
});
