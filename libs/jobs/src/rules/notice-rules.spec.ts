import type { RecordedEvent } from '@cobuild/event-store';
import { DEFAULT_JOB_SETTINGS, type RuleContext } from '../job-plan';
import type { WebhookChannel } from '../webhooks/webhook-channels';
import { noticeClosingRule } from './notice-closing.rule';
import { noticePublishingRule } from './notice-publishing.rule';
import { webhookDeliveryRules } from './webhook-delivery.rules';

const context: RuleContext = { timeZone: 'Asia/Shanghai', settings: DEFAULT_JOB_SETTINGS };
let position = 100;
const event = (streamId: string, type: string, data: Record<string, unknown>, occurredAt = '2026-05-06T01:00:00.000Z', revision = 0): RecordedEvent => ({
  id: `00000000-0000-5000-8000-${String(++position).padStart(12, '0')}`,
  streamId,
  type,
  revision,
  position,
  schemaVersion: 1,
  storedSchemaVersion: 1,
  data,
  metadata: { actor: { id: 'p', role: 'community_secretary' }, communityId: 'c1', correlationId: 'corr-1', causationId: null, idempotencyKey: null, occurredAt },
  recordedAt: occurredAt,
  hash: 'h',
  prevHash: null,
});
const configuration = { timeZone: 'Asia/Shanghai', objectionPeriodWorkingDays: 5, noticeFrequency: 'monthly' };
const published = (over: Record<string, unknown> = {}) =>
  event('notice-periodic.c1.2026-06', 'NoticePublished', {
    noticeId: 'periodic.c1.2026-06', communityId: 'c1', kind: 'periodic_lists', title: '2026年6月三张清单公示', logPosition: '99', digest: 'a'.repeat(64),
    subjectId: 'monthly.2026-06', publishedAt: '2026-06-01T01:00:03.000Z', objectionPeriodEndsAt: '2026-06-08T16:00:00.000Z', ...over,
  });

describe('notice publishing rule', () => {
  it('plans the first periodic notice when a community registers', () => {
    const [a] = noticePublishingRule.plan(event('community-c1', 'CommunityRegistered', { communityId: 'c1', name: '和平社区', streetId: 's1', districtId: 'd1', configuration }), context);
    expect(a).toEqual({
      kind: 'add',
      job: {
        queue: 'notices', name: 'periodic-notice', jobId: 'notice.periodic.c1.2026-06', group: null, runAt: '2026-06-01T01:00:00.000Z',
        data: expect.objectContaining({ noticeId: 'periodic.c1.2026-06', kind: 'periodic_lists', title: '2026年6月三张清单公示', subjectId: 'monthly.2026-06', frequency: 'monthly' }),
      },
    });
  });

  it('chains: a published periodic notice plans the next period', () => {
    const [a] = noticePublishingRule.plan(published(), context);
    expect(a).toMatchObject({ kind: 'add', job: { jobId: 'notice.periodic.c1.2026-07', runAt: '2026-07-01T01:00:00.000Z' } });
  });

  it('replans on a frequency change, under the new frequency', () => {
    const [a] = noticePublishingRule.plan(
      event('community-c1', 'CommunityConfigured', { communityId: 'c1', configuration: { ...configuration, noticeFrequency: 'quarterly' }, changed: ['noticeFrequency'] }),
      context,
    );
    expect(a).toMatchObject({ job: { jobId: 'notice.periodic.c1.2026-Q3', data: { frequency: 'quarterly', subjectId: 'quarterly.2026-Q3' } } });
    expect(noticePublishingRule.plan(event('community-c1', 'CommunityConfigured', { communityId: 'c1', configuration, changed: ['objectionPeriodWorkingDays'] }), context)).toEqual([]);
  });

  it('publishes after key decisions, at once, with deterministic notice ids', () => {
    const meeting = noticePublishingRule.plan(event('meeting-m1', 'MeetingClosed', { meetingId: 'm1', communityId: 'c1', streetId: 's1', minutes: '…', closedAt: 'x', decisionIds: ['d1'], chairUnitId: 'u1' }), context);
    expect(meeting).toEqual([expect.objectContaining({ job: expect.objectContaining({ name: 'decision-notice', jobId: 'notice.meeting.m1', runAt: null, data: expect.objectContaining({ kind: 'meeting_decisions', subjectId: 'm1' }) }) })]);
    const verified = noticePublishingRule.plan(event('task-t1', 'TaskVerified', { taskId: 't1', communityId: 'c1' }, undefined, 7), context);
    expect(verified[0]).toMatchObject({ job: { jobId: 'notice.completion.t1.r7', data: { kind: 'completions', subjectId: 't1' } } });
    const round = noticePublishingRule.plan(event('evaluationRound-r1', 'EvaluationRoundClosed', { roundId: 'r1', communityId: 'c1', results: [] }), context);
    expect(round[0]).toMatchObject({ job: { jobId: 'notice.evaluation.r1', data: { kind: 'evaluation_results' } } });
  });

  it('publishes nothing for a meeting without decisions, a street meeting or a street round', () => {
    expect(noticePublishingRule.plan(event('meeting-m2', 'MeetingClosed', { meetingId: 'm2', communityId: 'c1', decisionIds: [] }), context)).toEqual([]);
    expect(noticePublishingRule.plan(event('meeting-m3', 'MeetingClosed', { meetingId: 'm3', communityId: null, decisionIds: ['d'] }), context)).toEqual([]);
    expect(noticePublishingRule.plan(event('evaluationRound-r2', 'EvaluationRoundClosed', { roundId: 'r2', communityId: null, results: [] }), context)).toEqual([]);
    expect(noticePublishingRule.plan(published({ kind: 'meeting_decisions', subjectId: 'm1' }), context)).toEqual([]);
  });
});

