import { randomUUID } from 'node:crypto';
import { DomainError, need, type Actor } from '@cobuild/domain';
import { createEventStore, type EventStore } from '@cobuild/event-store';
import { ConcurrencyExhaustedError, IdempotencyKeyReusedError, PreconditionFailedError } from './command-errors';
import { CommandHandler, type CommandContext } from './command-handler';

const NOW = new Date('2026-11-23T02:00:00.000Z');
const secretary: Actor = { id: 'sec-1', role: 'community_secretary' };
const submitData = (needId: string) => ({
  needId,
  communityId: 'c1',
  source: 'resident' as const,
  title: '3号楼加装扶手',
  description: '楼道无扶手，老人上下楼困难',
  category: '助老',
  urgency: 'high' as const,
  beneficiaries: { description: '3号楼老人', count: 12 },
  location: { gridId: 'g3', address: '和平路3号' },
  wantedBy: '2026-12-31T16:00:00.000Z',
  requester: { name: '张三', phone: '13812345678' },
});
const ctx = (over: Partial<CommandContext> = {}): CommandContext => ({
  actor: secretary,
  now: NOW,
  correlationId: randomUUID(),
  ...over,
});
const needCommunity = {
  communityId: (s: need.NeedState, d: Readonly<Record<string, unknown>>) =>
    'communityId' in s ? s.communityId : typeof d.communityId === 'string' ? d.communityId : null,
};

