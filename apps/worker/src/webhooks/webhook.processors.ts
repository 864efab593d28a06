import { WEBHOOK_JOBS, WEBHOOKS_QUEUE, type WebhookJobData } from '../../../../libs/jobs/src/webhooks/webhook-jobs';
import type { WebhookChannel } from '../../../../libs/jobs/src/webhooks/webhook-channels';
import type { JobProcessor } from '../jobs/job-processor';
import { WebhookDeliveryProcessor, type WebhookJob } from './webhook-delivery.processor';

/** The webhooks queue's processors (notice, superior report, ready payload), for the configured channels; `maxAttempts` when the job does not say. */
export function webhookProcessors(channels: readonly WebhookChannel[], maxAttempts: number): JobProcessor<WebhookJobData>[] {
  let delivery: WebhookDeliveryProcessor | null = null;
  const processor = (name: string): JobProcessor<WebhookJobData> => ({
    queue: WEBHOOKS_QUEUE,
    name,
    async process(job, { store, clock, handler }) {
      delivery ??= new WebhookDeliveryProcessor(store, channels, clock, handler);
      const input = { ...job, opts: { attempts: job.maxAttempts ?? maxAttempts } } as unknown as WebhookJob;
      const r = await delivery.process(input);
      return r.delivered ? `delivered (${r.statusCode})` : 'not delivered (dead letter)';
    },
  });
  return [processor(WEBHOOK_JOBS.notice), processor(WEBHOOK_JOBS.superiorReport), processor(WEBHOOK_JOBS.payload)];
}
