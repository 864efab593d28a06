import fc from 'fast-check';
import * as meetingAgg from '../meeting';
import * as needAgg from '../need';
import * as pledgeAgg from '../pledge';
import { fold } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import type { Command, CommandMeta } from '../shared/message';
import {
  decider as taskDecider,
  followUpsOf,
  formationCompensation,
  formationPlan,
  meetingSnapshot,
  needSnapshot,
  pledgeSnapshot,
  streamName as taskStream,
  type AllocationInput,
  type Intent,
  type ProposeTask,
  type TaskEvent,
} from './index';
import { NOW, person, secretary } from './testing/fixtures';
import { MemoryStreams, handle, prepare } from './testing/memory-streams';

/**
 * The domain rules the formation relies on, run step by step against a stand-in store with
 * expected-revision appends: capacity holds when secretaries race, retries with the same ids do
 * not allocate twice, and `formationCompensation` (used by the follow-ups of a declined or
 * cancelled task) releases what a task held. The real formation — one decision over every stream,
 * one atomic append — races on the real stores in apps/api/src/tasks/task-formation.race.spec.ts.
 */

const meta: CommandMeta = { now: NOW, actor: secretary };
/** An intent becomes a command once the process adds meta (typed loosely: each handle() call names its decider). */
const withMeta = (intent: Intent<Command<string, any>>): never => ({ ...intent, meta }) as never;

function seed(store: MemoryStreams, capacity = 10) {
  const pledgeCmds: pledgeAgg.PledgeCommand[] = [
    {
      type: 'PledgeResource',
      data: {
        pledgeId: 'p1',
        communityId: 'c1',
        pledger: { kind: 'unit', unitId: 'u1' },
        type: 'volunteers',
        description: '志愿服务',
        capacity: { quantity: capacity, measure: 'volunteer-hours' },
        availability: { from: '2026-12-01T00:00:00.000Z', until: null },
        contact: { name: '王五' },
      },
      meta,
    },
    { type: 'ConfirmPledge', data: { pledgeId: 'p1' }, meta },
  ];
  pledgeCmds.forEach((c) => handle(store, pledgeAgg.decider, pledgeAgg.streamName('p1'), c));
  for (const needId of ['n1', 'n2', 'n3']) {
    handle(store, needAgg.decider, needAgg.streamName(needId), {
      type: 'SubmitNeed',
      data: {
        needId,
        communityId: 'c1',
        source: 'resident',
        title: `需求${needId}`,
        description: 'd',
        category: '助老',
        urgency: 'normal',
        beneficiaries: { description: '居民' },
        location: {},
        requester: { name: '张三', phone: null },
      },
      meta,
    });
    handle(store, needAgg.decider, needAgg.streamName(needId), { type: 'ListNeed', data: { needId }, meta });
  }
}

const load = <S, E extends { type: string; data: any }>(store: MemoryStreams, d: { evolve: (s: S, e: E) => S; initialState: () => S }, stream: string) =>
  fold(d, store.read<E>(stream).events as E[]);
const pledgeState = (store: MemoryStreams) => load(store, pledgeAgg.decider, pledgeAgg.streamName('p1'));
const needState = (store: MemoryStreams, id: string) => load(store, needAgg.decider, needAgg.streamName(id));

