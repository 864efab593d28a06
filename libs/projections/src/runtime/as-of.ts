import { categoryOf, type EventStore, type ProjectionEvent } from '@cobuild/event-store';
import type { DocumentProjection, StoredDocument } from './document-projection';

/**
 * A projection's documents as they stood at a log position, folded in memory from one
 * community's events only (so it does not grow with the rest of the city).
 */
export async function asOf<D>(
  store: Pick<EventStore, 'readAllForProjection'>,
  projection: DocumentProjection<D>,
  communityId: string,
  position: number,
): Promise<StoredDocument<D>[]> {
  return foldDocuments(projection, await communityEventsUpTo(store, communityId, position));
}

/** A projection's documents folded in memory from the given events (in log order). */
export function foldDocuments<D>(projection: DocumentProjection<D>, events: Iterable<ProjectionEvent>): StoredDocument<D>[] {
  const docs = new Map<string, D | null>();
  for (const e of events) {
    if (!projection.categories.includes(categoryOf(e.streamId))) continue;
    for (const key of projection.keysOf(e)) docs.set(key, projection.evolve(docs.get(key) ?? null, e, key));
  }
  return materialise(projection, docs);
}

/** One community's events up to a position, in log order (as the projector reads them: no hashes or recording times). */
export async function communityEventsUpTo(store: Pick<EventStore, 'readAllForProjection'>, communityId: string, position: number): Promise<ProjectionEvent[]> {
  const out: ProjectionEvent[] = [];
  let after = 0;
  for (;;) {
    // by community only: that walks the community's index; the categories are picked out by the caller
    // (adding them to the filter lets the planner prefer the category index and scan the city)
    const page = await store.readAllForProjection({ after, maxCount: 2000, filter: { communityId } });
    for (const e of page) {
      if (e.position > position) return out;
      out.push(e);
    }
    if (page.length < 2000) return out;
    after = page[page.length - 1].position;
  }
}

function materialise<D>(projection: DocumentProjection<D>, docs: Map<string, D | null>): StoredDocument<D>[] {
  const out: StoredDocument<D>[] = [];
  for (const [key, doc] of docs) {
    if (doc === null) continue;
    const ix = projection.index(doc);
    out.push({ key, communityId: ix.communityId, status: ix.status, sort: ix.sort, doc });
  }
  return out;
}

/**
 * The instant a log position stands for: when the event at that position occurred (its
 * `metadata.occurredAt`, the clock of the command that wrote it — the clock deadlines are set and
 * judged by); the epoch for position 0, before anything. As-of answers compute what depends on the
 * time (overdue, days to a deadline) at this instant.
 */
export async function instantOf(store: Pick<EventStore, 'readAll'>, position: number): Promise<Date> {
  if (position <= 0) return new Date(0);
  const [e] = await store.readAll({ after: position - 1, maxCount: 1, upcast: false });
  if (!e) throw new RangeError(`no event at log position ${position}`);
  const at = Date.parse(e.metadata.occurredAt ?? e.recordedAt);
  return new Date(Number.isNaN(at) ? Date.parse(e.recordedAt) : at);
}

/** The last log position recorded at or before an instant (positions are gapless and in time order). */
export async function positionAt(store: Pick<EventStore, 'readAll' | 'headPosition'>, at: Date): Promise<number> {
  let lo = 0;
  let hi = await store.headPosition();
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const [e] = await store.readAll({ after: mid - 1, maxCount: 1, upcast: false });
    if (e && Date.parse(e.recordedAt) <= at.getTime()) lo = e.position >= mid ? mid : lo + 1;
    else hi = mid - 1;
  }
  return lo;
}
