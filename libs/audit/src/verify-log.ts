import { chainHash, contentDigest, SqlEventStore, type EventStore, type RecordedEvent } from '@cobuild/event-store';
import { logPages } from './log-pages';

/** what verify needs of an event: its place, its content as stored, and its links */
type ChainedEvent = Pick<RecordedEvent, 'position' | 'streamId' | 'revision' | 'id' | 'type' | 'storedSchemaVersion' | 'data' | 'metadata' | 'prevHash' | 'hash'>;

const PAGE = 2000;

/**
 * The log as verify reads it. On the SQL stores: only the columns the chains need, straight from
 * the table (no recorded-at parsing, no upcasting, no RecordedEvent copies), the next page read
 * while this one is hashed; elsewhere through the port.
 */
async function* chainPages(store: Pick<EventStore, 'readAll' | 'kind' | 'headPosition'>): AsyncGenerator<ChainedEvent[]> {
  if (!(store instanceof SqlEventStore)) {
    yield* logPages(store, { pageSize: PAGE });
    return;
  }
  type Row = { position: string; stream_id: string; revision: string; event_id: string; type: string; schema_version: number; data: unknown; metadata: unknown; prev_hash: string | null; hash: string };
  const columns = `position, stream_id, revision, event_id, type, schema_version, data, metadata, prev_hash, hash`;
  // up to the head: pages are position ranges, so several can be read ahead at once (PostgreSQL
  // serialises them on its own core while this one hashes); past it, whatever is there, by keyset
  const range = (from: number) =>
    store.driver.query<Row>(`SELECT ${columns} FROM ${store.schema}.events WHERE position > $1 AND position <= $2 ORDER BY position`, [from, from + PAGE]);
  const head = await store.headPosition();
  const ahead: Array<Promise<Row[]>> = [];
  let nextFrom = 0;
  const fill = () => {
    while (ahead.length < READ_AHEAD && nextFrom < head) {
      ahead.push(range(nextFrom));
      nextFrom += PAGE;
    }
  };
  fill();
  let last = 0;
  while (ahead.length) {
    const rows = await ahead.shift()!;
    fill();
    if (rows.length) {
      last = Number(rows[rows.length - 1].position);
      yield toChained(rows);
    }
  }
  for (let after = Math.max(last, head); ; ) {
    const rows = await store.driver.query<Row>(`SELECT ${columns} FROM ${store.schema}.events WHERE position > $1 ORDER BY position LIMIT ${PAGE}`, [after]);
    if (rows.length) yield toChained(rows);
    if (rows.length < PAGE) return;
    after = Number(rows[rows.length - 1].position);
  }
}

const READ_AHEAD = 3;

function toChained(rows: Array<{ position: string; stream_id: string; revision: string; event_id: string; type: string; schema_version: number; data: unknown; metadata: unknown; prev_hash: string | null; hash: string }>): ChainedEvent[] {
  const page = new Array<ChainedEvent>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    page[i] = {
      position: Number(r.position), streamId: r.stream_id, revision: Number(r.revision), id: r.event_id, type: r.type,
      storedSchemaVersion: r.schema_version, data: r.data as RecordedEvent['data'], metadata: r.metadata as RecordedEvent['metadata'], prevHash: r.prev_hash, hash: r.hash,
    };
  }
  return page;
}

export type Tampering = 'altered' | 'removed' | 'reordered' | 'inserted';

export interface VerifyFinding {
  kind: Tampering;
  /** the stream, or '$log' for a hole in the global positions */
  streamId: string;
  position: number;
  revision: number | null;
  detail: string;
}

export interface VerifyReport {
  events: number;
  streams: number;
  headPosition: number;
  /** the first problem of each stream (and of the global log), in log order */
  findings: VerifyFinding[];
  ok: boolean;
}

interface StreamCursor {
  nextRevision: number;
  lastHash: string | null;
  broken: boolean;
  /** a revision skipped at this point: removed, unless it turns up later (then reordered) */
  pending?: { missing: number; finding: VerifyFinding };
}

/**
 * Walks the whole log in position order and re-computes every stream's hash chain (see
 * docs/event-store.md): an event whose content no longer matches its hash was altered; a revision
 * that skips was removed; one that goes back was reordered; a duplicate revision or a chain that
 * does not link was inserted. Positions of the SQL stores are gapless, so a hole in them is a
 * removal too. Reports the first finding per stream.
 */
export async function verifyLog(
  store: Pick<EventStore, 'readAll' | 'kind' | 'headPosition'>,
  options: { onProgress?: (position: number, events: number) => void; gaplessPositions?: boolean } = {},
): Promise<VerifyReport> {
  const gapless = options.gaplessPositions ?? store.kind !== 'kurrentdb';
  const streams = new Map<string, StreamCursor>();
  const findings: VerifyFinding[] = [];
  let events = 0;
  let lastPosition = 0;
  let logBroken = false;
  for await (const page of chainPages(store)) {
    for (const e of page) {
      events++;
      if (gapless && !logBroken && e.position !== lastPosition + 1) {
        logBroken = true;
        findings.push({
          kind: e.position > lastPosition + 1 ? 'removed' : 'reordered',
          streamId: '$log',
          position: e.position,
          revision: null,
          detail: `global position ${lastPosition + 1} expected, found ${e.position}`,
        });
      }
      lastPosition = e.position;
      const cursor = streams.get(e.streamId) ?? { nextRevision: 0, lastHash: null, broken: false };
      streams.set(e.streamId, cursor);
      if (cursor.pending && e.revision === cursor.pending.missing) {
        findings.push({ ...cursor.pending.finding, kind: 'reordered', detail: `revision ${e.revision} comes later in the log than revision ${cursor.pending.finding.revision}` });
        cursor.pending = undefined;
      }
      if (!cursor.broken) {
        const finding = check(e, cursor);
        if (finding) {
          cursor.broken = true;
          if (finding.kind === 'removed') cursor.pending = { missing: cursor.nextRevision, finding };
          else findings.push(finding);
        }
      }
      cursor.nextRevision = e.revision + 1;
      cursor.lastHash = e.hash;
    }
    options.onProgress?.(lastPosition, events);
  }
  for (const cursor of streams.values()) if (cursor.pending) findings.push(cursor.pending.finding);
  findings.sort((a, b) => a.position - b.position);
  return { events, streams: streams.size, headPosition: lastPosition, findings, ok: findings.length === 0 };
}

function check(e: ChainedEvent, c: StreamCursor): VerifyFinding | null {
  const at = { streamId: e.streamId, position: e.position, revision: e.revision };
  if (e.revision > c.nextRevision)
    return { kind: 'removed', ...at, detail: `revision ${c.nextRevision} expected, found ${e.revision}: ${e.revision - c.nextRevision} event(s) missing` };
  if (e.revision < c.nextRevision)
    return e.revision === c.nextRevision - 1
      ? { kind: 'inserted', ...at, detail: `revision ${e.revision} appears twice` }
      : { kind: 'reordered', ...at, detail: `revision ${e.revision} comes after revision ${c.nextRevision - 1}` };
  if ((e.prevHash ?? null) !== c.lastHash)
    return { kind: 'inserted', ...at, detail: 'does not link to the previous event of its stream (prevHash differs)' };
  const expected = chainHash(c.lastHash, e.streamId, e.revision, contentDigest({ id: e.id, type: e.type, schemaVersion: e.storedSchemaVersion, data: e.data, metadata: e.metadata }));
  if (expected !== e.hash) return { kind: 'altered', ...at, detail: 'its content no longer matches its hash' };
  return null;
}
