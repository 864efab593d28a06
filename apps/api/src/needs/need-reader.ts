import { Inject, Injectable } from '@nestjs/common';
import { fold, need } from '@cobuild/domain';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';

/** Reads one need's current state from its stream (the lists come from projections). */
@Injectable()
export class NeedReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(needId: string): Promise<{ state: need.NeedState; revision: number }> {
    const events = await this.store.readStream(need.streamName(needId));
    return {
      state: fold(need.decider, events.map((e) => ({ type: e.type, data: e.data }) as need.NeedEvent)),
      revision: events.length - 1,
    };
  }

  /** the snapshot other commands (merge, task formation) take of a need */
  async snapshot(needId: string): Promise<{ needId: string; communityId: string; status: need.NeedStatus } | null> {
    const { state } = await this.load(needId);
    return state.status === 'none' ? null : { needId, communityId: state.communityId, status: state.status };
  }
}
