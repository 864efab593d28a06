import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@cobuild/event-store';
import type { DocumentProjection } from '../runtime/document-projection';

/** Test fixture: events as the projector sees them, and a fold of them in memory. */
export class EventLog {
  readonly events: RecordedEvent[] = [];

  add(streamId: string, type: string, data: Record<string, unknown>, occurredAt = '2026-06-01T02:00:00.000Z', actor = { id: 'sec-1', role: 'community_secretary' }): RecordedEvent {
    const position = this.events.length + 1;
    const e: RecordedEvent = {
      id: randomUUID(),
      type,
      schemaVersion: 1,
      data,
      metadata: { actor, communityId: typeof data.communityId === 'string' ? data.communityId : null, correlationId: 'c', causationId: null, idempotencyKey: null, occurredAt },
      streamId,
      revision: 0,
      position,
      storedSchemaVersion: 1,
      recordedAt: occurredAt,
      hash: '',
      prevHash: null,
    };
    this.events.push(e);
    return e;
  }

  fold<D>(p: DocumentProjection<D>): Map<string, D> {
    const docs = new Map<string, D | null>();
    for (const e of this.events) {
      if (!p.categories.includes(e.streamId.slice(0, e.streamId.indexOf('-')))) continue;
      for (const key of p.keysOf(e)) docs.set(key, p.evolve(docs.get(key) ?? null, e, key));
    }
    return new Map([...docs].filter((x): x is [string, D] => x[1] !== null));
  }
}
