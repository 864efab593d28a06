import { BadRequestException } from '@nestjs/common';
import type { EventStore } from '@cobuild/event-store';
import { instantOf } from '@cobuild/projections';

/** When a read model is asked for: live (now), or as of a position or an instant of the log. */
export interface ReadMoment {
  at: { position?: number; time?: Date } | null;
  /**
   * the instant everything that depends on the time (overdue, days to a deadline) is computed at:
   * now for a live read, the instant asked (`asOf`), or when the event at `asOfPosition` occurred
   */
  now: Date;
}

/** Resolves `asOfPosition` / `asOf`, refusing both together, a position past the head and an instant in the future. */
export async function resolveMoment(store: Pick<EventStore, 'headPosition' | 'readAll'>, now: Date, q: { asOfPosition?: number; asOf?: string }): Promise<ReadMoment> {
  if (q.asOfPosition !== undefined && q.asOf !== undefined) throw badQuery('asOf', 'exclusive', 'give asOfPosition or asOf, not both');
  if (q.asOfPosition !== undefined) {
    const head = await store.headPosition();
    if (q.asOfPosition > head) throw badQuery('asOfPosition', 'max', `asOfPosition must not be past the log's head (${head})`);
    return { at: { position: q.asOfPosition }, now: await instantOf(store, q.asOfPosition) };
  }
  if (q.asOf !== undefined) {
    const time = new Date(q.asOf);
    if (time.getTime() > now.getTime()) throw badQuery('asOf', 'max', 'asOf must not be in the future');
    return { at: { time }, now: time };
  }
  return { at: null, now };
}

export const badQuery = (field: string, rule: string, message: string) =>
  new BadRequestException({ code: 'VALIDATION.FAILED', detail: `${field}: ${message}`, errors: [{ field, rule, message }] });
