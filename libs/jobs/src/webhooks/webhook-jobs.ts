import { createHash } from 'node:crypto';
import type { webhookDelivery } from '@cobuild/domain';
import { QUEUES } from '../queues';

/** The queue of outbound webhooks: one job per (payload, channel), its id the delivery id. */
export const WEBHOOKS_QUEUE = QUEUES.webhooks;

/** job names on the webhooks queue */
export const WEBHOOK_JOBS = {
  /** a public notice to one channel; the body is built from the log when it runs */
  notice: 'notice-webhook',
  /** one unit's evaluation results to its superior department's channel (found when it runs) */
  superiorReport: 'superior-report',
  /** a ready body (e.g. a reminder) to one channel */
  payload: 'webhook-payload',
} as const;

/** attempts and backoff of a delivery: 1 s, 2 s, 4 s, … (base configurable for tests) */
export const WEBHOOK_ATTEMPTS = 8;
export const WEBHOOK_BACKOFF_MS = 1000;

export type WebhookJobData =
  | { kind: 'notice'; ref: webhookDelivery.WebhookDeliveryRef; noticeId: string }
  | { kind: 'superior_report'; ref: Omit<webhookDelivery.WebhookDeliveryRef, 'channelId'>; roundId: string; unitId: string }
  | { kind: 'payload'; ref: webhookDelivery.WebhookDeliveryRef; body: Record<string, unknown> };

/**
 * A delivery id: readable parts plus a short hash of them, so it is deterministic, a valid
 * stream/job id (no ':' or spaces) and distinct even when parts contain separators.
 */
export function deliveryIdOf(topic: webhookDelivery.WebhookTopic, subjectId: string, channelId: string): string {
  const h = createHash('sha256').update(`${topic}\n${subjectId}\n${channelId}`).digest('hex').slice(0, 12);
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 48);
  return `${topic}.${safe(subjectId)}.${safe(channelId)}.${h}`;
}

/** The delivery id of one unit's report to its superior department (its channel is found when the job runs). */
export const superiorReportDeliveryId = (roundId: string, unitId: string): string => deliveryIdOf('superior_report', `${roundId}.${unitId}`, 'superior');
