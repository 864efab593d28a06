import { randomUUID } from 'node:crypto';
import { DomainError, fold, pledge, type Actor } from '@cobuild/domain';
import { PgDriver, PgliteDriver, SqlEventStore, StreamStateCache, type EventStore } from '@cobuild/event-store';
import { SchemaJanitor, TEST_POSTGRES_URL } from '../../../../libs/event-store/test/postgres-test-db';
import { ConcurrencyExhaustedError, IdempotencyKeyReusedError } from './command-errors';
import { CommandHandler, type CommandContext } from './command-handler';

/**
 * A command's cost does not grow with its stream: with the folded-state cache the handler reads
 * only the events after the state it holds, counted here as the events the real store (PGlite,
 * PostgreSQL) hands back to it. Two handlers on one store (two API replicas, each with its own
 * cache) writing the same stream lose no update and decide on the true state.
 */
const secretary: Actor = { id: 'sec-1', role: 'community_secretary' };
const COMMUNITY = 'c1';

const janitor = new SchemaJanitor();
afterAll(() => janitor.dropAll());

/** the real store, seen through a wrapper that counts the events readStream returns */
function counting(store: EventStore): { store: EventStore; read: { events: number } } {
  const read = { events: 0 };
  const wrapped = new Proxy(store, {
    get(target, prop) {
      if (prop === 'readStream')
        return async (...args: Parameters<EventStore['readStream']>) => {
          const events = await target.readStream(...args);
          read.events += events.length;
          return events;
        };
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: wrapped, read };
}

/** a store, and a second process's view of it (another connection pool on PostgreSQL; the one PGlite is in-process only) */
const stores: Array<[string, () => Promise<[EventStore, EventStore]>]> = [
  [
    'embedded (PGlite)',
    async () => {
      const store = await SqlEventStore.open(await PgliteDriver.open());
      return [store, store];
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const schema = janitor.next('cache');
      const store = await SqlEventStore.open(new PgDriver({ connectionString: TEST_POSTGRES_URL }), { schema });
      return [store, await SqlEventStore.open(new PgDriver({ connectionString: TEST_POSTGRES_URL }), { schema })];
    },
  ],
];

describe.each(stores)('command cost independent of stream length, on the real store: %s', (_name, open) => {
  let store: EventStore;
  let other: EventStore;
  beforeAll(async () => {
    [store, other] = await open();
  });
  afterAll(async () => {
    if (other !== store) await other.close();
    await store.close();
  });

  const ctx = (over: Partial<CommandContext> = {}): CommandContext => ({ actor: secretary, now: new Date(), correlationId: randomUUID(), ...over });
  const communityId = { communityId: () => COMMUNITY };

  async function newPledge(handler: CommandHandler, quantity: number): Promise<string> {
    const pledgeId = randomUUID();
    await handler.handle(pledge.decider, pledge.streamName(pledgeId), {
      type: 'PledgeResource',
      data: {
        pledgeId, communityId: COMMUNITY, pledger: { kind: 'unit', unitId: 'u1' }, type: 'venue', description: '会议室',
        capacity: { quantity, measure: 'm2' }, availability: { from: '2026-01-01T00:00:00Z', until: null }, contact: { name: '李四' },
      },
    }, ctx(), communityId);
    await handler.handle(pledge.decider, pledge.streamName(pledgeId), { type: 'ConfirmPledge', data: { pledgeId } }, ctx(), communityId);
    return pledgeId;
  }
  const allocate = (handler: CommandHandler, pledgeId: string, c: Partial<CommandContext> = {}, allocationId: string = randomUUID()) =>
    handler.handle(pledge.decider, pledge.streamName(pledgeId), {
      type: 'AllocatePledgeCapacity',
      data: { pledgeId, allocationId, taskId: `task-${allocationId}`, quantity: 1 },
    }, ctx(c), communityId);
  const allocatedInStore = async (pledgeId: string) => {
    const events = await store.readStream(pledge.streamName(pledgeId));
    const state = fold(pledge.decider, events.map((e) => ({ type: e.type, data: e.data }) as pledge.PledgeEvent));
    return { events, state, allocated: state.status === 'none' ? 0 : pledge.allocatedOf(state) };
  };

  /** events the handler read for one command */
  async function readFor(read: { events: number }, command: () => Promise<unknown>): Promise<number> {
    const before = read.events;
    await command();
    return read.events - before;
  }

  it('the N-th command on a 400-event stream reads the same few events as one on a new stream', async () => {
    const seeder = new CommandHandler(store);
    const long = await newPledge(seeder, 1_000_000);
    for (let i = 0; i < 400; i++) await allocate(seeder, long);
    const short = await newPledge(seeder, 1_000_000);

    const counted = counting(store);
    const handler = new CommandHandler(counted.store);
    // the first command of a process folds the whole stream once (nothing cached yet)
    expect(await readFor(counted.read, () => allocate(handler, long))).toBe(402);
    expect(await readFor(counted.read, () => allocate(handler, short))).toBe(2);

    const onLong: number[] = [];
    const onShort: number[] = [];
    for (let i = 0; i < 20; i++) {
      onLong.push(await readFor(counted.read, () => allocate(handler, long)));
      onShort.push(await readFor(counted.read, () => allocate(handler, short)));
    }
    // the cached head (checked by its hash) and the event this handler wrote after it: 2, however long the stream
    expect(onLong).toEqual(Array(20).fill(2));
    expect(onShort).toEqual(onLong);

    // another replica writes 5 events: the next command reads exactly those, on top of the cached head
    for (let i = 0; i < 5; i++) await allocate(seeder, long);
    expect(await readFor(counted.read, () => allocate(handler, long))).toBe(1 + 1 + 5);

    const { events, allocated } = await allocatedInStore(long);
    expect(allocated).toBe(400 + 1 + 20 + 5 + 1);
    expect((await handler.load(pledge.decider, pledge.streamName(long))).state).toEqual(fold(pledge.decider, events.map((e) => ({ type: e.type, data: e.data }) as pledge.PledgeEvent)));
    expect(handler.stateCache.stats).toMatchObject({ misses: 2, rejected: 0 });
  }, 120_000);

  it('a retry of a request deep in a long stream is answered from the range it wrote, without reading the stream', async () => {
    const counted = counting(store);
    const handler = new CommandHandler(counted.store);
    const pledgeId = await newPledge(handler, 1_000_000);
    const key = `key-${randomUUID()}`;
    const original = await allocate(handler, pledgeId, { idempotencyKey: key, requestHash: 'h1' }, 'alloc-keyed');
    for (let i = 0; i < 150; i++) await allocate(handler, pledgeId);

    let replay!: Awaited<ReturnType<typeof allocate>>;
    const read = await readFor(counted.read, async () => (replay = await allocate(handler, pledgeId, { idempotencyKey: key, requestHash: 'h1' }, 'alloc-keyed')));
    expect(replay).toMatchObject({ replayed: true, revision: original.revision, position: original.position });
    expect(replay.events).toEqual(original.events);
    // the cached head (checked), the last command's event after it, then the one event the request wrote
    expect(read).toBe(3);
    await expect(allocate(handler, pledgeId, { idempotencyKey: key, requestHash: 'h2' }, 'alloc-keyed')).rejects.toBeInstanceOf(IdempotencyKeyReusedError);

    // a replica that has not cached the stream finds it too (from its one full read)
    const cold = await allocate(new CommandHandler(store), pledgeId, { idempotencyKey: key, requestHash: 'h1' }, 'alloc-keyed');
    expect(cold).toMatchObject({ replayed: true, revision: original.revision, position: original.position });
    expect((await allocatedInStore(pledgeId)).allocated).toBe(151);
  }, 120_000);

  it('two replicas with their own caches, alternating and racing on one pledge: no lost update, refusals only when it is full', async () => {
    const a = new CommandHandler(store, { retryBaseMs: 1 });
    const b = new CommandHandler(other, { retryBaseMs: 1 });
    const pledgeId = await newPledge(a, 60);
    // alternating: each replica's cached state is behind by the other's write every time
    for (let i = 0; i < 20; i++) {
      const r = await allocate(i % 2 === 0 ? a : b, pledgeId);
      expect(r.revision).toBe(2 + i);
    }
    // racing: 60 more asked, 40 fit
    const outcomes = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => allocate(i % 2 === 0 ? a : b, pledgeId)));
    const won = outcomes.filter((o) => o.status === 'fulfilled').length;
    const refusals = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    for (const e of refusals) {
      const known = (e instanceof DomainError && e.code === 'PLEDGE.CAPACITY_EXCEEDED') || e instanceof ConcurrencyExhaustedError;
      expect(known ? 'refused by a rule or exhausted' : e).toBe('refused by a rule or exhausted');
    }

    const { events, state, allocated } = await allocatedInStore(pledgeId);
    // every win is in the store once, nothing else is
    expect(events.filter((e) => e.type === 'PledgeCapacityAllocated')).toHaveLength(20 + won);
    expect(allocated).toBe(20 + won);
    expect(allocated).toBeLessThanOrEqual(60);
    // a capacity refusal is true: the pledge was (and stays) full
    if (refusals.some((e) => e instanceof DomainError)) expect(allocated).toBe(60);
    // both caches hold the true state after catching up with the tail
    expect((await a.load(pledge.decider, pledge.streamName(pledgeId))).state).toEqual(state);
    expect((await b.load(pledge.decider, pledge.streamName(pledgeId))).state).toEqual(state);
  }, 120_000);

  it('handle, its retries spent, answers with the rule that now refuses, not "try again"', async () => {
    const rival = new CommandHandler(other);
    const busy = new CommandHandler(store, { maxAttempts: 2, retryBaseMs: 1 });
    const pledgeId = await newPledge(rival, 2);
    // another replica takes one unit between each of busy's loads and its append: both appends conflict
    const err = await busy
      .handle(pledge.decider, pledge.streamName(pledgeId), {
        type: 'AllocatePledgeCapacity',
        data: { pledgeId, allocationId: 'busy', taskId: 'task-busy', quantity: 1 },
      }, ctx(), { ...communityId, authorize: async () => void (await allocate(rival, pledgeId)) })
      .catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'PLEDGE.CAPACITY_EXCEEDED' });
    expect((await allocatedInStore(pledgeId)).allocated).toBe(2);
  }, 60_000);

  it('a cached entry the log does not confirm (wrong hash) is dropped and the stream folded in full', async () => {
    const handler = new CommandHandler(store);
    const pledgeId = await newPledge(handler, 3);
    await allocate(handler, pledgeId);
    const before = await handler.load(pledge.decider, pledge.streamName(pledgeId));
    expect(handler.stateCache.peek(pledge.decider, pledge.streamName(pledgeId))!.revision).toBe(2);
    // forge: same revision, a state with nothing allocated and a hash the store never wrote
    const forged = fold(pledge.decider, (await store.readStream(pledge.streamName(pledgeId))).slice(0, 2).map((e) => ({ type: e.type, data: e.data }) as pledge.PledgeEvent));
    handler.stateCache.put(pledge.decider, { ...before, state: forged, hash: '0'.repeat(64) });
    await allocate(handler, pledgeId);
    await allocate(handler, pledgeId);
    // believing the forged state would have let a fourth allocation in
    await expect(allocate(handler, pledgeId)).rejects.toMatchObject({ code: 'PLEDGE.CAPACITY_EXCEEDED' });
    expect(handler.stateCache.stats.rejected).toBe(1);
    expect((await allocatedInStore(pledgeId)).allocated).toBe(3);
  }, 60_000);
});

