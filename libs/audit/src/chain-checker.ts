import type { RecordedEvent } from '@cobuild/event-store';
import { storedHashHolds } from './stored-hash';

export type Tampering = 'altered' | 'removed' | 'reordered' | 'inserted';

export interface VerifyFinding {
  kind: Tampering;
  /** the stream, or '$log' for a hole in the global positions */
  streamId: string;
  position: number;
  revision: number | null;
  detail: string;
}

/** what verify needs of an event: its place, its content as stored, and its links */
export type ChainedEvent = Pick<RecordedEvent, 'position' | 'streamId' | 'revision' | 'id' | 'type' | 'storedSchemaVersion' | 'data' | 'metadata' | 'prevHash' | 'hash'>;

interface StreamCursor {
  nextRevision: number;
  lastHash: string | null;
  broken: boolean;
  /** a revision skipped at this point: removed, unless it turns up later (then reordered) */
  pending?: { missing: number; finding: VerifyFinding };
}

/**
 * Re-computes the hash chains of the events fed to it in log order (see docs/audit.md): an event
 * whose content no longer matches its hash was altered; a revision that skips was removed; one
 * that goes back was reordered; a duplicate revision or a chain that does not link was inserted.
 * With `gapless`, a hole in the global positions is a removal too. Keeps the first finding per stream.
 */
export class ChainChecker {
  private readonly streams = new Map<string, StreamCursor>();
  private readonly findings: VerifyFinding[] = [];
  events = 0;
  lastPosition = 0;
  private logBroken = false;

  constructor(private readonly gapless: boolean) {}

  /** `hashMatches`: the event's hash already re-computed elsewhere (a digest worker), from its content and its stored prevHash */
  feed(e: ChainedEvent, hashMatches?: boolean): void {
    this.events++;
    if (this.gapless && !this.logBroken && e.position !== this.lastPosition + 1) {
      this.logBroken = true;
      this.findings.push({
        kind: e.position > this.lastPosition + 1 ? 'removed' : 'reordered',
        streamId: '$log',
        position: e.position,
        revision: null,
        detail: `global position ${this.lastPosition + 1} expected, found ${e.position}`,
      });
    }
    this.lastPosition = e.position;
    let cursor = this.streams.get(e.streamId);
    if (!cursor) {
      cursor = { nextRevision: 0, lastHash: null, broken: false };
      this.streams.set(e.streamId, cursor);
    }
    if (cursor.pending && e.revision === cursor.pending.missing) {
      this.findings.push({ ...cursor.pending.finding, kind: 'reordered', detail: `revision ${e.revision} comes later in the log than revision ${cursor.pending.finding.revision}` });
      cursor.pending = undefined;
    }
    if (!cursor.broken) {
      const finding = check(e, cursor, hashMatches);
      if (finding) {
        cursor.broken = true;
        if (finding.kind === 'removed') cursor.pending = { missing: cursor.nextRevision, finding };
        else this.findings.push(finding);
      }
    }
    cursor.nextRevision = e.revision + 1;
    cursor.lastHash = e.hash;
  }

  finish(): { events: number; streams: number; lastPosition: number; findings: VerifyFinding[] } {
    const findings = [...this.findings];
    for (const cursor of this.streams.values()) if (cursor.pending) findings.push(cursor.pending.finding);
    return { events: this.events, streams: this.streams.size, lastPosition: this.lastPosition, findings };
  }
}

function check(e: ChainedEvent, c: StreamCursor, hashMatches?: boolean): VerifyFinding | null {
  const at = { streamId: e.streamId, position: e.position, revision: e.revision };
  if (e.revision > c.nextRevision)
    return { kind: 'removed', ...at, detail: `revision ${c.nextRevision} expected, found ${e.revision}: ${e.revision - c.nextRevision} event(s) missing` };
  if (e.revision < c.nextRevision)
    return e.revision === c.nextRevision - 1
      ? { kind: 'inserted', ...at, detail: `revision ${e.revision} appears twice` }
      : { kind: 'reordered', ...at, detail: `revision ${e.revision} comes after revision ${c.nextRevision - 1}` };
  if ((e.prevHash ?? null) !== c.lastHash)
    return { kind: 'inserted', ...at, detail: 'does not link to the previous event of its stream (prevHash differs)' };
  // past the link check the stored prevHash is the previous event's hash, so a worker's verdict is the same test
  if (!(hashMatches ?? storedHashHolds(e))) return { kind: 'altered', ...at, detail: 'its content no longer matches its hash' };
  return null;
}
