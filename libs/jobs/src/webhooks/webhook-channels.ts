import { z } from 'zod';
import type { webhookDelivery } from '@cobuild/domain';

/**
 * Outbound webhook channels (docs/webhooks.md), configured by the environment variable
 * COBUILD_WEBHOOKS: a JSON array of
 *   { "id": "board", "url": "https://…", "secret": "<≥ 16 characters>",
 *     "topics": ["notice", "superior_report", "reminder"],
 *     "communities": ["c-heping"],                 // optional: only these communities' payloads
 *     "superiorDepartments": ["市卫生健康委员会"] }   // superior_report: the departments this channel is
 * The secret signs every body (HMAC-SHA256) and is never logged, recorded in an event or put in a job.
 */
export interface WebhookChannel {
  id: string;
  url: string;
  secret: string;
  topics: webhookDelivery.WebhookTopic[];
  /** null: every community */
  communities: string[] | null;
  /** the superior departments (上级主管部门, as units register them) whose reports go here */
  superiorDepartments: string[];
}

const channelSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, - and _ (at most 64)'),
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    secret: z.string().min(16, 'must be at least 16 characters'),
    topics: z.array(z.enum(['notice', 'superior_report', 'reminder'])).min(1, 'needs at least one topic'),
    communities: z.array(z.string().regex(/^[^\s:]{1,128}$/, 'community ids')).min(1).optional(),
    superiorDepartments: z.array(z.string().trim().min(1).max(200)).optional(),
  })
  .strict();

export class WebhookConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`COBUILD_WEBHOOKS ${problems.join('; ')}`);
    this.name = 'WebhookConfigError';
  }
}

/** Parses COBUILD_WEBHOOKS; unset or blank: no channels. Messages name the entry and field, never a value. */
export function parseWebhookChannels(raw: string | undefined): WebhookChannel[] {
  if (raw === undefined || raw.trim() === '') return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new WebhookConfigError(['is not valid JSON (expected an array of channels)']);
  }
  const parsed = z.array(channelSchema).safeParse(json);
  if (!parsed.success) throw new WebhookConfigError(parsed.error.issues.map((i) => `[${i.path.join('].')}${i.path.length > 1 ? '' : ']'} ${i.message}`.replace('[]', '')));
  const ids = parsed.data.map((c) => c.id);
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (repeated.length > 0) throw new WebhookConfigError([`repeats the channel id ${repeated[0]}`]);
  return parsed.data.map((c) => ({
    id: c.id,
    url: c.url,
    secret: c.secret,
    topics: c.topics,
    communities: c.communities ?? null,
    superiorDepartments: c.superiorDepartments ?? [],
  }));
}

/** The channels a community's payload of a topic goes to. */
export function channelsFor(channels: readonly WebhookChannel[], topic: webhookDelivery.WebhookTopic, communityId: string | null): WebhookChannel[] {
  return channels.filter((c) => c.topics.includes(topic) && (c.communities === null || (communityId !== null && c.communities.includes(communityId))));
}

/** The channel of a superior department (reports to superiors), or null when none is configured. */
export function superiorChannel(channels: readonly WebhookChannel[], department: string): WebhookChannel | null {
  const name = department.trim();
  return channels.find((c) => c.topics.includes('superior_report') && c.superiorDepartments.includes(name)) ?? null;
}

/** A channel as it may be shown or logged: without its secret. */
export function describeChannel(c: WebhookChannel): { id: string; url: string; topics: string[] } {
  return { id: c.id, url: redactUrl(c.url), topics: c.topics };
}

/** user:password and the query string of a URL may hold credentials: never shown. */
export function redactUrl(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname}${u.search ? '?…' : ''}`;
}
