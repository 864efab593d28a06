import { DeciderSpecification } from '../testing/decider-specification';
import { commandMeta } from '../testing/meta';
import { decider, streamName, type WebhookDeliveryCommand, type WebhookDeliveryEvent, type WebhookDeliveryRef } from './index';

const at = '2026-05-06T01:00:00.000Z';
const meta = commandMeta(at, 'worker:webhooks', 'system');
const ref: WebhookDeliveryRef = { deliveryId: 'notice-n1.board', channelId: 'board', topic: 'notice', subjectId: 'n1', communityId: 'c1', districtId: 'd1' };
const digest = 'b'.repeat(64);
const spec = DeciderSpecification.for(decider);

const attempt = (n: number, over: object = {}): WebhookDeliveryCommand => ({
  type: 'RecordWebhookAttempt',
  data: { ...ref, attempt: n, statusCode: 503, error: 'HTTP 503', ...over },
  meta,
});
const attempted = (n: number): WebhookDeliveryEvent => ({
  type: 'WebhookDeliveryAttempted',
  data: { ...ref, attempt: n, statusCode: 503, error: 'HTTP 503', attemptedAt: at },
});
const deliver = (n = 3): WebhookDeliveryCommand => ({ type: 'RecordWebhookDelivered', data: { ...ref, attempt: n, statusCode: 204, bodyDigest: digest }, meta });
const delivered = (n = 3): WebhookDeliveryEvent => ({ type: 'WebhookDelivered', data: { ...ref, attempt: n, statusCode: 204, bodyDigest: digest, deliveredAt: at } });
const deadLetter = (attempts: number): WebhookDeliveryCommand => ({ type: 'RecordWebhookDeadLettered', data: { ...ref, attempts, lastError: 'HTTP 503' }, meta });
const deadLettered = (attempts: number): WebhookDeliveryEvent => ({
  type: 'WebhookDeadLettered',
  data: { ...ref, attempts, lastError: 'HTTP 503', deadLetteredAt: at },
});

describe('webhook delivery', () => {
  it('names its stream', () => expect(streamName('notice-n1.board')).toBe('webhookDelivery-notice-n1.board'));

  describe('RecordWebhookAttempt', () => {
    it('records a failed attempt', () => spec.given([]).when(attempt(1)).then([attempted(1)]));
    it('records the next attempt', () => spec.given([attempted(1)]).when(attempt(2)).then([attempted(2)]));
    it('writes nothing for an attempt already recorded (a retried job)', () => spec.given([attempted(1)]).when(attempt(1)).thenNothingHappens());
    it('writes nothing once delivered', () => spec.given([delivered(1)]).when(attempt(2)).thenNothingHappens());
    it('takes an attempt without an answer', () =>
      spec
        .given([])
        .when(attempt(1, { statusCode: null, error: 'ECONNREFUSED' }))
        .then([{ type: 'WebhookDeliveryAttempted', data: { ...ref, attempt: 1, statusCode: null, error: 'ECONNREFUSED', attemptedAt: at } }]));
    it.each([
      [{ attempt: 0 }, 'WEBHOOK.INVALID_ATTEMPT'],
      [{ attempt: 1.5 }, 'WEBHOOK.INVALID_ATTEMPT'],
      [{ statusCode: 42 }, 'WEBHOOK.INVALID_STATUS'],
      [{ error: '' }, 'WEBHOOK.INVALID_ERROR'],
      [{ topic: 'gossip' }, 'WEBHOOK.INVALID_TOPIC'],
      [{ channelId: 'a b' }, 'WEBHOOK.INVALID_ID'],
    ])('rejects %p', (over, code) => spec.given([]).when(attempt(1, over)).thenThrows(code));
    it('is for the worker only', () =>
      spec.given([]).when({ ...attempt(1), meta: commandMeta(at, 'p1', 'district_admin') } as WebhookDeliveryCommand).thenThrows('WEBHOOK.SYSTEM_ONLY'));
  });

  describe('RecordWebhookDelivered', () => {
    it('records the delivery after failed attempts', () => spec.given([attempted(1), attempted(2)]).when(deliver()).then([delivered()]));
    it('records it once', () => spec.given([delivered()]).when(deliver()).thenNothingHappens());
    it('records a delivery after a dead letter was retried', () => spec.given([attempted(1), deadLettered(1)]).when(deliver(2)).then([delivered(2)]));
    it('rejects a malformed digest', () =>
      spec.given([]).when({ ...deliver(), data: { ...ref, attempt: 1, statusCode: 200, bodyDigest: 'x' } } as WebhookDeliveryCommand).thenThrows('WEBHOOK.INVALID_DIGEST'));
  });

  describe('RecordWebhookDeadLettered', () => {
    it('records a dead letter', () => spec.given([attempted(1), attempted(2)]).when(deadLetter(2)).then([deadLettered(2)]));
    it('records it once per attempt count', () => spec.given([attempted(1), deadLettered(1)]).when(deadLetter(1)).thenNothingHappens());
    it('records another after a retried dead letter failed again', () =>
      spec.given([attempted(1), deadLettered(1), attempted(2)]).when(deadLetter(2)).then([deadLettered(2)]));
    it('never after a delivery', () => spec.given([delivered(1)]).when(deadLetter(1)).thenNothingHappens());
    it('records an undeliverable payload with no attempt', () => spec.given([]).when(deadLetter(0)).then([deadLettered(0)]));
  });
});
