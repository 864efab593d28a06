import { Inject, Injectable } from '@nestjs/common';
import { community, fold, notFound } from '@cobuild/domain';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';

export interface CommunityPlace {
  communityId: string;
  streetId: string;
  districtId: string;
}

/** Where a community sits (street, district), folded from its stream; cached, as it rarely changes. */
@Injectable()
export class CommunityDirectory {
  private readonly cache = new Map<string, { place: CommunityPlace; at: number }>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async place(communityId: string): Promise<CommunityPlace> {
    const hit = this.cache.get(communityId);
    if (hit && Date.now() - hit.at < 30_000) return hit.place;
    const events = await this.store.readStream(community.streamName(communityId));
    const state = fold(community.decider, events.map((e) => ({ type: e.type, data: e.data }) as community.CommunityEvent));
    if (state.status !== 'registered') throw notFound('COMMUNITY.NOT_FOUND', `Community ${communityId} is not registered`, { communityId });
    const place = { communityId, streetId: state.streetId, districtId: state.districtId };
    this.cache.set(communityId, { place, at: Date.now() });
    return place;
  }
}
