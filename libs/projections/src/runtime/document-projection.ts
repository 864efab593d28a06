import type { ProjectionEvent } from '@cobuild/event-store';

/**
 * A read model as a fold over documents: every event touches zero or more documents (by key),
 * and `evolve` gives each its next state. The same pure functions feed the live SQL read models
 * (one row per document) and the as-of views (folded in memory from one community's events).
 */
export interface DocumentProjection<D = Record<string, unknown>> {
  /** table-like name, e.g. 'needs' */
  readonly name: string;
  /** bump it when evolve or the document shape changes: the projector rebuilds it beside the old one, then swaps */
  readonly version: number;
  /** stream categories it reads (the projector's filter) */
  readonly categories: readonly string[];
  /** the documents an event touches */
  keysOf(event: ProjectionEvent): string[];
  /**
   * the next state of one document; null removes it. It may change `doc` in place and return it:
   * the caller owns it (the projector hands each batch a fresh copy of every document it touches)
   */
  evolve(doc: D | null, event: ProjectionEvent, key: string): D | null;
  /** how the document is found and ordered in lists */
  index(doc: D): DocumentIndex;
}

export interface DocumentIndex {
  communityId: string | null;
  /** filterable state, e.g. the need's status */
  status: string | null;
  /** sort keys, compared as text (pad numbers) */
  sort: [string, string];
}

export interface StoredDocument<D = Record<string, unknown>> {
  key: string;
  communityId: string | null;
  status: string | null;
  sort: [string, string];
  doc: D;
}

export interface ListQuery {
  communityId?: string;
  status?: string[];
  /** ascending by the index's sort keys unless 'desc' */
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

export interface ListPage<D> {
  items: D[];
  total: number;
  /** documents per status within the community (before the status filter) */
  counts: Record<string, number>;
}

/** The same list semantics in memory (as-of views) as in SQL (live views). */
export function queryDocuments<D>(docs: Iterable<StoredDocument<D>>, q: ListQuery): ListPage<D> {
  const inCommunity = [...docs].filter((d) => q.communityId === undefined || d.communityId === q.communityId);
  const counts: Record<string, number> = {};
  for (const d of inCommunity) if (d.status !== null) counts[d.status] = (counts[d.status] ?? 0) + 1;
  const filtered = inCommunity.filter((d) => !q.status?.length || (d.status !== null && q.status.includes(d.status)));
  const sign = q.order === 'desc' ? -1 : 1;
  filtered.sort((a, b) => sign * (cmp(a.sort[0], b.sort[0]) || cmp(a.sort[1], b.sort[1]) || cmp(a.key, b.key)));
  const offset = q.offset ?? 0;
  return { items: filtered.slice(offset, offset + (q.limit ?? 50)).map((d) => d.doc), total: filtered.length, counts };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A document changed in place (evolve owns the document it is handed), stamped with the position
 * of the event that changed it: no copy of the whole row per event.
 */
export function changed<D extends { position: number }>(doc: D, position: number, changes: Partial<D>): D {
  Object.assign(doc, changes);
  doc.position = position;
  return doc;
}

/** Zero-padded text for numeric sort keys (positions, epoch ms). */
export const sortNumber = (n: number) => String(Math.max(0, Math.floor(n))).padStart(16, '0');
