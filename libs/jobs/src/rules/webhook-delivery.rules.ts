import type { evaluationRound, notice } from '@cobuild/domain';
import type { JobRule } from '../job-plan';
import { ratedUnits } from '../notices/notice-content';
import { channelsFor, type WebhookChannel } from '../webhooks/webhook-channels';
import { deliveryIdOf, superiorReportDeliveryId, WEBHOOK_JOBS, WEBHOOKS_QUEUE, type WebhookJobData } from '../webhooks/webhook-jobs';

/**
 * Outbound webhooks from the log, given the configured channels (COBUILD_WEBHOOKS):
 * - every published notice → one delivery per channel taking `notice` for its community;
 * - a closed evaluation round → one report per rated unit to its superior department's channel
 *   (found when the job runs, from the unit's registration), when any channel takes `superior_report`.
 * Delivery ids are the job ids: deterministic, so a replay adds nothing twice.
 */
export function webhookDeliveryRules(channels: readonly WebhookChannel[]): JobRule[] {
  const noticeWebhooks: JobRule = {
    name: 'notice-webhooks',
    filter: { categories: ['notice'], eventTypes: ['NoticePublished'] },
    plan(e) {
      const d = e.data as notice.NoticePublished['data'];
      return channelsFor(channels, 'notice', d.communityId).map((c) => {
        const deliveryId = deliveryIdOf('notice', d.noticeId, c.id);
        const data: WebhookJobData = {
          kind: 'notice',
          ref: { deliveryId, channelId: c.id, topic: 'notice', subjectId: d.noticeId, communityId: d.communityId, districtId: null },
          noticeId: d.noticeId,
        };
        return { kind: 'add', job: { queue: WEBHOOKS_QUEUE, name: WEBHOOK_JOBS.notice, jobId: deliveryId, group: null, runAt: null, data: { ...data, correlationId: e.metadata.correlationId, causationId: e.id } } };
      });
    },
  };
  const superiorReports: JobRule = {
    name: 'superior-reports',
    filter: { categories: ['evaluationRound'], eventTypes: ['EvaluationRoundClosed'] },
    plan(e) {
      if (!channels.some((c) => c.topics.includes('superior_report'))) return [];
      const d = e.data as evaluationRound.EvaluationRoundClosed['data'];
      return ratedUnits(d).map((unitId) => {
        const deliveryId = superiorReportDeliveryId(d.roundId, unitId);
        const data: WebhookJobData = {
          kind: 'superior_report',
          ref: { deliveryId, topic: 'superior_report', subjectId: `${d.roundId}.${unitId}`, communityId: d.communityId, districtId: null },
          roundId: d.roundId,
          unitId,
        };
        return { kind: 'add', job: { queue: WEBHOOKS_QUEUE, name: WEBHOOK_JOBS.superiorReport, jobId: deliveryId, group: null, runAt: null, data: { ...data, correlationId: e.metadata.correlationId, causationId: e.id } } };
      });
    },
  };
  return [noticeWebhooks, superiorReports];
}
