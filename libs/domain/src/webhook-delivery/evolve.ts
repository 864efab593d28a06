import type { WebhookDeliveryEvent } from './events';
import type { WebhookDeliveryState } from './state';

export function evolveWebhookDelivery(state: WebhookDeliveryState, event: WebhookDeliveryEvent): WebhookDeliveryState {
  const s =
    state.status === 'none'
      ? { status: 'pending' as const, deliveryId: event.data.deliveryId, channelId: event.data.channelId, failedAttempts: [], deadLetteredAt: null }
      : state;
  switch (event.type) {
    case 'WebhookDeliveryAttempted':
      return { ...s, failedAttempts: [...s.failedAttempts, event.data.attempt] };
    case 'WebhookDelivered':
      return { ...s, status: 'delivered' };
    case 'WebhookDeadLettered':
      return { ...s, status: 'dead_lettered', deadLetteredAt: event.data.attempts };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
