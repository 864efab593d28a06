import { EventTooLargeError, InvalidAppendError } from './errors';
import type { ExpectedRevision, NewEvent } from './event-store.port';

export const DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;
export const MAX_STREAM_ID_LENGTH = 200;
export const MAX_EVENTS_PER_APPEND = 10_000;
// any text without white space or control characters, not starting with '$' (KurrentDB's system streams)
const STREAM_ID = /^[^\s$\p{Cc}][^\s\p{Cc}]*$/u;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.:-]{0,199}$/;
// PostgreSQL's json(b) refuses these (\ud800 alone is no character); KurrentDB would store U+FFFD instead
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function validateStreamId(streamId: unknown): asserts streamId is string {
  if (typeof streamId !== 'string' || streamId.length === 0)
    throw new InvalidAppendError('streamId', 'required', 'Stream id must be a non-empty string');
  if (streamId.length > MAX_STREAM_ID_LENGTH)
    throw new InvalidAppendError('streamId', 'maxLength', `Stream id is longer than ${MAX_STREAM_ID_LENGTH} characters`);
  if (!STREAM_ID.test(streamId))
    throw new InvalidAppendError(
      'streamId',
      'pattern',
      `Stream id "${streamId}" must not contain white space or control characters, nor start with '$'`,
    );
}

export function validateExpectedRevision(expected: unknown): asserts expected is ExpectedRevision {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return;
  throw new InvalidAppendError(
    'expectedRevision',
    'revision',
    `Expected revision must be 'any', 'no_stream', 'stream_exists' or a whole number >= 0, got ${String(expected)}`,
  );
}

/** Checks that a value is plain JSON that PostgreSQL jsonb and KurrentDB store unchanged. */
export function assertJson(value: unknown, field: string, depth = 0): void {
  if (depth > 64) throw new InvalidAppendError(field, 'json', `${field} is nested deeper than 64 levels`);
  if (value === null || typeof value === 'boolean') return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) throw new InvalidAppendError(field, 'json', `${field} contains a NUL character`);
    if (LONE_SURROGATE.test(value)) throw new InvalidAppendError(field, 'json', `${field} contains a lone UTF-16 surrogate (not valid Unicode text)`);
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidAppendError(field, 'json', `${field} is not a finite number`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertJson(v, `${field}[${i}]`, depth + 1));
    return;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null)
      throw new InvalidAppendError(field, 'json', `${field} is a ${proto?.constructor?.name ?? 'non-plain'} object, not JSON`);
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) throw new InvalidAppendError(field, 'json', `${field} has a key with a NUL character`);
      if (LONE_SURROGATE.test(k)) throw new InvalidAppendError(field, 'json', `${field} has a key with a lone UTF-16 surrogate`);
      if (v === undefined) throw new InvalidAppendError(`${field}.${k}`, 'json', `${field}.${k} is undefined, not JSON`);
      assertJson(v, `${field}.${k}`, depth + 1);
    }
    return;
  }
  throw new InvalidAppendError(field, 'json', `${field} is a ${typeof value}, not JSON`);
}

/** Validates one append call; returns each event's serialised size. Throws before anything is written. */
export function validateAppend(
  streamId: unknown,
  events: unknown,
  expected: unknown,
  maxEventBytes: number,
  /** false: the caller checks each event's size itself, on the JSON text it serialises anyway */
  checkSize = true,
): void {
  validateStreamId(streamId);
  validateExpectedRevision(expected);
  if (!Array.isArray(events) || events.length === 0)
    throw new InvalidAppendError('events', 'required', 'An append needs at least one event');
  if (events.length > MAX_EVENTS_PER_APPEND)
    throw new InvalidAppendError('events', 'maxItems', `An append takes at most ${MAX_EVENTS_PER_APPEND} events`);
  const seen = new Set<string>();
  events.forEach((e: NewEvent, i) => {
    const at = `events[${i}]`;
    if (e === null || typeof e !== 'object') throw new InvalidAppendError(at, 'object', `${at} is not an event`);
    if (typeof e.id !== 'string' || !UUID.test(e.id))
      throw new InvalidAppendError(`${at}.id`, 'uuid', `${at}.id must be a UUID`);
    if (seen.has(e.id.toLowerCase()))
      throw new InvalidAppendError(`${at}.id`, 'unique', `${at}.id ${e.id} appears twice in one append`);
    seen.add(e.id.toLowerCase());
    if (typeof e.type !== 'string' || !EVENT_TYPE.test(e.type))
      throw new InvalidAppendError(`${at}.type`, 'pattern', `${at}.type must be a name of letters, digits and _ . : - (max 200)`);
    if (!Number.isSafeInteger(e.schemaVersion) || e.schemaVersion < 1)
      throw new InvalidAppendError(`${at}.schemaVersion`, 'min', `${at}.schemaVersion must be a whole number >= 1`);
    if (e.data === null || typeof e.data !== 'object' || Array.isArray(e.data))
      throw new InvalidAppendError(`${at}.data`, 'object', `${at}.data must be a JSON object`);
    assertJson(e.data, `${at}.data`);
    validateMetadata(e.metadata, `${at}.metadata`);
    if (checkSize) assertEventSize(e.id, Buffer.byteLength(JSON.stringify(e.data)) + Buffer.byteLength(JSON.stringify(e.metadata)), maxEventBytes);
  });
}

