import { invalid, notFound } from '@cobuild/domain';
import type { EventStore } from '@cobuild/event-store';
import { instantOf, positionAt } from '@cobuild/projections';

/** A moment of the log as an auditor names it: a log position, or an instant with its UTC offset. */
export type Moment = { position: number } | { time: Date };

/** what a resolved moment is: the last log position at or before it, and the instant asked for (or when the event at that position occurred: `instantOf`) */
export interface ResolvedMoment {
  position: number;
  at: string | null;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Parses `1234` (a log position) or `2026-06-30T00:00+08:00` (an instant; the offset or `Z` is
 * required, so the same text means the same moment wherever it is run). Bad text is an `invalid`
 * error naming the field.
 */
export function parseMoment(text: string, field: string): Moment {
  const t = text.trim();
  if (/^\d+$/.test(t)) {
    const position = Number(t);
    if (!Number.isSafeInteger(position)) throw invalid('AUDIT.BAD_MOMENT', `${field}: ${t} is not a log position`, { field });
    return { position };
  }
  const ms = INSTANT.test(t) && realDate(t) ? Date.parse(t) : NaN;
  if (Number.isNaN(ms))
    throw invalid('AUDIT.BAD_MOMENT', `${field}: "${text}" is neither a log position nor an instant with its offset (e.g. 2026-06-30T00:00+08:00)`, { field });
  return { time: new Date(ms) };
}

/** the calendar date and clock time exist (Date.parse rolls 2026-02-30 over to March) */
function realDate(t: string): boolean {
  const [y, m, d, hh, mm, ss] = [t.slice(0, 4), t.slice(5, 7), t.slice(8, 10), t.slice(11, 13), t.slice(14, 16), t.length > 17 && t[16] === ':' ? t.slice(17, 19) : '0'].map(Number);
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate() && hh <= 23 && mm <= 59 && ss <= 59;
}

/** The log position a moment stands for; refuses a position past the head and an instant in the future. */
export async function resolveMoment(store: Pick<EventStore, 'readAll' | 'headPosition'>, moment: Moment, field: string, now = new Date()): Promise<ResolvedMoment> {
  if ('position' in moment) {
    const head = await store.headPosition();
    if (moment.position > head) throw invalid('AUDIT.BAD_MOMENT', `${field}: position ${moment.position} is past the end of the log (head ${head})`, { field });
    if (moment.position === 0) return { position: 0, at: null };
    return { position: moment.position, at: (await instantOf(store, moment.position)).toISOString() };
  }
  if (moment.time.getTime() > now.getTime()) throw invalid('AUDIT.BAD_MOMENT', `${field}: ${moment.time.toISOString()} is in the future`, { field });
  return { position: await positionAt(store, moment.time), at: moment.time.toISOString() };
}

/** Refuses a community the log has never heard of (no event carries its id). */
export async function requireKnownCommunity(store: Pick<EventStore, 'readAll'>, communityId: string): Promise<void> {
  const [e] = await store.readAll({ after: 0, maxCount: 1, filter: { communityId }, upcast: false });
  if (!e) throw notFound('AUDIT.COMMUNITY_NOT_FOUND', `no community ${communityId} in the log`, { field: 'community' });
}
