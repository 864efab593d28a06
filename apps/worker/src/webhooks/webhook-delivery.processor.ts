import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { webhookDelivery, type Actor } from '@cobuild/domain';
import type { EventStore } from '@cobuild/event-store';
import { CommandHandler } from '../../../common/src/commands/command-handler';
import type { Clock } from '../../../common/src/clock';
import { superiorChannel, type WebhookChannel } from '../../../../libs/jobs/src/webhooks/webhook-channels';
import type { WebhookJobData } from '../../../../libs/jobs/src/webhooks/webhook-jobs';
import { WebhookContent } from './webhook-content';
import { sendWebhook, type SendOutcome } from './webhook-sender';

export const WEBHOOKS_ACTOR: Actor = { id: 'worker:webhooks', role: 'system' };

type Ref = webhookDelivery.WebhookDeliveryRef;
/** the job data plus where it came from (the dispatcher's source event), for the records' correlation */
export type WebhookJob = Job<WebhookJobData & { correlationId?: string; causationId?: string }>;

export class DeliveryFailedError extends Error {
  override name = 'DeliveryFailedError';
}

/**
 * The processor of the webhooks queue (one per job: one payload to one channel). It builds the
 * body from the log, signs and POSTs it, and records the outcome through the command handler:
 * `WebhookDeliveryAttempted` for a failed attempt (then throws, so BullMQ retries with
 * exponential backoff), `WebhookDelivered` on a 2xx, `WebhookDeadLettered` after the last
 * attempt (the job also stays in the queue's failed set, visible on /admin/queues). Each record's
 * Idempotency-Key is derived from the delivery id and attempt, so a retried or re-run job records nothing twice.
 */
export class WebhookDeliveryProcessor {
  private readonly logger = new Logger('webhooks');
  private readonly content: WebhookContent;

  constructor(
    private readonly store: EventStore,
    private readonly channels: readonly WebhookChannel[],
    private readonly clock: Clock,
    private readonly handler = new CommandHandler(store),
    private readonly timeoutMs = 10_000,
  ) {
    this.content = new WebhookContent(store);
  }

  readonly process = async (job: WebhookJob): Promise<{ delivered: boolean; statusCode: number | null }> => {
    // a job run again (a queue refilled from the log after losing its jobs) sends nothing twice
    const settled = await this.settled(job.data.ref.deliveryId);
    if (settled) return settled;
    const attempt = job.attemptsMade + 1;
    const lastAttempt = attempt >= (job.opts.attempts ?? 1);
    const resolved = await this.withDistrict(await this.resolve(job.data));
    if ('undeliverable' in resolved) {
      // nothing to retry: no channel, or nothing to send; recorded as a dead letter with no attempt
      await this.record(job, resolved.ref, 'RecordWebhookDeadLettered', { attempts: 0, lastError: resolved.undeliverable }, `dead:0`);
      this.logger.warn(`${resolved.ref.deliveryId} not delivered: ${resolved.undeliverable}`);
      return { delivered: false, statusCode: null };
    }
    const { ref, body, channel } = resolved;
    const outcome: SendOutcome = await sendWebhook(channel, ref, body, this.clock.now(), this.timeoutMs);
    if (outcome.ok) {
      await this.record(job, ref, 'RecordWebhookDelivered', { attempt, statusCode: outcome.statusCode!, bodyDigest: outcome.bodyDigest }, 'delivered');
      return { delivered: true, statusCode: outcome.statusCode };
    }
    await this.record(job, ref, 'RecordWebhookAttempt', { attempt, statusCode: outcome.statusCode, error: outcome.error! }, `attempt:${attempt}`);
    if (lastAttempt) {
      await this.record(job, ref, 'RecordWebhookDeadLettered', { attempts: attempt, lastError: outcome.error! }, `dead:${attempt}`);
      this.logger.error(`${ref.deliveryId} to channel ${channel.id} dead-lettered after ${attempt} attempts: ${outcome.error}`);
    }
    throw new DeliveryFailedError(`channel ${channel.id}: ${outcome.error}`);
  };

  private async settled(deliveryId: string): Promise<{ delivered: boolean; statusCode: number | null } | null> {
    for (const e of await this.store.readStream(webhookDelivery.streamName(deliveryId))) {
      if (e.type === 'WebhookDelivered') return { delivered: true, statusCode: Number((e.data as { statusCode?: number }).statusCode ?? 0) || null };
      if (e.type === 'WebhookDeadLettered') return { delivered: false, statusCode: null };
    }
    return null;
  }

  private async resolve(data: WebhookJobData): Promise<{ ref: Ref; body: Record<string, unknown>; channel: WebhookChannel } | { ref: Ref; undeliverable: string }> {
    if (data.kind === 'superior_report') {
      const report = await this.content.superiorReport(data.roundId, data.unitId);
      const channel = report ? superiorChannel(this.channels, report.department) : null;
      const ref: Ref = { ...data.ref, channelId: channel?.id ?? 'none' };
      if (!report) return { ref, undeliverable: `round ${data.roundId} is not closed or unit ${data.unitId} is not registered` };
      if (!channel) return { ref, undeliverable: `no webhook channel is configured for the superior department ${report.department}` };
      return { ref, body: report.body, channel };
    }
    const channel = this.channels.find((c) => c.id === data.ref.channelId);
    if (!channel) return { ref: data.ref, undeliverable: `webhook channel ${data.ref.channelId} is no longer configured` };
    if (data.kind === 'payload') return { ref: data.ref, body: data.body, channel };
    const found = await this.content.notice(data.noticeId);
    if (!found) return { ref: data.ref, undeliverable: `notice ${data.noticeId} is not published` };
    return { ref: data.ref, body: found.body, channel };
  }

  /** the district whose admins see the delivery: from the community (rules leave it to the processor) */
  private async withDistrict<T extends { ref: Ref }>(r: T): Promise<T> {
    if (r.ref.districtId !== null || r.ref.communityId === null) return r;
    return { ...r, ref: { ...r.ref, districtId: await this.content.districtOfCommunity(r.ref.communityId) } };
  }

  private async record(job: WebhookJob, ref: Ref, type: webhookDelivery.WebhookDeliveryCommand['type'], extra: Record<string, unknown>, key: string) {
    await this.handler.handle(
      webhookDelivery.decider,
      webhookDelivery.streamName(ref.deliveryId),
      { type, data: { ...ref, ...extra } } as Pick<webhookDelivery.WebhookDeliveryCommand, 'type' | 'data'>,
      {
        actor: WEBHOOKS_ACTOR,
        now: this.clock.now(),
        correlationId: job.data.correlationId ?? ref.deliveryId,
        causationId: job.data.causationId ?? null,
        idempotencyKey: `webhook:${ref.deliveryId}:${key}`,
      },
      { communityId: () => ref.communityId },
    );
  }
}
