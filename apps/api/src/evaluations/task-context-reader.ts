import { Inject, Injectable } from '@nestjs/common';
import { evaluationRound, fold, need, task } from '@cobuild/domain';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';

const VERIFIED: readonly string[] = ['verified', 'closed'];

/**
 * The task snapshot the evaluation-round decider needs for the per-task directions (task_work,
 * task_coordination): loaded from the task's stream and its needs' streams. The requesters are
 * the people who submitted the needs the task serves (the actor of each NeedSubmitted).
 */
@Injectable()
export class TaskContextReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(taskId: string): Promise<evaluationRound.TaskContext | null> {
    const events = await this.store.readStream(task.streamName(taskId));
    const state = fold(task.decider, events.map((e) => ({ type: e.type, data: e.data }) as task.TaskEvent));
    if (state.status === 'none') return null;
    const requesterIds: string[] = [];
    for (const needId of state.needIds) {
      const [submitted] = await this.store.readStream(need.streamName(needId), { maxCount: 1 });
      const id = submitted?.metadata.actor.id;
      if (id && !requesterIds.includes(id)) requesterIds.push(id);
    }
    return {
      taskId,
      communityId: state.communityId,
      verified: VERIFIED.includes(state.status),
      responsibleUnitId: state.responsible?.unitId ?? '',
      requesterIds,
    };
  }
}