/** The command handler's task-formation process, as the README describes it. */
function formTask(
  store: MemoryStreams,
  taskId: string,
  needIds: string[],
  allocations: AllocationInput[],
  meanwhile: () => void = () => undefined,
): 'formed' | string {
  const command: ProposeTask = {
    type: 'ProposeTask',
    data: {
      taskId,
      communityId: 'c1',
      title: '任务',
      description: 'd',
      needs: needIds.map((id) => needSnapshot(id, needState(store, id))),
      allocations,
      pledges: [...new Set(allocations.map((a) => a.pledgeId))].map((id) => pledgeSnapshot(id, pledgeState(store))),
      meeting: null,
      assignment: { responsibleUnitId: 'u1', responsiblePerson: person, deadline: '2026-12-31T16:00:00.000Z' },
    },
    meta,
  };
  const plan = formationPlan(taskId, needIds, allocations);
  const done = { reserved: [] as AllocationInput[], matched: [] as string[] };
  try {
    // 1. validate against the snapshots (pure, nothing written yet)
    const taskPending = prepare(store, taskDecider, taskStream(taskId), command);
    // 2. reserve on each pledge: the pledge stream decides capacity
    plan.reserve.forEach((intent, i) => {
      handle(store, pledgeAgg.decider, pledgeAgg.streamName(intent.data.pledgeId), withMeta(intent));
      done.reserved.push(allocations[i]);
    });
    meanwhile(); // someone else acts between our steps
    // 3. mark the needs matched
    plan.match.forEach((intent) => {
      handle(store, needAgg.decider, needAgg.streamName(intent.data.needId), withMeta(intent));
      done.matched.push(intent.data.needId);
    });
    // 4. record the task (a new stream: expected revision 0)
    handle(store, taskDecider, taskStream(taskId), command, taskPending);
    return 'formed';
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    const undo = formationCompensation(taskId, done, `formation failed: ${e.code}`);
    undo.release.forEach((i) => handle(store, pledgeAgg.decider, pledgeAgg.streamName(i.data.pledgeId), withMeta(i)));
    undo.unmatch.forEach((i) => handle(store, needAgg.decider, needAgg.streamName(i.data.needId), withMeta(i)));
    return e.code;
  }
}

const allocatedOnP1 = (store: MemoryStreams) => {
  const p = pledgeState(store);
  return p.status === 'none' ? 0 : pledgeAgg.allocatedOf(p);
};

