import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { DomainError, fold, need, pledge, task, type Actor } from '@cobuild/domain';
import { PgDriver, PgliteDriver, SqlEventStore, type EventStore } from '@cobuild/event-store';
import { ConcurrencyExhaustedError } from '../../../common/src/commands/command-errors';
import { CommandHandler, type CommandContext } from '../../../common/src/commands/command-handler';
import { SchemaJanitor, TEST_POSTGRES_URL } from '../../../../libs/event-store/test/postgres-test-db';
import { formTask, type FormTaskCommand } from './task-formation';

/**
 * The real task formation (task-formation.ts: CommandHandler.handleMany over appendToStreams)
 * racing on the real stores, PGlite and PostgreSQL: whatever set of formations run at once,
 * (1) no pledge is ever allocated beyond its capacity, (2) a formation either wrote every stream
 * it names or none of them, (3) a refused formation says why truly — capacity refusals only when
 * what it asked no longer fits — and (4) a refused formation leaves every stream's head unchanged.
 */
const secretary: Actor = { id: 'sec-1', role: 'community_secretary' };
const COMMUNITY = 'c1';

const janitor = new SchemaJanitor();
afterAll(() => janitor.dropAll());

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
      const schema = janitor.next('race');
      const store = await SqlEventStore.open(new PgDriver({ connectionString: TEST_POSTGRES_URL }), { schema });
      return [store, await SqlEventStore.open(new PgDriver({ connectionString: TEST_POSTGRES_URL }), { schema })];
    },
  ],
];

