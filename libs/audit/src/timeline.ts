import type { EventStore, RecordedEvent } from '@cobuild/event-store';
import { logPages } from './log-pages';

/** One line of an entity's history: who (person, role), when, why, and from which request. */
export interface TimelineEntry {
  position: number;
  at: string;
  streamId: string;
  revision: number;
  type: string;
  actor: { id: string; role: string };
  reason: string | null;
  requestId: string | null;
  correlationId: string;
  /** the community the event belongs to (null for district- or street-level things) */
  communityId: string | null;
  hash: string;
}

export const timelineEntry = (e: RecordedEvent): TimelineEntry => ({
  position: e.position,
  at: e.metadata.occurredAt,
  streamId: e.streamId,
  revision: e.revision,
  type: e.type,
  actor: e.metadata.actor,
  reason: typeof e.data.reason === 'string' ? e.data.reason : null,
  requestId: (e.metadata.requestId as string | null | undefined) ?? null,
  correlationId: e.metadata.correlationId,
  communityId: (e.metadata.communityId as string | null | undefined) ?? null,
  hash: e.hash,
});

/** whether an event's data names the unit: any `…unitId` field (unitId, requestingUnitId, homeUnitId, chairUnitId, …) or a `unitIds` list */
export function mentionsUnit(value: unknown, unitId: string): boolean {
  if (Array.isArray(value)) return value.some((v) => mentionsUnit(v, unitId));
  if (typeof value !== 'object' || value === null) return false;
  for (const [k, v] of Object.entries(value)) {
    if (/unitid$/i.test(k) && v === unitId) return true;
    if (/unitids$/i.test(k) && Array.isArray(v) && v.includes(unitId)) return true;
    if (typeof v === 'object' && v !== null && mentionsUnit(v, unitId)) return true;
  }
  return false;
}

/**
 * A stationed unit's history across its streams: every event that names the unit (its
 * registrations, pledges, tasks it answers for, pairings, meetings it chaired, evaluations), and
 * from then on every event of those streams (a task's acceptance, progress and verification do not
 * repeat the unit's id). Walks the whole log page by page.
 */
export async function unitTimeline(store: Pick<EventStore, 'readAll'>, unitId: string): Promise<TimelineEntry[]> {
  const streams = new Set<string>();
  const out: TimelineEntry[] = [];
  for await (const page of logPages(store))
    for (const e of page)
      if (streams.has(e.streamId) || mentionsUnit(e.data, unitId)) {
        streams.add(e.streamId);
        out.push(timelineEntry(e));
      }
  return out;
}
