import { ConcurrencyError, DuplicateEventIdError } from '../errors';
import { categoryOf, type ExpectedRevision, type MultiStreamAppendResult, type StreamAppend } from '../event-store.port';
import { chainHash, contentDigest } from '../hashing';
import type { SqlDriver, SqlTx } from './sql-driver';

interface Head {
  revision: number;
  hash: string;
}

/**
 * A multi-stream append in ONE transaction on the SQL stores (PostgreSQL and the embedded PGlite):
 * every stream is checked before anything is written, and a refusal or a crash leaves nothing
 * behind (the transaction rolls back, or never commits).
 *
 * The same rules as `append_batch` (migration 1), which it shares the tables and locks with:
 * - one writer per stream: the stream's transaction-scoped advisory lock (the same key), taken in
 *   stream-id order — the order `append_batch` takes them in — so the two cannot deadlock;
 * - the hash chain continues from each stream's head (computed here, under the lock);
 * - an event id already recorded: all of them, each in its own stream, is an idempotent retry
 *   (the originals are answered, nothing is written); only some, or in another stream, is refused;
 * - positions are taken last from the one-row `log_head` (row lock held to commit), so they stay
 *   gapless and commit-ordered; this append's events get consecutive positions in the order given.
 *
 * Returns the heads it wrote, so the caller can keep its hints.
 */
export async function appendToStreamsInOneTransaction(
  driver: SqlDriver,
  schema: string,
  appends: StreamAppend[],
): Promise<{ result: MultiStreamAppendResult; heads: Array<{ streamId: string } & Head> }> {
  const streamIds = appends.map((a) => a.streamId);
  const ids = appends.flatMap((a) => a.events.map((e) => e.id.toLowerCase()));
  return driver.transaction(async (tx) => {
    for (const streamId of [...streamIds].sort(byCodeUnit))
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [streamId]);
    const heads = await readHeads(tx, schema, streamIds);

    const existing = await tx.query<{ event_id: string; stream_id: string; position: string; revision: string }>(
      `SELECT event_id::text AS event_id, stream_id, position, revision FROM ${schema}.events WHERE event_id = ANY ($1::uuid[])`,
      [ids],
    );
    if (existing.length > 0) return { result: idempotentResult(appends, existing), heads: [] };

    for (const a of [...appends].sort((x, y) => byCodeUnit(x.streamId, y.streamId))) {
      const current = heads.get(a.streamId)?.revision ?? -1;
      if (!matches(a.expectedRevision, current)) throw new ConcurrencyError(a.streamId, a.expectedRevision, current);
    }

    const total = ids.length;
    const [{ first }] = await tx.query<{ first: string }>(
      `UPDATE ${schema}.log_head SET position = position + $1 RETURNING position - $1 + 1 AS first`,
      [total],
    );
    let position = Number(first);
    const rows: Record<string, unknown>[] = [];
    const streams: MultiStreamAppendResult['streams'] = [];
    const written: Array<{ streamId: string } & Head> = [];
    for (const a of appends) {
      const head = heads.get(a.streamId) ?? { revision: -1, hash: '' };
      let prev = head.hash;
      const positions: number[] = [];
      a.events.forEach((e, i) => {
        const revision = head.revision + 1 + i;
        const hash = chainHash(prev || null, a.streamId, revision, contentDigest(e));
        rows.push({
          position,
          stream_id: a.streamId,
          revision,
          event_id: e.id.toLowerCase(),
          type: e.type,
          schema_version: e.schemaVersion,
          data: e.data,
          metadata: e.metadata,
          category: categoryOf(a.streamId),
          community_id: e.metadata.communityId ?? null,
          prev_hash: prev || null,
          hash,
        });
        positions.push(position++);
        prev = hash;
      });
      streams.push({ streamId: a.streamId, nextRevision: head.revision + a.events.length, positions });
      written.push({ streamId: a.streamId, revision: head.revision + a.events.length, hash: prev });
    }
    await tx.query(
      `INSERT INTO ${schema}.events (position, stream_id, revision, event_id, type, schema_version, data, metadata,
                                     category, community_id, prev_hash, hash)
       SELECT r.position, r.stream_id, r.revision, r.event_id, r.type, r.schema_version, r.data, r.metadata,
              r.category, r.community_id, r.prev_hash, r.hash
         FROM jsonb_to_recordset($1::jsonb) AS r(position bigint, stream_id text, revision bigint, event_id uuid, type text,
              schema_version integer, data jsonb, metadata jsonb, category text, community_id text, prev_hash text, hash text)
        ORDER BY r.position`,
      [JSON.stringify(rows)],
    );
    await tx.query(`SELECT pg_notify($1, $2)`, [`${schema}_events`, String(position - 1)]);
    return { result: { streams, position: position - 1, idempotent: false }, heads: written };
  });
}

async function readHeads(tx: SqlTx, schema: string, streamIds: string[]): Promise<Map<string, Head>> {
  const rows = await tx.query<{ stream_id: string; revision: string; hash: string }>(
    `SELECT h.stream_id, h.revision, h.hash FROM unnest($1::text[]) AS s(id)
       CROSS JOIN LATERAL (SELECT ev.stream_id, ev.revision, ev.hash FROM ${schema}.events ev
                            WHERE ev.stream_id = s.id ORDER BY ev.revision DESC LIMIT 1) h`,
    [streamIds],
  );
  return new Map(rows.map((r) => [r.stream_id, { revision: Number(r.revision), hash: r.hash }]));
}

/** every id recorded, each in the stream it was given for: the originals; anything else is refused */
function idempotentResult(
  appends: StreamAppend[],
  existing: Array<{ event_id: string; stream_id: string; position: string; revision: string }>,
): MultiStreamAppendResult {
  const byId = new Map(existing.map((r) => [r.event_id, r]));
  const all = appends.every((a) => a.events.every((e) => byId.get(e.id.toLowerCase())?.stream_id === a.streamId));
  if (!all)
    throw new DuplicateEventIdError(
      existing.map((r) => r.event_id),
      'Some of these event ids are already recorded (in this or another stream); nothing was written',
    );
  const streams = appends.map((a) => {
    const originals = a.events.map((e) => byId.get(e.id.toLowerCase())!);
    return { streamId: a.streamId, nextRevision: Math.max(...originals.map((r) => Number(r.revision))), positions: originals.map((r) => Number(r.position)) };
  });
  return { streams, position: Math.max(...streams.flatMap((s) => s.positions)), idempotent: true };
}

function matches(expected: ExpectedRevision, current: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === -1;
  if (expected === 'stream_exists') return current >= 0;
  return expected === current;
}

/** the order `append_batch` sorts streams in (JavaScript's < on strings) */
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
