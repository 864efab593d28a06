import { Inject, Injectable } from '@nestjs/common';
import { community, district, fold, street } from '@cobuild/domain';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';

/** Current state of districts, streets and communities, folded from their streams. */
@Injectable()
export class OrganisationReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  private async state<S>(decider: { evolve(s: S, e: never): S; initialState(): S }, streamId: string): Promise<{ state: S; revision: number }> {
    const events = await this.store.readStream(streamId);
    return { state: fold(decider as never, events.map((e) => ({ type: e.type, data: e.data }) as never)) as S, revision: events.length - 1 };
  }

  district(id: string) {
    return this.state<district.DistrictState>(district.decider, district.streamName(id));
  }

  street(id: string) {
    return this.state<street.StreetState>(street.decider, street.streamName(id));
  }

  community(id: string) {
    return this.state<community.CommunityState>(community.decider, community.streamName(id));
  }
}
