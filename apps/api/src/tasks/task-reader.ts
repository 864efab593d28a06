import { Inject, Injectable } from '@nestjs/common';
import { fold, meeting, need, pledge, task, type Decider } from '@cobuild/domain';
import { EVENT_STORE, StreamStateCache, type EventStore } from '@cobuild/event-store';

/**
 * Reads one task's current state, and the snapshots of needs, pledges and meetings a task command
 * carries (task/context.ts: a missing stream gives status 'none').
 */
@Injectable()
export class TaskReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    /** folded state per stream (the command path's): a long pledge or task stream is read from its cached revision on */
    private readonly states: StreamStateCache,
  ) {}

  private async fold<S>(decider: Decider<S, any, any>, streamId: string): Promise<{ state: S; revision: number }> {
    const { state, revision } = await this.states.load(this.store, decider, streamId);
    return { state, revision };
  }

  load(taskId: string): Promise<{ state: task.TaskState; revision: number }> {
    return this.fold(task.decider, task.streamName(taskId));
  }

  /** The task, and every functional department it was escalated to (they may read it). */
  async loadForReading(taskId: string): Promise<{ state: task.TaskState; revision: number; departmentIds: string[] }> {
    const events = (await this.store.readStream(task.streamName(taskId))).map((e) => ({ type: e.type, data: e.data }) as task.TaskEvent);
    return { state: fold(task.decider, events), revision: events.length - 1, departmentIds: task.departmentsEscalatedTo(events) };
  }

  async need(needId: string): Promise<task.NeedSnapshot> {
    return task.needSnapshot(needId, (await this.fold(need.decider, need.streamName(needId))).state);
  }

  async pledge(pledgeId: string): Promise<task.PledgeSnapshot> {
    return task.pledgeSnapshot(pledgeId, (await this.fold(pledge.decider, pledge.streamName(pledgeId))).state);
  }

  async meeting(meetingId: string): Promise<task.MeetingSnapshot> {
    return task.meetingSnapshot(meetingId, (await this.fold(meeting.decider, meeting.streamName(meetingId))).state);
  }
}
