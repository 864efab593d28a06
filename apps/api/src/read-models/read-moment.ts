import { BadRequestException } from '@nestjs/common';
import type { EventStore } from '@cobuild/event-store';

/** When a read model is asked for: live (now), or as of a position or an instant of the log. */
export interface ReadMoment {
  at: { position?: number; time?: Date } | null;
  /** the instant "now" means for values computed at query time (days to a deadline) */
  now: Date;
}

/** Resolves `asOfPosition` / `asOf`, refusing both together, a position past the head and an instant in the future. */
export async function resolveMoment(store: Pick<EventStore, 'headPosition' | 'readAll'>, now: Date, q: { asOfPosition?: number; asOf?: string }): Promise<ReadMoment> {
  if (q.asOfPosition !== undefined && q.asOf !== undefined) throw badQuery('asOf', 'exclusive', 'give asOfPosition or asOf, not both');
  if (q.asOfPosition !== undefined) {
    const head = await store.headPosition();
    if (q.asOfPosition > head) throw badQuery('asOfPosition', 'max', `asOfPosition must not be past the log's head (${head})`);
    return { at: { position: q.asOfPosition }, now: await recordedAt(store, q.asOfPosition, now) };
  }
  if (q.asOf !== undefined) {
    const time = new Date(q.asOf);
    if (time.getTime() > now.getTime()) throw badQuery('asOf', 'max', 'asOf must not be in the future');
    return { at: { time }, now: time };
  }
  return { at: null, now };
}

/** when the event at a position was recorded (the epoch for position 0, before anything) */
async function recordedAt(store: Pick<EventStore, 'readAll'>, position: number, fallback: Date): Promise<Date> {
  if (position === 0) return new Date(0);
  const [e] = await store.readAll({ after: position - 1, maxCount: 1, upcast: false });
  return e ? new Date(e.recordedAt) : fallback;
}

export const badQuery = (field: string, rule: string, message: string) =>
  new BadRequestException({ code: 'VALIDATION.FAILED', detail: `${field}: ${message}`, errors: [{ field, rule, message }] });
