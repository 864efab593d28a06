import { randomUUID } from 'node:crypto';
import { DomainError, pledge, task, type Actor } from '@cobuild/domain';
import { createEventStore, type EventStore } from '@cobuild/event-store';
import { ConcurrencyExhaustedError, IdempotencyKeyReusedError } from './command-errors';
import { CommandHandler, type CommandContext, type StreamSpec } from './command-handler';

const secretary: Actor = { id: 'sec-1', role: 'community_secretary' };
const ctx = (over: Partial<CommandContext> = {}): CommandContext => ({ actor: secretary, now: new Date(), correlationId: randomUUID(), ...over });
const community = { communityId: () => 'c1' };

describe('CommandHandler: multi-stream commands and the answer after a lost race (real embedded store)', () => {
  let store: EventStore;
  let handler: CommandHandler;
  beforeAll(async () => {
    store = await createEventStore({ kind: 'embedded' });
    handler = new CommandHandler(store);
  });
  afterAll(() => store.close());

  async function confirmedPledge(quantity: number): Promise<string> {
    const pledgeId = randomUUID();
    const run = (type: string, data: Record<string, unknown>) =>
      handler.handle(pledge.decider, pledge.streamName(pledgeId), { type, data } as never, ctx(), community);
    await run('PledgeResource', {
      pledgeId, communityId: 'c1', pledger: { kind: 'unit', unitId: 'u1' }, type: 'venue', description: '会议室',
      capacity: { quantity, measure: 'm2' }, availability: { from: '2026-01-01T00:00:00Z', until: null }, contact: { name: '李四' },
    });
    await run('ConfirmPledge', { pledgeId });
    return pledgeId;
  }
  const allocate = (pledgeId: string, quantity: number, taskId = randomUUID()) => ({
    type: 'AllocatePledgeCapacity' as const,
    data: { pledgeId, allocationId: `${taskId}-a1`, taskId, quantity },
  });
  const pledgeSpec = (pledgeId: string): StreamSpec => ({ streamId: pledge.streamName(pledgeId), decider: pledge.decider, communityId: () => 'c1' });

  it('decides every stream, then writes them at once; a rule refusing any step writes none', async () => {
    const [a, b] = [await confirmedPledge(10), await confirmedPledge(10)];
    const heads = async () => [(await store.readStream(pledge.streamName(a))).length, (await store.readStream(pledge.streamName(b))).length, await store.headPosition()];
    const before = await heads();
    const err = await handler
      .handleMany([pledgeSpec(a), pledgeSpec(b)], ctx(), (d) => {
        d.decide(pledge.streamName(a), allocate(a, 6));
        d.decide(pledge.streamName(b), allocate(b, 6));
        d.decide(pledge.streamName(a), allocate(a, 6)); // decided on a's state after the first: 12 > 10
      })
      .catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.code).toBe('PLEDGE.CAPACITY_EXCEEDED');
    expect(await heads()).toEqual(before);

    const ok = await handler.handleMany([pledgeSpec(a), pledgeSpec(b)], ctx(), (d) => {
      d.decide(pledge.streamName(a), allocate(a, 6));
      d.decide(pledge.streamName(b), allocate(b, 6));
      d.decide(pledge.streamName(a), allocate(a, 4));
      return 'value';
    });
    expect(ok.value).toBe('value');
    expect(ok.streams.get(pledge.streamName(a))).toMatchObject({ revision: 3, events: [{ type: 'PledgeCapacityAllocated' }, { type: 'PledgeCapacityAllocated' }] });
    expect(ok.streams.get(pledge.streamName(b))).toMatchObject({ revision: 2 });
    const written = [...(await store.readStream(pledge.streamName(a))).slice(2), ...(await store.readStream(pledge.streamName(b))).slice(2)];
    expect(new Set(written.map((e) => e.metadata.correlationId)).size).toBe(1);
    expect(written.every((e) => e.metadata.communityId === 'c1')).toBe(true);
  });

  it('with an Idempotency-Key: the same request again is replayed from the streams it wrote; another body is refused', async () => {
    const [a, b] = [await confirmedPledge(10), await confirmedPledge(10)];
    const taskId = randomUUID();
    const command = (c: CommandContext) =>
      handler.handleMany([pledgeSpec(a), pledgeSpec(b)], c, (d) => {
        d.decide(pledge.streamName(a), allocate(a, 3, taskId));
        d.decide(pledge.streamName(b), allocate(b, 3, taskId));
      });
    const first = await command(ctx({ idempotencyKey: 'multi-1', requestHash: 'h1' }));
    const head = await store.headPosition();
    const retry = await command(ctx({ idempotencyKey: 'multi-1', requestHash: 'h1' }));
    expect(retry).toMatchObject({ replayed: true, position: first.position, value: null });
    expect(retry.streams.get(pledge.streamName(b))).toMatchObject({ revision: 2, events: [{ type: 'PledgeCapacityAllocated' }] });
    expect(await store.headPosition()).toBe(head);
    await expect(command(ctx({ idempotencyKey: 'multi-1', requestHash: 'h2' }))).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  describe('a command that keeps losing the race is decided once more on the latest state', () => {
    /** a store on which another writer allocates `quantity` on the pledge just before each of this handler's appends */
    const contested = (pledgeId: string, quantity: number) => {
      const rival = new CommandHandler(store);
      const racing = Object.create(store) as EventStore;
      const interfere = async () => {
        await rival.handle(pledge.decider, pledge.streamName(pledgeId), allocate(pledgeId, quantity) as never, ctx(), community).catch(() => undefined);
      };
      racing.append = async (...args) => (await interfere(), store.append(...args));
      racing.appendToStreams = async (...args) => (await interfere(), store.appendToStreams(...args));
      return racing;
    };

    it('single stream: the capacity the winners took is the answer (PLEDGE.CAPACITY_EXCEEDED), not "try again"', async () => {
      const pledgeId = await confirmedPledge(30);
      const loser = new CommandHandler(contested(pledgeId, 10), { maxAttempts: 2, retryBaseMs: 1 });
      const err = await loser.handle(pledge.decider, pledge.streamName(pledgeId), allocate(pledgeId, 15) as never, ctx(), community).catch((e) => e);
      expect(err).toBeInstanceOf(DomainError);
      expect(err.code).toBe('PLEDGE.CAPACITY_EXCEEDED');
    });

    it('single stream: when the command would still fit, the answer is the conflict (try again)', async () => {
      const pledgeId = await confirmedPledge(100);
      const loser = new CommandHandler(contested(pledgeId, 10), { maxAttempts: 2, retryBaseMs: 1 });
      const err = await loser.handle(pledge.decider, pledge.streamName(pledgeId), allocate(pledgeId, 15) as never, ctx(), community).catch((e) => e);
      expect(err).toBeInstanceOf(ConcurrencyExhaustedError);
    });

    it('multi-stream: the same, and nothing of it is written', async () => {
      const [a, b] = [await confirmedPledge(30), await confirmedPledge(30)];
      const loser = new CommandHandler(contested(a, 10), { maxAttempts: 2, retryBaseMs: 1 });
      const err = await loser
        .handleMany([pledgeSpec(a), pledgeSpec(b)], ctx(), (d) => {
          d.decide(pledge.streamName(b), allocate(b, 15));
          d.decide(pledge.streamName(a), allocate(a, 15));
        })
        .catch((e) => e);
      expect(err.code).toBe('PLEDGE.CAPACITY_EXCEEDED');
      expect((await store.readStream(pledge.streamName(b))).map((e) => e.type)).toEqual(['ResourcePledged', 'PledgeListed']);
    });
  });

  it('a stream the decision did not load is a programming error, not a write', async () => {
    const a = await confirmedPledge(10);
    await expect(handler.handleMany([pledgeSpec(a)], ctx(), (d) => d.decide(task.streamName('x'), { type: 'X', data: {} }))).rejects.toThrow(/not loaded/);
  });
});