describe('StreamStateCache bound', () => {
  it('keeps at most maxEntries streams, evicting the least recently used', async () => {
    const store = await SqlEventStore.open(await PgliteDriver.open());
    try {
      const cache = new StreamStateCache(2);
      const handler = new CommandHandler(store, { stateCache: cache });
      const ids = ['a', 'b', 'c'].map((s) => `${s}-${randomUUID()}`);
      for (const id of ids)
        await handler.handle(pledge.decider, pledge.streamName(id), {
          type: 'PledgeResource',
          data: {
            pledgeId: id, communityId: COMMUNITY, pledger: { kind: 'unit', unitId: 'u1' }, type: 'venue', description: '会议室',
            capacity: { quantity: 5, measure: 'm2' }, availability: { from: '2026-01-01T00:00:00Z', until: null }, contact: { name: '李四' },
          },
        }, { actor: secretary, now: new Date(), correlationId: randomUUID() }, { communityId: () => COMMUNITY });
      // a stream that did not exist is not cached (each command above loaded one): now load a, b, a (used last), c
      await handler.load(pledge.decider, pledge.streamName(ids[0]));
      await handler.load(pledge.decider, pledge.streamName(ids[1]));
      await handler.load(pledge.decider, pledge.streamName(ids[0]));
      await handler.load(pledge.decider, pledge.streamName(ids[2]));
      expect(cache.stats.entries).toBe(2);
      expect(cache.peek(pledge.decider, pledge.streamName(ids[0]))).toBeDefined();
      expect(cache.peek(pledge.decider, pledge.streamName(ids[1]))).toBeUndefined();
      expect(cache.peek(pledge.decider, pledge.streamName(ids[2]))).toBeDefined();
      expect(() => new StreamStateCache(-1)).toThrow();
      // a cached state is shared by later commands: it is frozen, so code that mutated it would throw, not corrupt them
      const loaded = await handler.load(pledge.decider, pledge.streamName(ids[0]));
      expect(Object.isFrozen(loaded.state)).toBe(true);
      expect(() => {
        (loaded.state as { status: string }).status = 'withdrawn';
      }).toThrow(TypeError);
    } finally {
      await store.close();
    }
  });
});
