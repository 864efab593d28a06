import type { Event, Instant } from '../shared/message';

/** what an outbound webhook carries: a public notice, a report to a unit's superior department, a reminder */
export type WebhookTopic = 'notice' | 'superior_report' | 'reminder';

/** Which delivery: one payload to one configured channel (COBUILD_WEBHOOKS, docs/webhooks.md). */
export type WebhookDeliveryRef = {
  /** deterministic: the same payload to the same channel always has the same id */
  deliveryId: string;
  /** the channel's id in COBUILD_WEBHOOKS (never its URL secret) */
  channelId: string;
  topic: WebhookTopic;
  /** what the payload is about: a notice id, an evaluation round and unit, a reminder id */
  subjectId: string;
  /** the community the payload belongs to, null for street-level payloads */
  communityId: string | null;
  /** the district whose admins see this delivery (and its dead letter) */
  districtId: string | null;
};

/** One attempt to deliver failed (the receiver answered non-2xx, or could not be reached); it will be retried with backoff. */
export type WebhookDeliveryAttempted = Event<
  'WebhookDeliveryAttempted',
  WebhookDeliveryRef & {
    /** 1-based */
    attempt: number;
    /** the receiver's HTTP status, null when there was no answer */
    statusCode: number | null;
    error: string;
    attemptedAt: Instant;
  }
>;

/** The receiver accepted the payload (2xx). */
export type WebhookDelivered = Event<
  'WebhookDelivered',
  WebhookDeliveryRef & {
    attempt: number;
    statusCode: number;
    /** lowercase hex SHA-256 of the body sent (the body itself is signed with the channel's secret) */
    bodyDigest: string;
    deliveredAt: Instant;
  }
>;

/** Every attempt failed (or the delivery cannot be made, e.g. no channel is configured): visible to admins as a dead letter. */
export type WebhookDeadLettered = Event<
  'WebhookDeadLettered',
  WebhookDeliveryRef & { attempts: number; lastError: string; deadLetteredAt: Instant }
>;

export type WebhookDeliveryEvent = WebhookDeliveryAttempted | WebhookDelivered | WebhookDeadLettered;

export const webhookDeliveryEventVersions: Record<WebhookDeliveryEvent['type'], number> = {
  WebhookDeliveryAttempted: 1,
  WebhookDelivered: 1,
  WebhookDeadLettered: 1,
};
