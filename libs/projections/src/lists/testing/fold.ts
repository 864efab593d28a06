import type { RecordedEvent } from '@cobuild/event-store';
import { queryDocuments, type DocumentProjection, type ListPage, type ListQuery, type StoredDocument } from '../../runtime/document-projection';

/** Builds recorded events in log order for fold specs (positions 1, 2, 3, …). */
export function eventLog(communityId = 'c1') {
  const events: RecordedEvent[] = [];
  const add = (streamId: string, type: string, data: Record<string, unknown>, at = '2026-03-01T02:00:00.000Z'): RecordedEvent => {
    const e: RecordedEvent = {
      id: `e${events.length + 1}`,
      type,
      schemaVersion: 1,
      data: { communityId, ...data },
      metadata: { actor: { id: 'sec', role: 'community_secretary' }, communityId, correlationId: 'c', causationId: null, idempotencyKey: null, occurredAt: at },
      streamId,
      revision: events.filter((x) => x.streamId === streamId).length,
      position: events.length + 1,
      storedSchemaVersion: 1,
      recordedAt: at,
      hash: '',
      prevHash: null,
    };
    events.push(e);
    return e;
  };
  return { events, add };
}

/** The documents a projection folds from these events (what the projector and the as-of fold both do). */
export function foldAll<D>(projection: DocumentProjection<D>, events: RecordedEvent[]): StoredDocument<D>[] {
  const docs = new Map<string, D | null>();
  for (const e of events) for (const key of projection.keysOf(e)) docs.set(key, projection.evolve(docs.get(key) ?? null, e, key));
  return [...docs].flatMap(([key, doc]) => {
    if (doc === null) return [];
    const ix = projection.index(doc);
    return [{ key, communityId: ix.communityId, status: ix.status, sort: ix.sort, doc }];
  });
}

export const listOf = <D>(projection: DocumentProjection<D>, events: RecordedEvent[], q: ListQuery = {}): ListPage<D> => queryDocuments(foldAll(projection, events), q);
