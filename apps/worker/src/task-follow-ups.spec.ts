import { randomUUID } from 'node:crypto';
import { fold, need, pledge, task, type Actor, type Command, type Decider, type Event } from '@cobuild/domain';
import { createEventStore, type EventStore } from '@cobuild/event-store';
import { CommandHandler } from '../../common/src/commands/command-handler';
import { startTaskFollowUps, TASK_FOLLOW_UPS_CHECKPOINT, type TaskFollowUps } from './task-follow-ups';

const secretary: Actor = { id: 'sec-1', role: 'community_secretary' };
const unit: Actor = { id: 'uc-1', role: 'unit_contact', unitId: 'u1' };

describe('task follow-ups runner (embedded store)', () => {
  let store: EventStore;
  let handler: CommandHandler;
  let runners: TaskFollowUps[] = [];
  beforeAll(async () => {
    store = await createEventStore({ kind: 'embedded' });
    handler = new CommandHandler(store);
  });
  afterEach(async () => {
    await Promise.all(runners.map((r) => r.stop()));
    runners = [];
  });
  afterAll(() => store.close());

  const run = async <S, C extends Command<string, any>, E extends Event<string, any>>(
    decider: Decider<S, C, E>,
    streamId: string,
    type: C['type'],
    data: Record<string, unknown>,
    actor: Actor = secretary,
  ) =>
    handler.handle(decider, streamId, { type, data } as Pick<C, 'type' | 'data'>, { actor, now: new Date(), correlationId: randomUUID() }, {
      communityId: () => 'c1',
    });
  const state = async <S>(decider: Decider<S, any, any>, streamId: string): Promise<S> =>
    fold(decider, (await store.readStream(streamId)).map((e) => ({ type: e.type, data: e.data })) as never);
  const start = async (s: EventStore = store) => {
    const r = await startTaskFollowUps(s, { retryMs: 50 });
    runners.push(r);
    return r;
  };

  /** a listed need and a confirmed pledge, formed into an assigned task with 4 m² reserved (the formation process, by hand) */
  async function formedTask() {
    const [needId, pledgeId, taskId] = [randomUUID(), randomUUID(), randomUUID()];
    await run(need.decider, need.streamName(needId), 'SubmitNeed', {
      needId, communityId: 'c1', source: 'resident', title: '加装扶手', description: '楼道无扶手', category: '助老', urgency: 'high',
      beneficiaries: { description: '老人' }, location: {}, requester: { name: '张三', phone: null },
    });
    await run(need.decider, need.streamName(needId), 'ListNeed', { needId });
    await run(pledge.decider, pledge.streamName(pledgeId), 'PledgeResource', {
      pledgeId, communityId: 'c1', pledger: { kind: 'unit', unitId: 'u1' }, type: 'venue', description: '会议室',
      capacity: { quantity: 10, measure: 'm2' }, availability: { from: '2026-01-01T00:00:00Z', until: null }, contact: { name: '李四' },
    });
    await run(pledge.decider, pledge.streamName(pledgeId), 'ConfirmPledge', { pledgeId });
    const allocationId = `${taskId}-a1`;
    await run(pledge.decider, pledge.streamName(pledgeId), 'AllocatePledgeCapacity', { pledgeId, allocationId, taskId, quantity: 4 });
    await run(need.decider, need.streamName(needId), 'MatchNeed', { needId, taskId });
    await run(task.decider, task.streamName(taskId), 'ProposeTask', {
      taskId, communityId: 'c1', title: '加装扶手', description: '共建',
      needs: [{ needId, communityId: 'c1', status: 'matched' }],
      allocations: [{ allocationId, pledgeId, quantity: 4 }],
      pledges: [{ pledgeId, communityId: 'c1', status: 'partly_allocated', measure: 'm2' }],
      assignment: { responsibleUnitId: 'u1', responsiblePerson: { name: '李四' }, deadline: new Date(Date.now() + 86400000).toISOString() },
    });
    return { needId, pledgeId, taskId, allocationId };
  }

  it('releases the allocations and returns the needs to the list after a task is cancelled, once, across restarts', async () => {
    const { needId, pledgeId, taskId, allocationId } = await formedTask();
    await run(task.decider, task.streamName(taskId), 'CancelTask', { taskId, reason: '需求已由政府解决' });

    const runner = await start();
    await runner.caughtUp();
    const p = await state(pledge.decider, pledge.streamName(pledgeId));
    expect(p).toMatchObject({ status: 'listed', allocations: { [allocationId]: { released: true } } });
    expect((await state(need.decider, need.streamName(needId))).status).toBe('listed');
    const released = (await store.readStream(pledge.streamName(pledgeId))).at(-1)!;
    expect(released).toMatchObject({ type: 'PledgeAllocationReleased', metadata: { actor: { role: 'system' }, causationId: expect.any(String) } });
    expect((released.data as { reason: string }).reason).toBe('task cancelled: 需求已由政府解决');

    await runner.stop();
    const head = await store.headPosition();
    const restarted = await start();
    await restarted.caughtUp();
    expect(await store.headPosition()).toBe(head);
    expect(restarted.position).toBe(runner.position);
    const [checkpoint] = await store.readStream(TASK_FOLLOW_UPS_CHECKPOINT, { direction: 'backwards', maxCount: 1 });
    expect(checkpoint.data).toEqual({ position: runner.position });
  });

  it('declines release too; a verified task is recorded on its needs', async () => {
    const declined = await formedTask();
    await run(task.decider, task.streamName(declined.taskId), 'DeclineTask', { taskId: declined.taskId, reason: '超出能力' }, unit);
    const verified = await formedTask();
    const t = task.streamName(verified.taskId);
    await run(task.decider, t, 'AcceptTask', { taskId: verified.taskId }, unit);
    await run(task.decider, t, 'CompleteTask', { taskId: verified.taskId, summary: '完成', evidence: [{ kind: 'photo', uri: 'x' }] }, unit);
    await run(task.decider, t, 'VerifyTask', { taskId: verified.taskId });

    const runner = await start();
    await runner.caughtUp();
    expect((await state(pledge.decider, pledge.streamName(declined.pledgeId))).status).toBe('listed');
    expect((await state(need.decider, need.streamName(declined.needId))).status).toBe('listed');
    expect((await state(need.decider, need.streamName(verified.needId))).status).toBe('fulfilled');
    expect((await state(pledge.decider, pledge.streamName(verified.pledgeId))).status).toBe('partly_allocated');
  });

  it('re-applies a batch whose checkpoint failed without writing anything twice', async () => {
    const { needId, pledgeId, taskId } = await formedTask();
    await run(task.decider, task.streamName(taskId), 'CancelTask', { taskId, reason: '取消' });
    let failOnce = true;
    const flaky: EventStore = Object.create(store, {
      append: {
        value: async (streamId: string, ...rest: Parameters<EventStore['append']> extends [string, ...infer R] ? R : never) => {
          if (streamId === TASK_FOLLOW_UPS_CHECKPOINT && failOnce) {
            failOnce = false;
            throw new Error('store went away before the checkpoint');
          }
          return store.append(streamId, ...rest);
        },
      },
      subscribe: { value: (...args: Parameters<EventStore['subscribe']>) => store.subscribe(...args) },
    });
    const runner = await start(flaky);
    await runner.caughtUp();
    expect(failOnce).toBe(false);
    const types = (s: string) => store.readStream(s).then((es) => es.map((e) => e.type));
    expect((await types(pledge.streamName(pledgeId))).filter((t) => t === 'PledgeAllocationReleased')).toHaveLength(1);
    expect((await types(need.streamName(needId))).filter((t) => t === 'NeedReturnedToList')).toHaveLength(1);
  });
});