describe('notice closing rule', () => {
  it('closes a notice when its objection period ends', () =>
    expect(noticeClosingRule.plan(published(), context)).toEqual([
      { kind: 'add', job: { queue: 'notices', name: 'close-notice', jobId: 'notice-close.periodic.c1.2026-06', group: null, runAt: '2026-06-08T16:00:00.000Z', data: expect.objectContaining({ noticeId: 'periodic.c1.2026-06' }) } },
    ]));
});

describe('webhook delivery rules', () => {
  const ch = (id: string, over: Partial<WebhookChannel> = {}): WebhookChannel => ({ id, url: 'https://x.example/h', secret: 's'.repeat(16), topics: ['notice'], communities: null, superiorDepartments: [], ...over });
  const [notices, reports] = webhookDeliveryRules([ch('board'), ch('c2-only', { communities: ['c2'] }), ch('wjw', { topics: ['superior_report'], superiorDepartments: ['市卫健委'] })]);

  it('sends a published notice to each channel taking notices for its community, never with the secret', () => {
    const actions = notices.plan(published(), context);
    expect(actions.map((a) => a.kind === 'add' && a.job.data.ref)).toEqual([expect.objectContaining({ channelId: 'board', topic: 'notice', subjectId: 'periodic.c1.2026-06', communityId: 'c1' })]);
    expect(JSON.stringify(actions)).not.toContain('s'.repeat(16));
  });

  it('reports each rated unit of a closed round to its superior department', () => {
    const result = (kind: string, id: string) => ({ direction: 'community_to_unit', subject: { kind, id }, counts: {}, total: 1, satisfactionRate: 1, satisfiedRate: 1, meanCriterionScores: {} });
    const actions = reports.plan(event('evaluationRound-r1', 'EvaluationRoundClosed', { roundId: 'r1', communityId: 'c1', results: [result('unit', 'u1'), result('community', 'c1'), result('unit', 'u2'), result('unit', 'u1')] }), context);
    expect(actions.map((a) => a.kind === 'add' && [a.job.name, a.job.data.unitId])).toEqual([['superior-report', 'u1'], ['superior-report', 'u2']]);
    expect(webhookDeliveryRules([ch('board')])[1].plan(event('evaluationRound-r1', 'EvaluationRoundClosed', { roundId: 'r1', communityId: 'c1', results: [result('unit', 'u1')] }), context)).toEqual([]);
  });
});
