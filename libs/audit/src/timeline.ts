import type { RecordedEvent } from '@cobuild/event-store';

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
  hash: e.hash,
});
