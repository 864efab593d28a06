import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

import type { ChainRow } from './chain-pages';

/** a page for a digest worker: its rows (content as JSON text), or a position range it reads itself (from < position ≤ to) */
export type DigestJob = { seq: number } & ({ rows: ChainRow[] } | { from: number; to: number });

/** per event of a page: whether its stored hash holds (1/0), and what the chain checks need of it (parallel arrays) */
export interface Verdicts {
  ok: Uint8Array;
  links: {
    positions: Float64Array;
    revisions: Float64Array;
    streamIds: string[];
    prevHashes: Array<string | null>;
    hashes: string[];
  };
}

/** where the workers read the log themselves (a PostgreSQL server); without it they are sent the pages */
export interface WorkerSource {
  config: object;
  schema: string;
}

interface Slot {
  worker: Worker;
  inFlight: Map<number, { resolve: (v: Verdicts) => void; reject: (e: unknown) => void }>;
}

/** the worker threads verify uses on a machine with more than one core (its own core count, capped at 4) */
export const defaultVerifyWorkers = (): number => {
  const cores = availableParallelism();
  return cores > 1 ? Math.min(cores, 4) : 0;
};

/**
 * A few worker threads (digest-worker) that re-compute events' hashes, a page at a time; each
 * page goes to the least busy one. A worker that dies fails its pages (verify then fails: it
 * never reports a page it did not check).
 */
export class DigestPool {
  private readonly slots: Slot[];
  private seq = 0;

  constructor(
    size: number,
    private readonly source?: WorkerSource,
  ) {
    this.slots = Array.from({ length: size }, () => this.spawn());
  }

  /** the rows of a page (content as JSON text) */
  digest(rows: ChainRow[]): Promise<Verdicts> {
    return this.send({ rows });
  }

  /** the events from < position ≤ to, which the worker reads itself (needs a source) */
  range(from: number, to: number): Promise<Verdicts> {
    if (!this.source) throw new Error('DigestPool.range needs workers with a PostgreSQL source');
    return this.send({ from, to });
  }

  private send(job: { rows: ChainRow[] } | { from: number; to: number }): Promise<Verdicts> {
    const slot = this.slots.reduce((a, b) => (b.inFlight.size < a.inFlight.size ? b : a));
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      slot.inFlight.set(seq, { resolve, reject });
      slot.worker.postMessage({ seq, ...job } satisfies DigestJob);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const slot: Slot = { worker: startWorker(this.source), inFlight: new Map() };
    const failAll = (e: unknown) => {
      for (const p of slot.inFlight.values()) p.reject(e);
      slot.inFlight.clear();
    };
    slot.worker.on('message', (m: { seq: number; error?: string } & Partial<Verdicts>) => {
      const p = slot.inFlight.get(m.seq);
      slot.inFlight.delete(m.seq);
      if (m.error !== undefined || !m.ok || !m.links) p?.reject(new Error(`verify worker: ${m.error}`));
      else p?.resolve({ ok: m.ok, links: m.links });
    });
    slot.worker.on('error', failAll);
    slot.worker.on('exit', (code) => failAll(new Error(`a verify worker stopped (exit code ${code})`)));
    return slot;
  }
}

/** the compiled worker next to this file; from TypeScript sources (tests, tsx), through tsx's loader */
function startWorker(source: WorkerSource | undefined): Worker {
  const ext = extname(__filename);
  const file = join(__dirname, `digest-worker${ext}`);
  const workerData = { postgres: source };
  // a larger young generation: each page allocates ~1 MB of parsed content that dies at once (~8% less CPU measured)
  const resourceLimits = { maxYoungGenerationSizeMb: 64 };
  if (ext === '.js') return new Worker(file, { workerData, resourceLimits });
  return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`, { eval: true, workerData, resourceLimits });
}
