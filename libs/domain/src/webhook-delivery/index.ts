import type { Decider } from '../shared/decider';
import type { WebhookDeliveryCommand } from './commands';
import { decideWebhookDelivery } from './decide';
import type { WebhookDeliveryEvent } from './events';
import { evolveWebhookDelivery } from './evolve';
import { initialWebhookDeliveryState, type WebhookDeliveryState } from './state';

export * from './commands';
export * from './events';
export * from './state';
export { WEBHOOK_TOPICS } from './decide';

/** one stream per delivery (one payload to one channel): `webhookDelivery-<deliveryId>` */
export const category = 'webhookDelivery';
export const streamName = (deliveryId: string): string => `${category}-${deliveryId}`;

export const decider: Decider<WebhookDeliveryState, WebhookDeliveryCommand, WebhookDeliveryEvent> = {
  decide: decideWebhookDelivery,
  evolve: evolveWebhookDelivery,
  initialState: initialWebhookDeliveryState,
};
