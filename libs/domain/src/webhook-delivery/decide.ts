import { assertNever } from '../shared/decider';
import { forbidden, invalid } from '../shared/domain-error';
import type { CommandMeta } from '../shared/message';
import { requireId, requireText } from '../guards';
import type { RecordWebhookAttempt, RecordWebhookDeadLettered, RecordWebhookDelivered, WebhookDeliveryCommand } from './commands';
import type { WebhookDeliveryEvent, WebhookDeliveryRef, WebhookTopic } from './events';
import type { WebhookDeliveryState } from './state';

export const WEBHOOK_TOPICS: readonly WebhookTopic[] = ['notice', 'superior_report', 'reminder'];

/**
 * Delivery records are written by the worker only, and each is idempotent: the same attempt, the
 * delivery, or a dead letter after the same number of attempts, recorded again, writes nothing.
 */
export function decideWebhookDelivery(command: WebhookDeliveryCommand, state: WebhookDeliveryState): WebhookDeliveryEvent[] {
  switch (command.type) {
    case 'RecordWebhookAttempt':
      return attempted(command, state);
    case 'RecordWebhookDelivered':
      return delivered(command, state);
    case 'RecordWebhookDeadLettered':
      return deadLettered(command, state);
    default:
      return assertNever(command);
  }
}

function attempted(command: RecordWebhookAttempt, state: WebhookDeliveryState): WebhookDeliveryEvent[] {
  const ref = requireRef(command.data, command.meta);
  const attempt = requireCount(command.data.attempt, 'attempt');
  if (state.status === 'delivered' || (state.status !== 'none' && state.failedAttempts.includes(attempt))) return [];
  const statusCode = command.data.statusCode === null ? null : requireStatus(command.data.statusCode);
  const error = requireText(command.data.error, 'WEBHOOK.INVALID_ERROR', 'error', 500);
  return [{ type: 'WebhookDeliveryAttempted', data: { ...ref, attempt, statusCode, error, attemptedAt: command.meta.now.toISOString() } }];
}

function delivered(command: RecordWebhookDelivered, state: WebhookDeliveryState): WebhookDeliveryEvent[] {
  const ref = requireRef(command.data, command.meta);
  if (state.status === 'delivered') return [];
  const attempt = requireCount(command.data.attempt, 'attempt');
  const statusCode = requireStatus(command.data.statusCode);
  if (typeof command.data.bodyDigest !== 'string' || !/^[0-9a-f]{64}$/.test(command.data.bodyDigest))
    throw invalid('WEBHOOK.INVALID_DIGEST', 'bodyDigest must be a SHA-256 in lowercase hex', { field: 'bodyDigest' });
  return [
    { type: 'WebhookDelivered', data: { ...ref, attempt, statusCode, bodyDigest: command.data.bodyDigest, deliveredAt: command.meta.now.toISOString() } },
  ];
}

function deadLettered(command: RecordWebhookDeadLettered, state: WebhookDeliveryState): WebhookDeliveryEvent[] {
  const ref = requireRef(command.data, command.meta);
  const attempts = requireCount(command.data.attempts, 'attempts', 0);
  if (state.status === 'delivered') return [];
  if (state.status !== 'none' && state.deadLetteredAt !== null && attempts <= state.deadLetteredAt) return [];
  const lastError = requireText(command.data.lastError, 'WEBHOOK.INVALID_ERROR', 'lastError', 500);
  return [{ type: 'WebhookDeadLettered', data: { ...ref, attempts, lastError, deadLetteredAt: command.meta.now.toISOString() } }];
}

function requireRef(data: WebhookDeliveryRef, meta: CommandMeta): WebhookDeliveryRef {
  if (meta.actor.role !== 'system') throw forbidden('WEBHOOK.SYSTEM_ONLY', 'webhook deliveries are recorded by the worker only');
  if (!WEBHOOK_TOPICS.includes(data.topic))
    throw invalid('WEBHOOK.INVALID_TOPIC', `topic must be one of ${WEBHOOK_TOPICS.join(', ')}`, { field: 'topic' });
  return {
    deliveryId: requireId(data.deliveryId, 'WEBHOOK.INVALID_ID', 'deliveryId'),
    channelId: requireId(data.channelId, 'WEBHOOK.INVALID_ID', 'channelId'),
    topic: data.topic,
    subjectId: requireText(data.subjectId, 'WEBHOOK.INVALID_ID', 'subjectId', 300),
    communityId: data.communityId == null ? null : requireId(data.communityId, 'WEBHOOK.INVALID_ID', 'communityId'),
    districtId: data.districtId == null ? null : requireId(data.districtId, 'WEBHOOK.INVALID_ID', 'districtId'),
  };
}

function requireCount(value: unknown, field: string, min = 1): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > 1000)
    throw invalid('WEBHOOK.INVALID_ATTEMPT', `${field} must be a whole number from ${min} to 1000`, { field });
  return value;
}

function requireStatus(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 100 || value > 599)
    throw invalid('WEBHOOK.INVALID_STATUS', 'statusCode must be an HTTP status (100-599)', { field: 'statusCode' });
  return value;
}
