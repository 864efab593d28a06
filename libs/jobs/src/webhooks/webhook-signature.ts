import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How a webhook body is signed (docs/webhooks.md):
 *   X-Cobuild-Timestamp: <unix seconds>
 *   X-Cobuild-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>
 * The timestamp is signed with the body, so a receiver that refuses old timestamps (say 5 minutes)
 * cannot be replayed an old delivery; every attempt is signed afresh.
 */
export const SIGNATURE_HEADER = 'x-cobuild-signature';
export const TIMESTAMP_HEADER = 'x-cobuild-timestamp';
export const DELIVERY_HEADER = 'x-cobuild-delivery';
export const TOPIC_HEADER = 'x-cobuild-topic';

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/** A receiver's check: the signature matches and the timestamp is within `toleranceSeconds` of `now`. */
export function verifyWebhook(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: string,
  now: Date = new Date(),
  toleranceSeconds = 300,
): boolean {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
