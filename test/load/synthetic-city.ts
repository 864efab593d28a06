/**
 * A synthetic city for benchmarks: communities with needs, pledges and tasks carried through their
 * lifecycle by the real deciders (so every event is one the engine would write), appended per
 * stream in batches.
 */
import { randomUUID } from 'node:crypto';
import { fold, need, pledge, task, type Actor, type Command, type Decider, type Event } from '../../libs/domain/src';
import type { EventStore, NewEvent } from '../../libs/event-store/src';

const secretary: Actor = { id: 'sec', role: 'community_secretary' };

class StreamWriter {
  readonly pending = new Map<string, NewEvent[]>();
  events = 0;

  /** decide the commands in order on a fresh stream, keep the events */
  run<S, C extends Command<string, any>, E extends Event<string, any>>(
    decider: Decider<S, C, E>,
    streamId: string,
    communityId: string,
    commands: Array<Pick<C, 'type' | 'data'> & { actor?: Actor; now: Date }>,
  ): void {
    const list = this.pending.get(streamId) ?? [];
    let state = fold(decider, list.map((e) => ({ type: e.type, data: e.data }) as unknown as E));
    for (const c of commands) {
      const events = decider.decide({ type: c.type, data: c.data, meta: { now: c.now, actor: c.actor ?? secretary } } as C, state);
      for (const e of events) {
        state = decider.evolve(state, e);
        list.push({
          id: randomUUID(),
          type: e.type,
          schemaVersion: 1,
          data: e.data as Record<string, unknown>,
          metadata: { actor: { id: (c.actor ?? secretary).id, role: (c.actor ?? secretary).role }, communityId, correlationId: randomUUID(), causationId: null, idempotencyKey: null, occurredAt: c.now.toISOString() },
        });
      }
    }
    this.events += commands.length;
    this.pending.set(streamId, list);
  }

  async flush(store: EventStore): Promise<number> {
    let n = 0;
    const entries = [...this.pending.entries()];
    for (let i = 0; i < entries.length; i += 16)
      await Promise.all(
        entries.slice(i, i + 16).map(async ([streamId, events]) => {
          await store.append(streamId, events, { expectedRevision: 'no_stream' });
          n += events.length;
        }),
      );
    this.pending.clear();
    return n;
  }
}

/** One community's year: ~`needs` needs (most listed, some matched to tasks carried to verified), `pledges` pledges. */
export async function writeCommunity(store: EventStore, communityId: string, size: { needs: number; pledges: number; tasks: number }): Promise<number> {
  const w = new StreamWriter();
  const t0 = new Date('2026-01-05T01:00:00.000Z');
  const at = (days: number) => new Date(t0.getTime() + days * 86_400_000);
  const unit = (i: number) => `u-${communityId}-${i % 5}`;
  const needIds = Array.from({ length: size.needs }, (_, i) => `${communityId}-n${i}`);
  needIds.forEach((needId, i) =>
    w.run(need.decider, need.streamName(needId), communityId, [
      {
        type: 'SubmitNeed',
        now: at(i % 200),
        data: {
          needId,
          communityId,
          source: 'resident',
          title: `需求${i}`,
          description: '居民反映的困难',
          category: ['助老', '环境', '教育', '医疗'][i % 4],
          urgency: need.URGENCIES[i % 4],
          beneficiaries: { description: '居民', count: 10 },
          location: { gridId: `g${i % 8}`, address: null },
          wantedBy: null,
          requester: { name: '张三', phone: '13812345678' },
        },
      },
      ...(i % 5 === 4 ? [] : [{ type: 'ListNeed' as const, now: at(i % 200 + 1), data: { needId } }]),
    ]),
  );
  const pledgeIds = Array.from({ length: size.pledges }, (_, i) => `${communityId}-p${i}`);
  pledgeIds.forEach((pledgeId, i) =>
    w.run(pledge.decider, pledge.streamName(pledgeId), communityId, [
      {
        type: 'PledgeResource',
        now: at(i),
        actor: { id: 'uc', role: 'unit_contact', unitId: unit(i) },
        data: {
          pledgeId,
          communityId,
          pledger: { kind: 'unit', unitId: unit(i) },
          type: 'volunteers',
          description: '志愿服务',
          capacity: { quantity: 1000, measure: 'volunteer-hours' },
          availability: { from: at(i).toISOString(), until: null },
          contact: { name: '李四', phone: '13900001111' },
        },
      },
      { type: 'ConfirmPledge', now: at(i + 1), data: { pledgeId } },
    ]),
  );
  for (let i = 0; i < size.tasks; i++) {
    const needId = needIds[(i * 5) % needIds.length];
    if ((i * 5) % 5 === 4) continue;
    const taskId = `${communityId}-t${i}`;
    const pledgeId = pledgeIds[i % pledgeIds.length];
    const day = 210 + (i % 100);
    w.run(pledge.decider, pledge.streamName(pledgeId), communityId, [
      { type: 'AllocatePledgeCapacity', now: at(day), data: { pledgeId, allocationId: `${taskId}-a1`, taskId, quantity: 2 } },
    ]);
    w.run(need.decider, need.streamName(needId), communityId, [{ type: 'MatchNeed', now: at(day), data: { needId, taskId } }]);
    const contact: Actor = { id: 'uc', role: 'unit_contact', unitId: unit(i) };
    const steps = i % 3; // some stay assigned, some accepted, some verified
    w.run(task.decider, task.streamName(taskId), communityId, [
      {
        type: 'ProposeTask',
        now: at(day),
        data: {
          taskId,
          communityId,
          title: `项目${i}`,
          description: '共建项目',
          needs: [{ needId, communityId, status: 'listed' }],
          allocations: [{ allocationId: `${taskId}-a1`, pledgeId, quantity: 2 }],
          pledges: [{ pledgeId, communityId, status: 'listed', measure: 'volunteer-hours' }],
          meeting: null,
          assignment: { responsibleUnitId: unit(i), responsiblePerson: { name: '赵六', phone: '13700002222' }, deadline: at(day + 30).toISOString() },
        },
      },
      ...(steps >= 1 ? [{ type: 'AcceptTask' as const, now: at(day + 1), actor: contact, data: { taskId } }] : []),
      ...(steps >= 1 ? [{ type: 'ReportTaskProgress' as const, now: at(day + 5), actor: contact, data: { taskId, reportId: `${taskId}-r1`, summary: '进行中', percentComplete: 50 } }] : []),
      ...(steps >= 2 ? [{ type: 'CompleteTask' as const, now: at(day + 10), actor: contact, data: { taskId, summary: '完成', evidence: [{ kind: 'photo' as const, uri: 'https://example.org/p.jpg' }] } }] : []),
      ...(steps >= 2 ? [{ type: 'VerifyTask' as const, now: at(day + 12), data: { taskId, note: null } }] : []),
    ]);
  }
  return w.flush(store);
}
