import { chainHash, contentDigest, type EventStore, type RecordedEvent } from '@cobuild/event-store';
import { logPages } from './log-pages';

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
  store: Pick<EventStore, 'readAll' | 'kind'>,
  options: { onProgress?: (position: number, events: number) => void; gaplessPositions?: boolean } = {},
): Promise<VerifyReport> {
  const gapless = options.gaplessPositions ?? store.kind !== 'kurrentdb';
  const streams = new Map<string, StreamCursor>();
  const findings: VerifyFinding[] = [];
  let events = 0;
  let lastPosition = 0;
  let logBroken = false;
  for await (const page of logPages(store)) {
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

function check(e: RecordedEvent, c: StreamCursor): VerifyFinding | null {
  const at = { streamId: e.streamId, position: e.position, revision: e.revision };
  if (e.revision > c.nextRevision)
    return { kind: 'removed', ...at, detail: `revision ${c.nextRevision} expected, found ${e.revision}: ${e.revision - c.nextRevision} event(s) missing` };
  if (e.revision < c.nextRevision)
    return e.revision === c.nextRevision - 1
      ? { kind: 'inserted', ...at, detail: `revision ${e.revision} appears twice` }
      : { kind: 'reordered', ...at, detail: `revision ${e.revision} comes after revision ${c.nextRevision - 1}` };
  if ((e.prevHash ?? null) !== c.lastHash)
    return { kind: 'inserted', ...at, detail: 'does not link to the previous event of its stream (prevHash differs)' };
  const expected = chainHash(c.lastHash, e.streamId, e.revision, contentDigest({ ...e, schemaVersion: e.storedSchemaVersion }));
  if (expected !== e.hash) return { kind: 'altered', ...at, detail: 'its content no longer matches its hash' };
  return null;
}
