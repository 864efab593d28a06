import { createHash } from 'node:crypto';
import type { webhookDelivery } from '@cobuild/domain';
import type { WebhookChannel } from '../../../../libs/jobs/src/webhooks/webhook-channels';
import { DELIVERY_HEADER, signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER, TOPIC_HEADER } from '../../../../libs/jobs/src/webhooks/webhook-signature';

export interface SendOutcome {
  ok: boolean;
  /** null when the receiver did not answer */
  statusCode: number | null;
  /** why it failed (never the secret, never the URL's credentials) */
  error: string | null;
  bodyDigest: string;
}

/**
 * One POST of a signed JSON body to a channel. A 2xx answer is a delivery; anything else, a
 * timeout or no connection is a failed attempt (the queue retries it with backoff).
 */
export async function sendWebhook(
  channel: WebhookChannel,
  ref: webhookDelivery.WebhookDeliveryRef,
  body: Record<string, unknown>,
  now: Date,
  timeoutMs = 10_000,
): Promise<SendOutcome> {
  const text = JSON.stringify(body);
  const bodyDigest = createHash('sha256').update(text, 'utf8').digest('hex');
  const timestamp = Math.floor(now.getTime() / 1000);
  try {
    const res = await fetch(channel.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'cobuild-webhooks/1',
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhook(channel.secret, timestamp, text),
        [DELIVERY_HEADER]: ref.deliveryId,
        [TOPIC_HEADER]: ref.topic,
      },
      body: text,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { ok: true, statusCode: res.status, error: null, bodyDigest };
    return { ok: false, statusCode: res.status, error: `HTTP ${res.status}`, bodyDigest };
  } catch (e) {
    return { ok: false, statusCode: null, error: describeFailure(e), bodyDigest };
  }
}

function describeFailure(e: unknown): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return 'timed out';
  const code = err.cause?.code ?? err.name ?? 'Error';
  return `${code}: ${err.cause?.message ?? err.message ?? 'request failed'}`.slice(0, 500);
}
