import { createHash } from 'node:crypto';
import type { EventStore, RecordedEvent } from '@cobuild/event-store';
import { canonicalJson } from '../../event-store/src/canonical-json';
import { logPages } from './log-pages';

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
 * The digest a public notice publishes (docs/notices.md, "Digest"):
 *   events = every event whose metadata.communityId is the community and whose position ≤ P,
 *            in position order, read raw (schema versions as stored, never upcast)
 *   digest = hex(SHA-256(UTF-8(concat(snapshotLine(e) + "\n" for e in events))))
 */
export async function communityDigest(
  store: Pick<EventStore, 'readAll'>,
  communityId: string,
  position: number,
): Promise<{ digest: string; eventCount: number }> {
  const hash = createHash('sha256');
  let eventCount = 0;
  for await (const page of logPages(store, { filter: { communityId }, until: position, pageSize: 1000 }))
    for (const e of page) {
      hash.update(`${snapshotLine(e)}\n`, 'utf8');
      eventCount++;
    }
  return { digest: hash.digest('hex'), eventCount };
}

export interface NoticeCheck {
  noticeId: string;
  communityId: string;
  logPosition: number;
  published: string;
  recomputed: string;
  eventCount: number;
  ok: boolean;
}

/** Re-computes a published notice's digest from the log. */
export async function verifyNotice(store: Pick<EventStore, 'readAll' | 'readStream'>, noticeId: string): Promise<NoticeCheck | null> {
  const [published] = await store.readStream(`notice-${noticeId}`, { maxCount: 1, upcast: false });
  if (!published || published.type !== 'NoticePublished') return null;
  const d = published.data as { communityId: string; logPosition: string; digest: string };
  const { digest, eventCount } = await communityDigest(store, d.communityId, Number(d.logPosition));
  return { noticeId, communityId: d.communityId, logPosition: Number(d.logPosition), published: d.digest, recomputed: digest, eventCount, ok: digest === d.digest };
}