/** an event's serialised size (data + metadata JSON, UTF-8 bytes) against the limit */
export function assertEventSize(id: string, size: number, maxEventBytes: number): void {
  if (size > maxEventBytes) throw new EventTooLargeError(id, size, maxEventBytes);
}

function validateMetadata(m: unknown, at: string): void {
  if (m === null || typeof m !== 'object' || Array.isArray(m))
    throw new InvalidAppendError(at, 'object', `${at} must be an object`);
  assertJson(m, at);
  const md = m as Record<string, unknown>;
  const actor = md.actor as Record<string, unknown> | undefined;
  if (!actor || typeof actor.id !== 'string' || !actor.id || typeof actor.role !== 'string' || !actor.role)
    throw new InvalidAppendError(`${at}.actor`, 'required', `${at}.actor needs a non-empty id and role`);
  if (md.communityId !== null && (typeof md.communityId !== 'string' || md.communityId === ''))
    throw new InvalidAppendError(`${at}.communityId`, 'required', `${at}.communityId must be a non-empty string or null`);
  if (typeof md.correlationId !== 'string' || !md.correlationId)
    throw new InvalidAppendError(`${at}.correlationId`, 'required', `${at}.correlationId is required`);
  for (const k of ['causationId', 'idempotencyKey'] as const)
    if (md[k] !== null && typeof md[k] !== 'string')
      throw new InvalidAppendError(`${at}.${k}`, 'string', `${at}.${k} must be a string or null`);
  if (typeof md.occurredAt !== 'string' || Number.isNaN(Date.parse(md.occurredAt)))
    throw new InvalidAppendError(`${at}.occurredAt`, 'datetime', `${at}.occurredAt must be an ISO-8601 instant`);
}

/** Validates a multi-stream append: at least one stream, each valid on its own, no stream twice, no event id twice. */
export function validateMultiAppend(appends: unknown, maxEventBytes: number): void {
  if (!Array.isArray(appends) || appends.length === 0)
    throw new InvalidAppendError('appends', 'required', 'A multi-stream append needs at least one stream');
  const streams = new Set<string>();
  const ids = new Set<string>();
  let total = 0;
  appends.forEach((a: { streamId: unknown; events: unknown; expectedRevision: unknown }, i) => {
    if (a === null || typeof a !== 'object') throw new InvalidAppendError(`appends[${i}]`, 'object', `appends[${i}] is not a stream append`);
    validateAppend(a.streamId, a.events, a.expectedRevision, maxEventBytes);
    const streamId = a.streamId as string;
    if (streams.has(streamId))
      throw new InvalidAppendError(`appends[${i}].streamId`, 'unique', `Stream ${streamId} appears twice in one multi-stream append`);
    streams.add(streamId);
    for (const e of a.events as NewEvent[]) {
      const id = e.id.toLowerCase();
      if (ids.has(id)) throw new InvalidAppendError(`appends[${i}].events`, 'unique', `Event id ${e.id} appears twice in one multi-stream append`);
      ids.add(id);
    }
    total += (a.events as NewEvent[]).length;
  });
  if (total > MAX_EVENTS_PER_APPEND)
    throw new InvalidAppendError('appends', 'maxItems', `A multi-stream append takes at most ${MAX_EVENTS_PER_APPEND} events`);
}
