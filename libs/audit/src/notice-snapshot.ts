import { community, fold, notFound } from '@cobuild/domain';
import type { EventStore } from '@cobuild/event-store';
import { communityDigest } from './notice-digest';

export interface CommunitySnapshot {
  /** the global log position the snapshot was taken at (decimal digits) */
  logPosition: string;
  /** lowercase hex SHA-256 of the snapshot's canonical lines */
  digest: string;
  /** how many events the snapshot covers */
  eventCount: number;
}

/**
 * The snapshot a notice publishes (公示), for the API's publish endpoint and the worker's notice
 * jobs alike: the community's events exactly as they stood at one position of the log
 * (docs/notices.md, "Digest"):
 *
 *   P      = the log's head position when publishing starts
 *   events = every event whose metadata.communityId is the community and whose position ≤ P,
 *            in position order, read raw (schema versions as stored, never upcast)
 *   digest = hex(SHA-256(UTF-8(concat(snapshotLine(e) + "\n" for e in events))))
 *
 * The SQL stores hand out positions under a lock held until commit, so no event can appear
 * later at a position ≤ P: a third party with the exported log recomputes the same digest.
 */
export async function takeCommunitySnapshot(store: Pick<EventStore, 'readAll' | 'headPosition'>, communityId: string): Promise<CommunitySnapshot> {
  const head = await store.headPosition();
  const { digest, eventCount } = await communityDigest(store, communityId, head);
  return { logPosition: String(head), digest, eventCount };
}

/** The community's configuration a notice needs (time zone, objection period, frequency); 404 when not registered. */
export async function communityNoticeSettings(store: Pick<EventStore, 'readStream'>, communityId: string): Promise<community.CommunityConfiguration> {
  const events = await store.readStream(community.streamName(communityId));
  const state = fold(community.decider, events.map((e) => ({ type: e.type, data: e.data }) as community.CommunityEvent));
  if (state.status !== 'registered') throw notFound('COMMUNITY.NOT_FOUND', `Community ${communityId} is not registered`, { communityId });
  return state.configuration;
}
