import { Inject, Injectable } from '@nestjs/common';
import { community, fold } from '@cobuild/domain';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';

/** A community's time zone (its configuration, Asia/Shanghai by default), cached for 30 s. */
/** domain.md, Time: communities keep Asia/Shanghai unless configured */
const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

@Injectable()
export class CommunityTimeZones {
  private readonly cache = new Map<string, { zone: string; at: number }>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async of(communityId: string): Promise<string> {
    const hit = this.cache.get(communityId);
    if (hit && Date.now() - hit.at < 30_000) return hit.zone;
    const events = await this.store.readStream(community.streamName(communityId));
    const state = fold(community.decider, events.map((e) => ({ type: e.type, data: e.data }) as community.CommunityEvent));
    const zone = state.status === 'registered' ? state.configuration.timeZone : DEFAULT_TIME_ZONE;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(communityId, { zone, at: Date.now() });
    return zone;
  }
}
