import { randomUUID } from 'node:crypto';
import { community, task, type Actor } from '@cobuild/domain';
import type { EventStore } from '@cobuild/event-store';
import { CommandHandler } from '../../../../common/src/commands/command-handler';

export const secretary: Actor = { id: 'sec-1', role: 'community_secretary' };
export const unitContact: Actor = { id: 'uc-1', role: 'unit_contact', unitId: 'u1' };
const DAY = 86_400_000;

/** Commands as the community and the unit would send them, at a given instant (tests' clocks). */
export class TaskFixture {
  private readonly handler: CommandHandler;
  constructor(private readonly store: EventStore, readonly communityId = `c-${randomUUID().slice(0, 8)}`) {
    this.handler = new CommandHandler(store);
  }

  async community(now: Date, streetId = 's1'): Promise<void> {
    await this.handler.handle(community.decider, community.streamName(this.communityId), {
      type: 'RegisterCommunity',
      data: { communityId: this.communityId, name: '和平社区', streetId, street: { streetId, districtId: 'd1' } },
    }, { actor: { id: 'adm', role: 'street_admin' }, now, correlationId: randomUUID() }, { communityId: () => this.communityId });
  }

  /** a task assigned to unit u1, due `dueInDays` after `now` (or at `at`) */
  async assignedTask(now: Date, dueInDays: number, at?: Date): Promise<{ taskId: string; deadline: string }> {
    const taskId = randomUUID();
    const deadline = (at ?? new Date(now.getTime() + dueInDays * DAY)).toISOString();
    await this.run(taskId, 'ProposeTask', {
      taskId, communityId: this.communityId, title: '加装扶手', description: '共建',
      needs: [{ needId: randomUUID(), communityId: this.communityId, status: 'matched' }], allocations: [], pledges: [],
      assignment: { responsibleUnitId: 'u1', responsiblePerson: { name: '李四' }, deadline },
    }, now);
    return { taskId, deadline };
  }

  run(taskId: string, type: string, data: Record<string, unknown>, now: Date, actor: Actor = secretary) {
    return this.handler.handle(task.decider, task.streamName(taskId), { type, data } as never, { actor, now, correlationId: randomUUID() }, {
      communityId: () => this.communityId,
    });
  }
}