describe.each(stores)('task formation racing on the real store: %s', (_name, open) => {
  let store: EventStore;
  let handler: CommandHandler;
  /** two handlers (as two API processes): each serialises its own commands per stream, so between them they race through the store's expected revisions */
  let replicas: [CommandHandler, CommandHandler];
  let other: EventStore;
  beforeAll(async () => {
    [store, other] = await open();
    handler = new CommandHandler(store);
    replicas = [handler, new CommandHandler(other)];
  });
  afterAll(async () => {
    if (other !== store) await other.close();
    await store.close();
  });

  const ctx = (over: Partial<CommandContext> = {}): CommandContext => ({ actor: secretary, now: new Date(), correlationId: randomUUID(), ...over });
  const run = (decider: any, streamId: string, type: string, data: Record<string, unknown>) =>
    handler.handle(decider, streamId, { type, data }, ctx(), { communityId: () => COMMUNITY });
  const stateOf = async <S>(decider: { evolve: (s: S, e: never) => S; initialState: () => S }, streamId: string): Promise<S> =>
    fold(decider, (await store.readStream(streamId)).map((e) => ({ type: e.type, data: e.data })) as never);

  async function listedNeed(): Promise<string> {
    const needId = randomUUID();
    await run(need.decider, need.streamName(needId), 'SubmitNeed', {
      needId, communityId: COMMUNITY, source: 'resident', title: '加装扶手', description: '楼道无扶手', category: '助老', urgency: 'high',
      beneficiaries: { description: '老人' }, location: {}, requester: { name: '张三', phone: null },
    });
    await run(need.decider, need.streamName(needId), 'ListNeed', { needId });
    return needId;
  }
  async function confirmedPledge(quantity: number): Promise<string> {
    const pledgeId = randomUUID();
    await run(pledge.decider, pledge.streamName(pledgeId), 'PledgeResource', {
      pledgeId, communityId: COMMUNITY, pledger: { kind: 'unit', unitId: 'u1' }, type: 'venue', description: '会议室',
      capacity: { quantity, measure: 'm2' }, availability: { from: '2026-01-01T00:00:00Z', until: null }, contact: { name: '李四' },
    });
    await run(pledge.decider, pledge.streamName(pledgeId), 'ConfirmPledge', { pledgeId });
    return pledgeId;
  }
  const formation = (needIds: string[], allocations: Array<{ pledgeId: string; quantity: number }>): FormTaskCommand => {
    const taskId = randomUUID();
    return {
      taskId, communityId: COMMUNITY, title: '为3号楼加装扶手', description: '共建', needIds, meetingId: null, assignment: null,
      allocations: allocations.map((a, i) => ({ allocationId: `${taskId}-a${i + 1}`, ...a })),
    };
  };
  const remaining = async (pledgeId: string) => {
    const s = await stateOf<pledge.PledgeState>(pledge.decider, pledge.streamName(pledgeId));
    if (s.status === 'none') throw new Error('no pledge');
    const used = Object.values(s.allocations).filter((a) => !a.released).reduce((n, a) => n + a.quantity, 0);
    return { capacity: s.capacity.quantity, used, left: s.capacity.quantity - used };
  };
  /** every stream's events (ids) and the log's head */
  const heads = async (streams: string[]) => ({
    log: await store.headPosition(),
    streams: await Promise.all(streams.map(async (s) => (await store.readStream(s)).map((e) => e.id))),
  });
  /** did anything in the log come from this formation? */
  const traces = async (f: FormTaskCommand) => {
    const named = [...new Set(f.allocations.map((a) => pledge.streamName(a.pledgeId))), ...f.needIds.map(need.streamName), task.streamName(f.taskId)];
    const events = (await Promise.all(named.map((s) => store.readStream(s)))).flat();
    return events.filter((e) => e.streamId === task.streamName(f.taskId) || e.data.taskId === f.taskId).map((e) => `${e.streamId}:${e.type}`);
  };

  it('concurrent formations over random allocation sets: capacity never exceeded, each formation all or nothing, refusals true and traceless', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 5, max: 60 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.array(fc.record({ pledge: fc.nat(), quantity: fc.integer({ min: 1, max: 40 }) }), { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 10 }),
        async (capacities, requests) => {
          const pledgeIds = await Promise.all(capacities.map((c) => confirmedPledge(c)));
          const formations = await Promise.all(
            requests.map(async (allocs) => formation([await listedNeed()], allocs.map((a) => ({ pledgeId: pledgeIds[a.pledge % pledgeIds.length], quantity: a.quantity })))),
          );
          const outcomes = await Promise.allSettled(formations.map((f, i) => formTask(replicas[i % 2], ctx({ idempotencyKey: randomUUID(), requestHash: 'h' }), f)));

          for (const id of pledgeIds) {
            const r = await remaining(id);
            expect(r.used).toBeLessThanOrEqual(r.capacity);
          }
          for (const [i, outcome] of outcomes.entries()) {
            const f = formations[i];
            const written = await traces(f);
            if (outcome.status === 'fulfilled') {
              // everything: the task, one allocation per input, the need matched to it
              expect(written).toEqual(
                expect.arrayContaining([`${task.streamName(f.taskId)}:TaskProposed`, `${need.streamName(f.needIds[0])}:NeedMatched`]),
              );
              expect(written.filter((w) => w.endsWith(':PledgeCapacityAllocated'))).toHaveLength(f.allocations.length);
              continue;
            }
            // nothing at all, and a true reason
            expect(written).toEqual([]);
            const reason = outcome.reason;
            if (!(reason instanceof ConcurrencyExhaustedError)) {
              expect(reason).toBeInstanceOf(DomainError);
              expect(reason.code).toBe('PLEDGE.CAPACITY_EXCEEDED');
              // capacity only shrinks here, so a pledge it asked more of than is left now was short then too
              const asked = new Map<string, number>();
              for (const a of f.allocations) asked.set(a.pledgeId, (asked.get(a.pledgeId) ?? 0) + a.quantity);
              const short = await Promise.all([...asked].map(async ([id, q]) => (await remaining(id)).left < q));
              expect(short).toContain(true);
            }
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 240_000);

  it('a refused formation, one at a time, leaves every stream it names and the log head exactly as they were', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 50 }), fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 4 }), async (capacity, quantities) => {
        const pledgeId = await confirmedPledge(capacity);
        const other = await confirmedPledge(1000);
        const needIds = [await listedNeed(), await listedNeed()];
        const f = formation(needIds, [...quantities.map((quantity) => ({ pledgeId, quantity })), { pledgeId: other, quantity: 1 }]);
        const streams = [pledge.streamName(pledgeId), pledge.streamName(other), ...needIds.map(need.streamName), task.streamName(f.taskId)];
        const before = await heads(streams);
        const fits = quantities.reduce((n, q) => n + q, 0) <= capacity;
        const outcome = await formTask(handler, ctx(), f).then(
          () => 'formed',
          (e) => e.code,
        );
        expect(outcome).toBe(fits ? 'formed' : 'PLEDGE.CAPACITY_EXCEEDED');
        if (!fits) expect(await heads(streams)).toEqual(before);
      }),
      { numRuns: 25 },
    );
  }, 240_000);

  it('of 50 formations racing for one pledge in one process, the winners take exactly its capacity and every loser hears the rule, not "try again"', async () => {
    const pledgeId = await confirmedPledge(280);
    const formations = await Promise.all(Array.from({ length: 50 }, async () => formation([await listedNeed()], [{ pledgeId, quantity: 10 }])));
    const outcomes = await Promise.allSettled(formations.map((f) => formTask(handler, ctx(), f)));
    const won = outcomes.filter((o) => o.status === 'fulfilled').length;
    const codes = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason.code] : []));
    expect(won).toBe(28);
    expect(codes).toEqual(Array.from({ length: 22 }, () => 'PLEDGE.CAPACITY_EXCEEDED'));
    expect(await remaining(pledgeId)).toMatchObject({ used: 280, left: 0 });
    expect(handler.locks.size).toBe(0);
  }, 120_000);

  it('two API replicas racing 50 formations for one pledge: capacity holds, each loser is told the truth', async () => {
    const pledgeId = await confirmedPledge(280);
    const formations = await Promise.all(Array.from({ length: 50 }, async () => formation([await listedNeed()], [{ pledgeId, quantity: 10 }])));
    const outcomes = await Promise.allSettled(formations.map((f, i) => formTask(replicas[i % 2], ctx(), f)));
    const won = outcomes.filter((o) => o.status === 'fulfilled').length;
    const codes = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason.code] : []));
    const end = await remaining(pledgeId);
    expect(end.used).toBe(won * 10);
    expect(end.used).toBeLessThanOrEqual(280);
    for (const code of codes) expect(['PLEDGE.CAPACITY_EXCEEDED', 'COMMAND.CONCURRENCY_CONFLICT']).toContain(code);
    // "no capacity" only when there was none. ("Try again" is answered when the last decision on
    // the latest state still fitted — later winners may have taken the rest since, so it is not
    // checked against the end state here; the one-process race above shows no loser gets it.)
    if (codes.includes('PLEDGE.CAPACITY_EXCEEDED')) expect(end.left).toBeLessThan(10);
    for (const [i, o] of outcomes.entries()) if (o.status === 'rejected') expect(await traces(formations[i])).toEqual([]);
  }, 120_000);
});
