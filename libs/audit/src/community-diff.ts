import type { EventStore } from '@cobuild/event-store';
import { listsAt } from './lists-at';
import { diffLists, type ListsDiff } from './lists-diff';
import { requireKnownCommunity, resolveMoment, type Moment, type ResolvedMoment } from './moment';

export interface CommunityDiff {
  communityId: string;
  from: ResolvedMoment;
  to: ResolvedMoment;
  lists: ListsDiff;
}

/** What changed in a community's three lists between two moments (e.g. the March and the June notices). */
export async function communityDiff(store: Pick<EventStore, 'readAll' | 'readAllForProjection' | 'headPosition'>, communityId: string, from: Moment, to: Moment, now = new Date()): Promise<CommunityDiff> {
  await requireKnownCommunity(store, communityId);
  const a = await resolveMoment(store, from, 'from', now);
  const b = await resolveMoment(store, to, 'to', now);
  return { communityId, from: a, to: b, lists: diffLists(await listsAt(store, communityId, a.position), await listsAt(store, communityId, b.position)) };
}
