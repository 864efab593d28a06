import { SqlEventStore, type EventStore } from '@cobuild/event-store';
import { ChainChecker, type VerifyFinding } from './chain-checker';
import { chainPages } from './chain-pages';
import { logPages } from './log-pages';

export { ChainChecker, type ChainedEvent, type Tampering, type VerifyFinding } from './chain-checker';

export interface VerifyReport {
  events: number;
  streams: number;
  headPosition: number;
  /** the first problem of each stream (and of the global log), in log order */
  findings: VerifyFinding[];
  ok: boolean;
}

export interface VerifyOptions {
  onProgress?: (position: number, events: number) => void;
  gaplessPositions?: boolean;
}

/**
 * Walks the whole log in position order and re-computes every stream's hash chain (ChainChecker,
 * docs/audit.md). Positions of the SQL stores are gapless, so a hole in them is a removal too.
 * Reports the first finding per stream.
 */
export async function verifyLog(store: Pick<EventStore, 'readAll' | 'kind' | 'headPosition'>, options: VerifyOptions = {}): Promise<VerifyReport> {
  const gapless = options.gaplessPositions ?? store.kind !== 'kurrentdb';
  const checker = new ChainChecker(gapless);
  const pages = store instanceof SqlEventStore ? chainPages(store.driver, store.schema, await store.headPosition()) : logPages(store, { pageSize: 2000 });
  for await (const page of pages) {
    for (const e of page) checker.feed(e);
    options.onProgress?.(checker.lastPosition, checker.events);
  }
  return report(checker.finish());
}

function report(r: ReturnType<ChainChecker['finish']>): VerifyReport {
  const findings = [...r.findings].sort((a, b) => a.position - b.position);
  return { events: r.events, streams: r.streams, headPosition: r.lastPosition, findings, ok: findings.length === 0 };
}
