import { Inject, Injectable } from '@nestjs/common';
import { fold, pledge } from '@cobuild/domain';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';

/** Reads one pledge's current state from its stream (the resources list comes from projections). */
@Injectable()
export class PledgeReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(pledgeId: string): Promise<{ state: pledge.PledgeState; revision: number }> {
    const events = await this.store.readStream(pledge.streamName(pledgeId));
    return {
      state: fold(pledge.decider, events.map((e) => ({ type: e.type, data: e.data }) as pledge.PledgeEvent)),
      revision: events.length - 1,
    };
  }
}
