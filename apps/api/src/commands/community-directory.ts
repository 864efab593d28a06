import { Inject, Injectable, Optional } from '@nestjs/common';
import { community, member, notFound, unitRegistration } from '@cobuild/domain';
import type { Principal } from '@cobuild/auth';
import { EVENT_STORE, StreamStateCache, type EventStore } from '@cobuild/event-store';
import { Lru } from '../../../common/src/lru';

/** communities whose place a process keeps (LRU; a place is a few dozen bytes: ~2 MB at the bound) */
export const COMMUNITY_PLACES_KEPT = 10_000;
/** the token a test gives a smaller bound with */
export const COMMUNITY_PLACES_KEPT_TOKEN = Symbol('COMMUNITY_PLACES_KEPT');

export interface CommunityPlace {
  communityId: string;
  streetId: string;
  districtId: string;
}

/**
 * Where a community sits (street, district), folded from its stream and cached (a registered
 * community's place never changes; an unknown one is never cached); and the caller's live 双报到
 * registrations there.
 */
@Injectable()
export class CommunityDirectory {
  /** by community id, at most COMMUNITY_PLACES_KEPT (it had no bound: one entry per community ever asked about) */
  readonly places: Lru<string, { place: CommunityPlace; at: number }>;
  /**
   * registrations found live, re-read after 2 s (a deregistration bites within that). Only "yes" is
   * kept: a "no" is read again from the store on every request, so a registration just written — by
   * this process, another API replica or the CLI — is honoured by the very next request.
   */
  private readonly registered = new Map<string, number>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    /** folded state per stream: a registration or member stream is read from its cached revision on */
    private readonly states: StreamStateCache,
    @Optional() @Inject(COMMUNITY_PLACES_KEPT_TOKEN) kept: number = COMMUNITY_PLACES_KEPT,
  ) {
    this.places = new Lru(kept);
  }

  async place(communityId: string): Promise<CommunityPlace> {
    const hit = this.places.get(communityId);
    if (hit && Date.now() - hit.at < 30_000) return hit.place;
    const { state } = await this.states.load(this.store, community.decider, community.streamName(communityId));
    if (state.status !== 'registered') throw notFound('COMMUNITY.NOT_FOUND', `Community ${communityId} is not registered`, { communityId });
    const place = { communityId, streetId: state.streetId, districtId: state.districtId };
    this.places.set(communityId, { place, at: Date.now() });
    return place;
  }

  /**
   * Of the caller's units and self, those registered at the community (双报到): a unit contact or
   * member acts in a community only through a live registration there.
   */
  async registrationsOf(principal: Principal, communityId: string): Promise<{ servingUnitIds: string[]; residentMemberIds: string[] }> {
    const units = principal.grants.filter((g) => g.role === 'unit_contact').map((g) => g.scope.id);
    const selves = principal.grants.filter((g) => g.role === 'member').map((g) => g.scope.id);
    const servingUnitIds: string[] = [];
    for (const unitId of units)
      if (
        await this.remembered(`unit:${unitId}:${communityId}`, async () => {
          const { state: s } = await this.states.load(this.store, unitRegistration.decider, unitRegistration.streamNameFor(unitId, communityId));
          return s.status === 'registered';
        })
      )
        servingUnitIds.push(unitId);
    const residentMemberIds: string[] = [];
    for (const memberId of selves)
      if (
        await this.remembered(`member:${memberId}:${communityId}`, async () => {
          const { state: s } = await this.states.load(this.store, member.decider, member.streamName(memberId));
          return s.status === 'registered' && s.communityId === communityId;
        })
      )
        residentMemberIds.push(memberId);
    return { servingUnitIds, residentMemberIds };
  }

  private async remembered(key: string, read: () => Promise<boolean>): Promise<boolean> {
    const seen = this.registered.get(key);
    if (seen !== undefined && Date.now() - seen < 2_000) return true;
    const yes = await read();
    if (this.registered.size > 10_000) this.registered.clear();
    if (yes) this.registered.set(key, Date.now());
    else this.registered.delete(key);
    return yes;
  }
}
