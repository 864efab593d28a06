export type WebhookDeliveryState =
  | { status: 'none' }
  | {
      /** dead_lettered may be followed by more attempts when an admin retries it (bull-board) */
      status: 'pending' | 'delivered' | 'dead_lettered';
      deliveryId: string;
      channelId: string;
      /** the attempt numbers recorded as failed */
      failedAttempts: number[];
      /** the attempt count of the last dead letter, null when none */
      deadLetteredAt: number | null;
    };

export const initialWebhookDeliveryState = (): WebhookDeliveryState => ({ status: 'none' });