describe('CommandHandler (on the real embedded store)', () => {
  let store: EventStore;
  let handler: CommandHandler;
  beforeAll(async () => {
    store = await createEventStore({ kind: 'embedded' });
    handler = new CommandHandler(store);
  });
  afterAll(() => store.close());

  const submit = (id: string, c: Partial<CommandContext> = {}) =>
    handler.handle(need.decider, need.streamName(id), { type: 'SubmitNeed', data: submitData(id) }, ctx(c), needCommunity);

  it('loads, decides and appends with the metadata of the request', async () => {
    const id = randomUUID();
    const r = await submit(id, { requestId: 'req-1', idempotencyKey: null });
    expect(r).toMatchObject({ revision: 0, replayed: false });
    expect(r.events.map((e) => e.type)).toEqual(['NeedSubmitted']);
    const listed = await handler.handle(need.decider, need.streamName(id), { type: 'ListNeed', data: { needId: id } }, ctx(), needCommunity);
    expect(listed.revision).toBe(1);
    const [first, second] = await store.readStream(need.streamName(id));
    expect(first.metadata).toMatchObject({
      actor: { id: 'sec-1', role: 'community_secretary' },
      communityId: 'c1',
      requestId: 'req-1',
      occurredAt: NOW.toISOString(),
    });
    expect(second.metadata.communityId).toBe('c1');
  });

  it('passes domain errors through and writes nothing', async () => {
    const id = randomUUID();
    await submit(id);
    const err = await handler
      .handle(need.decider, need.streamName(id), { type: 'RejectNeed', data: { needId: id, reason: ' ' } }, ctx(), needCommunity)
      .catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.code).toBe('NEED.REASON_REQUIRED');
    expect(await store.readStream(need.streamName(id))).toHaveLength(1);
  });

  it('asks the authorize callback with the loaded state and community before deciding', async () => {
    const id = randomUUID();
    await submit(id);
    const seen: unknown[] = [];
    const err = await handler
      .handle(need.decider, need.streamName(id), { type: 'ListNeed', data: { needId: id } }, ctx(), {
        ...needCommunity,
        authorize: ({ communityId, revision, state }) => {
          seen.push({ communityId, revision, status: state.status });
          throw new Error('not yours');
        },
      })
      .catch((e) => e);
    expect(err.message).toBe('not yours');
    expect(seen).toEqual([{ communityId: 'c1', revision: 0, status: 'submitted' }]);
    expect(await store.readStream(need.streamName(id))).toHaveLength(1);
  });

  describe('Idempotency-Key', () => {
    it('returns the original result for a retry with the same key and body, appending nothing', async () => {
      const id = randomUUID();
      const first = await submit(id, { idempotencyKey: 'k-1', requestHash: 'h1' });
      const head = await store.headPosition();
      const retry = await submit(id, { idempotencyKey: 'k-1', requestHash: 'h1' });
      expect(retry).toEqual({ ...first, replayed: true });
      expect(await store.headPosition()).toBe(head);
    });

    it('refuses the same key with another body', async () => {
      const id = randomUUID();
      await submit(id, { idempotencyKey: 'k-2', requestHash: 'h1' });
      await expect(submit(id, { idempotencyKey: 'k-2', requestHash: 'h2' })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    });

    it('refuses the same key used for another resource', async () => {
      await submit(randomUUID(), { idempotencyKey: 'k-3', requestHash: 'h1' });
      const other = randomUUID();
      await expect(submit(other, { idempotencyKey: 'k-3', requestHash: 'h9' })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
      expect(await store.streamExists(need.streamName(other))).toBe(false);
    });

    it('writes once when the same request arrives twice at the same moment', async () => {
      const id = randomUUID();
      const results = await Promise.all([
        submit(id, { idempotencyKey: 'k-4', requestHash: 'h1' }),
        submit(id, { idempotencyKey: 'k-4', requestHash: 'h1' }),
      ]);
      expect(results.map((r) => r.revision)).toEqual([0, 0]);
      expect(results.filter((r) => r.replayed)).toHaveLength(1);
      expect(await store.readStream(need.streamName(id))).toHaveLength(1);
    });
  });

  describe('If-Match and retries', () => {
    it('applies a command only at the revision the client saw', async () => {
      const id = randomUUID();
      await submit(id);
      const err = await handler
        .handle(need.decider, need.streamName(id), { type: 'ListNeed', data: { needId: id } }, ctx({ expectedRevision: 5 }), needCommunity)
        .catch((e) => e);
      expect(err).toBeInstanceOf(PreconditionFailedError);
      expect(err).toMatchObject({ expected: 5, actual: 0 });
      const ok = await handler.handle(need.decider, need.streamName(id), { type: 'ListNeed', data: { needId: id } }, ctx({ expectedRevision: 0 }), needCommunity);
      expect(ok.revision).toBe(1);
    });

    it('reloads and retries when another writer got in first', async () => {
      const id = randomUUID();
      await submit(id);
      await handler.handle(need.decider, need.streamName(id), { type: 'ListNeed', data: { needId: id } }, ctx(), needCommunity);
      // three handlers, as three processes: one process's own commands take turns per stream, these race through the store
      const changes = await Promise.all(
        ['urgent', 'low', 'normal'].map((urgency) =>
          new CommandHandler(store).handle(
            need.decider,
            need.streamName(id),
            { type: 'ChangeNeedUrgency', data: { needId: id, urgency: urgency as 'urgent', reason: '居民反映' } },
            ctx(),
            needCommunity,
          ),
        ),
      );
      expect(changes.map((c) => c.revision).sort()).toEqual([2, 3, 4]);
      expect(changes.every((c) => c.events.length === 1)).toBe(true);
    });

    it('gives up after the bounded number of attempts', async () => {
      const id = randomUUID();
      await submit(id);
      const busy = new CommandHandler(store, { maxAttempts: 2 });
      let n = 0;
      const err = await busy
        .handle(need.decider, need.streamName(id), { type: 'ListNeed', data: { needId: id } }, ctx(), {
          ...needCommunity,
          // another writer appends between every load and append
          authorize: async () => {
            n++;
            await handler.handle(need.decider, need.streamName(id), { type: 'ChangeNeedUrgency', data: { needId: id, urgency: n % 2 ? 'low' : 'high', reason: '调整' } }, ctx(), needCommunity);
          },
        })
        .catch((e) => e);
      expect(err).toBeInstanceOf(ConcurrencyExhaustedError);
    });
  });
});
