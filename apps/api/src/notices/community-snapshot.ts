import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { community, fold, notFound } from '@cobuild/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@cobuild/event-store';
import { canonicalJson } from '../../../../libs/event-store/src/canonical-json';

const PAGE = 1000;

export interface CommunitySnapshot {
  /** the global log position the snapshot was taken at (decimal digits) */
  logPosition: string;
  /** lowercase hex SHA-256 of the snapshot's canonical lines */
  digest: string;
  /** how many events the snapshot covers */
  eventCount: number;
}

/**
 * One line of a notice snapshot: the event as stored (not upcast), in RFC 8785 canonical JSON.
 * `hash` is the event's chain hash, which already commits to its id, type, schema version, data,
 * metadata and its stream's previous event (docs/event-store.md).
 */
export function snapshotLine(e: RecordedEvent): string {
  return canonicalJson({
    position: e.position,
    streamId: e.streamId,
    revision: e.revision,
    id: e.id.toLowerCase(),
    type: e.type,
    schemaVersion: e.storedSchemaVersion,
    data: e.data,
    metadata: e.metadata,
    hash: e.hash,
  });
}

/**
 * The snapshot a notice publishes (公示), until the list projections exist: the community's events
 * exactly as they stood at one position of the log (docs/notices.md, "Digest"):
 *
 *   P      = the log's head position when publishing starts
 *   events = every event whose metadata.communityId is the community and whose position ≤ P,
 *            in position order, read raw (schema versions as stored, never upcast)
 *   digest = hex(SHA-256(UTF-8(concat(snapshotLine(e) + "\n" for e in events))))
 *
 * The SQL stores hand out positions under a lock held until commit, so no event can appear
 * later at a position ≤ P: a third party with the exported log recomputes the same digest.
 */
@Injectable()
export class CommunitySnapshots {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async take(communityId: string): Promise<CommunitySnapshot> {
    const head = await this.store.headPosition();
    const hash = createHash('sha256');
    let eventCount = 0;
    for (let after = 0; after < head; ) {
      const page = await this.store.readAll({ after, maxCount: PAGE, filter: { communityId }, upcast: false });
      for (const e of page) {
        if (e.position > head) return { logPosition: String(head), digest: hash.digest('hex'), eventCount };
        hash.update(`${snapshotLine(e)}\n`, 'utf8');
        eventCount += 1;
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1].position;
    }
    return { logPosition: String(head), digest: hash.digest('hex'), eventCount };
  }

  /** The community's settings that a notice needs (its time zone and objection period). */
  async configuration(communityId: string): Promise<{ timeZone: string; objectionPeriodWorkingDays: number }> {
    const events = await this.store.readStream(community.streamName(communityId));
    const state = fold(community.decider, events.map((e) => ({ type: e.type, data: e.data }) as community.CommunityEvent));
    if (state.status !== 'registered') throw notFound('COMMUNITY.NOT_FOUND', `Community ${communityId} is not registered`, { communityId });
    return { timeZone: state.configuration.timeZone, objectionPeriodWorkingDays: state.configuration.objectionPeriodWorkingDays };
  }
}
