import { randomUUID } from 'node:crypto';
import { webhookDelivery } from '@cobuild/domain';
import { CommandHandler } from '../../apps/common/src/commands/command-handler';
import { Harness, type World } from './harness';

/** Dead-lettered webhook deliveries, as the worker records them, seen by district admins (and auditors). */
describe('GET /districts/{districtId}/webhook-dead-letters', () => {
  let h: Harness;
  let world: World;
  const system = { id: 'worker:webhooks', role: 'system' as const };

  beforeAll(async () => {
    h = await Harness.start('embedded');
    world = await h.world();
  });
  afterAll(() => h.close());

  const record = async (deliveryId: string, type: webhookDelivery.WebhookDeliveryCommand['type'], extra: object, districtId = world.districtId) => {
    const ref = { deliveryId, channelId: 'board', topic: 'notice' as const, subjectId: 'n-1', communityId: world.communities[0], districtId };
    await new CommandHandler(h.store).handle(
      webhookDelivery.decider,
      webhookDelivery.streamName(deliveryId),
      { type, data: { ...ref, ...extra } } as Pick<webhookDelivery.WebhookDeliveryCommand, 'type' | 'data'>,
      { actor: system, now: new Date(), correlationId: randomUUID() },
      { communityId: () => ref.communityId },
    );
  };

  it('lists the district’s dead letters, newest first, without those delivered after a retry or of other districts', async () => {
    const [dead, retried, elsewhere] = [randomUUID(), randomUUID(), randomUUID()];
    await record(dead, 'RecordWebhookAttempt', { attempt: 1, statusCode: 503, error: 'HTTP 503' });
    await record(dead, 'RecordWebhookDeadLettered', { attempts: 1, lastError: 'HTTP 503' });
    await record(retried, 'RecordWebhookDeadLettered', { attempts: 0, lastError: 'no channel' });
    await record(retried, 'RecordWebhookDelivered', { attempt: 2, statusCode: 200, bodyDigest: 'a'.repeat(64) });
    await record(elsewhere, 'RecordWebhookDeadLettered', { attempts: 3, lastError: 'timed out' }, 'd-other');
    const admin = await h.as('district_admin', world.districtId);
    const res = await h.get(`/districts/${world.districtId}/webhook-dead-letters`, admin).expect(200);
    expect(res.body.deadLetters).toEqual([
      expect.objectContaining({ deliveryId: dead, channelId: 'board', topic: 'notice', attempts: 1, lastError: 'HTTP 503', communityId: world.communities[0] }),
    ]);
    const auditor = await h.as('auditor', world.districtId);
    await h.get(`/districts/${world.districtId}/webhook-dead-letters`, auditor).expect(200);
  });

  it('refuses other districts’ admins and other roles, and bad input, as problem+json', async () => {
    const other = await h.as('district_admin', 'd-other');
    expect((await h.get(`/districts/${world.districtId}/webhook-dead-letters`, other).expect(403)).body.code).toBe('AUTH.OUT_OF_SCOPE');
    const secretary = await h.as('community_secretary', world.communities[0]);
    expect((await h.get(`/districts/${world.districtId}/webhook-dead-letters`, secretary).expect(403)).body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
    const admin = await h.as('district_admin', world.districtId);
    const bad = await h.get(`/districts/${world.districtId}/webhook-dead-letters?limit=0`, admin).expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'limit' });
  });
});