describe('task formation across aggregates', () => {
  it('two secretaries matching against the same pledge at once cannot both pass its capacity', () => {
    const store = new MemoryStreams();
    seed(store);
    const allocate = (allocationId: string, taskId: string): pledgeAgg.PledgeCommand => ({
      type: 'AllocatePledgeCapacity',
      data: { pledgeId: 'p1', allocationId, taskId, quantity: 6 },
      meta,
    });
    // both load revision r and decide "6 of 10 is fine"
    const a = prepare(store, pledgeAgg.decider, 'pledge-p1', allocate('a1', 't1'));
    const b = prepare(store, pledgeAgg.decider, 'pledge-p1', allocate('a2', 't2'));
    expect(a.events).toHaveLength(1);
    expect(b.events).toHaveLength(1);
    handle(store, pledgeAgg.decider, 'pledge-p1', allocate('a1', 't1'), a);
    // b's append fails on the revision; the handler reloads, decides again and the rule answers
    expect(() => handle(store, pledgeAgg.decider, 'pledge-p1', allocate('a2', 't2'), b)).toThrow(
      expect.objectContaining({ code: 'PLEDGE.CAPACITY_EXCEEDED' }),
    );
    expect(allocatedOnP1(store)).toBe(6);
  });

  it('any interleaving of racing allocations keeps allocated <= pledged', () =>
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 600 }).map((n) => n / 100), { minLength: 2, maxLength: 6 }),
        fc.func(fc.integer()),
        (quantities, order) => {
          const store = new MemoryStreams();
          seed(store);
          const commands = quantities.map(
            (quantity, i): pledgeAgg.PledgeCommand => ({
              type: 'AllocatePledgeCapacity',
              data: { pledgeId: 'p1', allocationId: `a${i}`, taskId: `t${i}`, quantity },
              meta,
            }),
          );
          // everyone decides on the same revision, then they append in an arbitrary order
          const pending = commands.map((c) => ({ c, p: prepare(store, pledgeAgg.decider, 'pledge-p1', c), key: order(c.data) }));
          pending.sort((x, y) => x.key - y.key);
          let accepted = 0;
          for (const { c, p } of pending) {
            try {
              handle(store, pledgeAgg.decider, 'pledge-p1', c, p);
              accepted += Math.round((c.data as { quantity: number }).quantity * 100);
            } catch (e) {
              expect((e as DomainError).code).toBe('PLEDGE.CAPACITY_EXCEEDED');
            }
          }
          expect(Math.round(allocatedOnP1(store) * 100)).toBe(accepted);
          expect(accepted).toBeLessThanOrEqual(1000);
        },
      ),
      { numRuns: 200 },
    ));

  it('forms a task: capacity reserved, needs matched, task recorded', () => {
    const store = new MemoryStreams();
    seed(store);
    expect(formTask(store, 't1', ['n1', 'n2'], [{ allocationId: 't1-a1', pledgeId: 'p1', quantity: 4 }])).toBe('formed');
    expect(allocatedOnP1(store)).toBe(4);
    expect(needState(store, 'n1')).toMatchObject({ status: 'matched', tasks: { t1: 'open' } });
    expect(load(store, taskDecider, 'task-t1').status).toBe('assigned');
  });

  it('a failed step is compensated: nothing stays reserved or matched, no task is recorded', () => {
    const store = new MemoryStreams();
    seed(store);
    // the need was withdrawn before the secretary pressed "form":
    handle(store, needAgg.decider, 'need-n2', { type: 'WithdrawNeed', data: { needId: 'n2', reason: '已解决' }, meta });
    // n2's snapshot now says withdrawn, so the pure check stops it before anything is written
    expect(formTask(store, 't1', ['n1', 'n2'], [{ allocationId: 't1-a1', pledgeId: 'p1', quantity: 4 }])).toBe('TASK.NEED_NOT_LISTED');
    expect(allocatedOnP1(store)).toBe(0);

    // and when the race is lost after the check (capacity taken by someone else meanwhile):
    const store2 = new MemoryStreams();
    seed(store2, 10);
    handle(store2, pledgeAgg.decider, 'pledge-p1', {
      type: 'AllocatePledgeCapacity',
      data: { pledgeId: 'p1', allocationId: 'other', taskId: 't0', quantity: 8 },
      meta,
    });
    const result = formTask(store2, 't1', ['n1'], [
      { allocationId: 't1-a1', pledgeId: 'p1', quantity: 1 },
      { allocationId: 't1-a2', pledgeId: 'p1', quantity: 5 },
    ]);
    expect(result).toBe('PLEDGE.CAPACITY_EXCEEDED');
    expect(allocatedOnP1(store2)).toBe(8); // t1-a1 was reserved, then released
    expect(needState(store2, 'n1')).toMatchObject({ status: 'listed', tasks: {} });
    expect(store2.read('task-t1').revision).toBe(0);
  });

  it('a need withdrawn after the check but before matching: reservations released, earlier needs unmatched', () => {
    const store = new MemoryStreams();
    seed(store);
    const withdrawN2 = () =>
      handle(store, needAgg.decider, 'need-n2', { type: 'WithdrawNeed', data: { needId: 'n2', reason: '已解决' }, meta });
    const result = formTask(store, 't1', ['n1', 'n2'], [{ allocationId: 't1-a1', pledgeId: 'p1', quantity: 4 }], withdrawN2);
    expect(result).toBe('NEED.WRONG_STATUS');
    expect(allocatedOnP1(store)).toBe(0);
    expect(needState(store, 'n1')).toMatchObject({ status: 'listed', tasks: {} });
    expect(needState(store, 'n2').status).toBe('withdrawn');
    expect(store.read('task-t1').revision).toBe(0);
  });

  it('retrying a whole formation with the same ids does not allocate or match twice', () => {
    const store = new MemoryStreams();
    seed(store);
    const allocations = [{ allocationId: 't1-a1', pledgeId: 'p1', quantity: 4 }];
    // a crash after reserving and matching, before the task was recorded:
    const plan = formationPlan('t1', ['n1'], allocations);
    plan.reserve.forEach((i) => handle(store, pledgeAgg.decider, 'pledge-p1', withMeta(i)));
    plan.match.forEach((i) => handle(store, needAgg.decider, 'need-n1', withMeta(i)));
    // the retry sees partly-allocated/matched snapshots, which still pass, and completes
    expect(formTask(store, 't1', ['n1'], allocations)).toBe('formed');
    expect(allocatedOnP1(store)).toBe(4);
    expect(store.read('pledge-p1').revision).toBe(3); // pledged, listed, one allocation
    expect(store.read('need-n1').revision).toBe(3); // submitted, listed, one match
  });

  it('follow-ups of a cancelled task release its allocations and return its needs to the list', () => {
    const store = new MemoryStreams();
    seed(store);
    formTask(store, 't1', ['n1'], [{ allocationId: 't1-a1', pledgeId: 'p1', quantity: 4 }]);
    const [cancelled] = handle(store, taskDecider, 'task-t1', { type: 'CancelTask', data: { taskId: 't1', reason: '政府项目已解决' }, meta });
    const run = (event: TaskEvent) => {
      const f = followUpsOf(event);
      f.pledges.forEach((i) => handle(store, pledgeAgg.decider, pledgeAgg.streamName(i.data.pledgeId), withMeta(i)));
      f.needs.forEach((i) => handle(store, needAgg.decider, needAgg.streamName(i.data.needId), withMeta(i)));
    };
    run(cancelled);
    run(cancelled); // a replayed subscription changes nothing more
    expect(allocatedOnP1(store)).toBe(0);
    expect(needState(store, 'n1')).toMatchObject({ status: 'listed', tasks: {} });
    expect(store.read('need-n1').revision).toBe(5); // + matched, released, returned to list
  });

  it('follow-ups of verification fulfil the need; rework reopens it', () => {
    const verifiedEvent: TaskEvent = {
      type: 'TaskVerified',
      data: { taskId: 't1', communityId: 'c1', responsible: { kind: 'unit', unitId: 'u1' }, needIds: ['n1', 'n2'], note: null, verifiedAt: NOW.toISOString() },
    };
    expect(followUpsOf(verifiedEvent).needs).toEqual([
      { type: 'RecordNeedTaskVerified', data: { needId: 'n1', taskId: 't1' } },
      { type: 'RecordNeedTaskVerified', data: { needId: 'n2', taskId: 't1' } },
    ]);
    expect(
      followUpsOf({ type: 'TaskReopenedForRework', data: { taskId: 't1', communityId: 'c1', needIds: ['n1'], reason: '松动' } }).needs,
    ).toEqual([{ type: 'RecordNeedTaskReopened', data: { needId: 'n1', taskId: 't1', reason: '松动' } }]);
    expect(followUpsOf({ type: 'TaskClosed', data: { taskId: 't1', communityId: 'c1', closedAt: NOW.toISOString() } })).toEqual({
      pledges: [],
      needs: [],
    });
  });

  it('snapshots are built from the loaded streams, including a missing one', () => {
    const store = new MemoryStreams();
    handle(store, meetingAgg.decider, 'meeting-mt1', {
      type: 'ConveneMeeting',
      data: { meetingId: 'mt1', level: 'community', communityId: 'c1', title: '联席会议', scheduledAt: NOW.toISOString(), chairUnitId: 'u1' },
      meta,
    });
    expect(meetingSnapshot('mt1', load(store, meetingAgg.decider, 'meeting-mt1'))).toEqual({
      meetingId: 'mt1',
      level: 'community',
      communityId: 'c1',
      status: 'convened',
    });
    expect(meetingSnapshot('mt9', load(store, meetingAgg.decider, 'meeting-mt9')).status).toBe('none');
    expect(needSnapshot('n9', needState(store, 'n9'))).toEqual({ needId: 'n9', communityId: null, status: 'none' });
    expect(pledgeSnapshot('p9', pledgeState(store))).toEqual({ pledgeId: 'p9', communityId: null, status: 'none', measure: null });
  });
});
