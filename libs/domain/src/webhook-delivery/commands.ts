import type { Command } from '../shared/message';
import type { WebhookDeliveryRef } from './events';

/** The worker records a failed attempt (system only). Recording the same attempt twice is a no-op. */
export type RecordWebhookAttempt = Command<
  'RecordWebhookAttempt',
  WebhookDeliveryRef & { attempt: number; statusCode: number | null; error: string }
>;

/** The worker records that the receiver accepted the payload (system only; once). */
export type RecordWebhookDelivered = Command<
  'RecordWebhookDelivered',
  WebhookDeliveryRef & { attempt: number; statusCode: number; bodyDigest: string }
>;

/** The worker gives up on a delivery (system only; once, and never after it was delivered). */
export type RecordWebhookDeadLettered = Command<
  'RecordWebhookDeadLettered',
  WebhookDeliveryRef & { attempts: number; lastError: string }
>;

export type WebhookDeliveryCommand = RecordWebhookAttempt | RecordWebhookDelivered | RecordWebhookDeadLettered;
