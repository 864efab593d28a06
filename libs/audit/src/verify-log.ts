import { PgDriver, SqlEventStore, type EventStore } from '@cobuild/event-store';
import { ChainChecker, type ChainedEvent, type VerifyFinding } from './chain-checker';
import { chainPages, chainRows, PAGE, tailRows, toChained } from './chain-pages';
import { logPages } from './log-pages';
import { DigestPool, defaultVerifyWorkers, type Verdicts, type WorkerSource } from './parallel-digests';

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
  /**
   * worker threads re-computing the events' hashes on a SQL store (default: one per core, up to
   * 4, when the log holds more than `PARALLEL_FROM` events and the machine has more than one core;
   * 0: all on this thread)
   */
  workers?: number;
}

/** below this many events, starting worker threads costs more than it saves */
export const PARALLEL_FROM = 20_000;

/**
 * Walks the whole log in position order and re-computes every stream's hash chain (ChainChecker,
 * docs/audit.md). Positions of the SQL stores are gapless, so a hole in them is a removal too.
 * Reports the first finding per stream. On a SQL store with a large log, worker threads compute
 * the per-event hashes (the costly part) while this thread reads pages and checks the chains.
 */
export async function verifyLog(store: Pick<EventStore, 'readAll' | 'kind' | 'headPosition'>, options: VerifyOptions = {}): Promise<VerifyReport> {
  const gapless = options.gaplessPositions ?? store.kind !== 'kurrentdb';
  const checker = new ChainChecker(gapless);
  const head = store instanceof SqlEventStore ? await store.headPosition() : 0;
  const workers = options.workers ?? (head > PARALLEL_FROM ? defaultVerifyWorkers() : 0);
  if (store instanceof SqlEventStore && workers > 0) {
    await verifyInWorkers(store, head, workers, checker, options);
    return report(checker.finish());
  }
  const pages = store instanceof SqlEventStore ? chainPages(store.driver, store.schema, head) : logPages(store, { pageSize: 2000 });
  for await (const page of pages) {
    for (const e of page) checker.feed(e);
    options.onProgress?.(checker.lastPosition, checker.events);
  }
  return report(checker.finish());
}

/**
 * On PostgreSQL each worker reads its position ranges itself (content as JSON text) and sends
 * back, with its verdicts, what the chain checks need; on the embedded store the pages are read
 * here and sent. Either way the verdicts are fed to the checker in log order.
 */
async function verifyInWorkers(store: SqlEventStore, head: number, workers: number, checker: ChainChecker, options: VerifyOptions): Promise<void> {
  const source = workerSource(store);
  const pool = new DigestPool(workers, source ?? undefined);
  try {
    if (source) await rangesInWorkers(store, head, workers, pool, checker, options);
    else await pagesToWorkers(store, head, workers, pool, checker, options);
  } finally {
    await pool.close();
  }
}

/** the server's connection settings, when they can be handed to a worker thread (no functions in them) */
function workerSource(store: SqlEventStore): WorkerSource | null {
  if (!(store.driver instanceof PgDriver)) return null;
  try {
    return { config: structuredClone(store.driver.config), schema: store.schema };
  } catch {
    return null;
  }
}

/** positions ranges up to the head, each read by a worker; what was appended meanwhile, here */
async function rangesInWorkers(store: SqlEventStore, head: number, workers: number, pool: DigestPool, checker: ChainChecker, options: VerifyOptions): Promise<void> {
  const queue: Array<Promise<Verdicts>> = [];
  for (let from = 0; from < head || queue.length; ) {
    while (queue.length < workers * 3 && from < head) {
      const to = Math.min(from + PAGE, head);
      queue.push(quiet(pool.range(from, to)));
      from = to;
    }
    feedVerdicts(checker, await queue.shift()!, options);
  }
  for await (const rows of tailRows(store.driver, store.schema, head)) {
    for (const e of toChained(rows)) checker.feed(e);
    options.onProgress?.(checker.lastPosition, checker.events);
  }
}

/** pages read here (three ahead) and sent to the workers */
async function pagesToWorkers(store: SqlEventStore, head: number, workers: number, pool: DigestPool, checker: ChainChecker, options: VerifyOptions): Promise<void> {
  const queue: Array<Promise<Verdicts>> = [];
  for await (const rows of chainRows(store.driver, store.schema, head, true)) {
    queue.push(quiet(pool.digest(rows)));
    while (queue.length > workers * 2) feedVerdicts(checker, await queue.shift()!, options);
  }
  while (queue.length) feedVerdicts(checker, await queue.shift()!, options);
}

/** a page's verdicts to the checker, in log order; one object refilled per event (the checker keeps only copies of its values) */
function feedVerdicts(checker: ChainChecker, { ok, links }: Verdicts, options: VerifyOptions): void {
  const e = { id: '', type: '', storedSchemaVersion: 0, data: {}, metadata: {} } as ChainedEvent; // content: checked by the worker
  for (let i = 0; i < ok.length; i++) {
    e.position = links.positions[i];
    e.streamId = links.streamIds[i];
    e.revision = links.revisions[i];
    e.prevHash = links.prevHashes[i];
    e.hash = links.hashes[i];
    checker.feed(e, ok[i] === 1);
  }
  options.onProgress?.(checker.lastPosition, checker.events);
}

/** awaited in order later: a rejection is not unhandled meanwhile */
function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

function report(r: ReturnType<ChainChecker['finish']>): VerifyReport {
  const findings = [...r.findings].sort((a, b) => a.position - b.position);
  return { events: r.events, streams: r.streams, headPosition: r.lastPosition, findings, ok: findings.length === 0 };
}
