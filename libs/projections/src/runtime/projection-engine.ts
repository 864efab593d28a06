import { categoryOf, type EventStore, type ProjectionEvent } from '@cobuild/event-store';
import { CopyRows } from '../../../event-store/src/sql/copy-rows';
import type { SqlTx } from '../../../event-store/src/sql/sql-driver';
import { DocumentCache } from './document-cache';
import type { DocumentProjection } from './document-projection';
import type { ReadStore } from './read-store';

interface Generation {
  projection: DocumentProjection<any>;
  generation: number;
  version: number;
  position: number;
  active: boolean;
}

export interface EngineOptions {
  /** events per batch when close to the head (default 2,000) */
  batchSize?: number;
  /** events per batch when further behind than one batch (default: batchSize if given, else 10,000) */
  catchUpBatchSize?: number;
  /**
   * generations whose share of a batch commits at the same time, each on a connection of its own
   * (default: all of them; 4 at a time measured 32–38% of the raw read against 53% for all 7)
   */
  parallelTransactions?: number;
  /** characters of serialised documents kept in memory between batches (default 128 Mi) */
  cacheChars?: number;
  idleMs?: number;
  onError?: (e: unknown) => void;
  onBatch?: (info: BatchInfo) => void;
}

/** What one batch did, and where its time went (milliseconds). */
export interface BatchInfo {
  position: number;
  events: number;
  /** waiting for the page of the log (0 when it was read ahead in time) */
  readMs: number;
  /** from the page to the last generation's commit */
  applyMs: number;
  generations: Array<{ projection: string; events: number; rows: number; foldMs: number; sqlMs: number }>;
}

/** a generation's share of a batch: events[from, to), with each event's category */
interface Slice {
  events: ProjectionEvent[];
  categories: string[];
  from: number;
  to: number;
}

type Applied = { written: Map<string, string | null>; stats: BatchInfo['generations'][number] };

/**
 * Runs the document projections from the log. Each generation applies a batch in ONE transaction
 * that also moves its checkpoint (with a compare-and-set on the old position), so a crash at any
 * point leaves every generation's rows and checkpoint consistent: exactly-once effects. The
 * generations of a batch commit side by side (each resumes from its own checkpoint). Documents
 * stay in memory between batches (DocumentCache): evolve gets a fresh copy of each once per
 * batch, each is written once per batch, and a generation built from the start reads no rows.
 * A projection whose version changed, or that `requestRebuild` asked for, is built as a new
 * generation beside the serving one, from the start of the log, and swapped in once caught up.
 */
export class ProjectionEngine {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private lastPosition = 0;
  private lastAppliedAt = 0;
  private readonly cache: DocumentCache;
  private ahead: { after: number; size: number; page: Promise<ProjectionEvent[]> } | null = null;

  constructor(
    private readonly events: Pick<EventStore, 'readAllForProjection' | 'headPosition'>,
    private readonly read: ReadStore,
    private readonly projections: readonly DocumentProjection<any>[],
    private readonly options: EngineOptions = {},
  ) {
    this.cache = new DocumentCache(options.cacheChars);
  }

  /** position up to which every serving projection has applied the log */
  get position(): number {
    return this.lastPosition;
  }

  /** seconds since the projector last applied events (0 when idle and caught up) */
  get secondsBehind(): number {
    return this.lastAppliedAt === 0 ? 0 : Math.max(0, (Date.now() - this.lastAppliedAt) / 1000);
  }

  async start(): Promise<void> {
    await this.read.migrate();
    await this.scheduleVersionRebuilds();
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** nudge the loop (new events were appended) */
  notify(): void {
    this.wake?.();
  }

  /** builds a new generation of these projections (all when none given) beside the serving one */
  async requestRebuild(names?: string[]): Promise<number[]> {
    await this.read.migrate();
    const created: number[] = [];
    for (const p of this.projections.filter((x) => !names || names.includes(x.name))) created.push(await this.newGeneration(p));
    this.notify();
    return created;
  }

  /** Applies everything up to the current head once, then returns (tests, CLI, rebuilds). */
  async catchUp(): Promise<void> {
    await this.read.migrate();
    await this.scheduleVersionRebuilds();
    const head = await this.events.headPosition();
    while (true) {
      const moved = await this.step(head);
      if (!moved) return;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const head = await this.events.headPosition();
        const moved = await this.step(head);
        if (moved) continue;
      } catch (e) {
        this.options.onError?.(e);
      }
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, this.options.idleMs ?? 200);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  /** one batch: returns whether anything moved */
  private async step(head: number): Promise<boolean> {
    const gens = await this.generations();
    await this.swapCaughtUp(gens, head);
    const behind = gens.filter((g) => g.position < head);
    this.lastPosition = Math.min(...gens.filter((g) => g.active).map((g) => g.position), head);
    if (behind.length === 0) {
      this.lastAppliedAt = 0;
      return false;
    }
    const from = Math.min(...behind.map((g) => g.position));
    // far behind (a rebuild, a long stop): bigger batches, each document written once per batch
    const size = head - from > this.batchSize ? this.catchUpBatchSize : this.batchSize;
    const readStart = performance.now();
    const batch = await this.page(from, size);
    const applyStart = performance.now();
    // nothing of interest up to the head: every generation behind just moves to the head
    const full = batch.length === size;
    const upTo = batch.length > 0 && full ? batch[batch.length - 1].position : head;
    // read the next page while this one is applied
    if (full) this.prefetch(upTo, size);
    // each event's category once per batch, not once per generation
    const categories = batch.map((e) => categoryOf(e.streamId));
    const slice = (after: number): Slice => {
      let from = 0;
      while (from < batch.length && batch[from].position <= after) from++;
      let to = batch.length;
      while (to > from && batch[to - 1].position > upTo) to--;
      return { events: batch, categories, from, to };
    };
    // each generation in a transaction of its own, with its checkpoint, side by side: one's rows
    // are written while the next one's events are folded (the pool is the API's too: see parallelTransactions)
    const outcomes: PromiseSettledResult<Applied>[] = [];
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < behind.length; i = next++) {
        const g = behind[i];
        outcomes[i] = await this.read.driver
          .transaction((tx) => this.apply(tx, g, slice(g.position), upTo))
          .then((value): PromiseSettledResult<Applied> => ({ status: 'fulfilled', value }), (reason): PromiseSettledResult<Applied> => ({ status: 'rejected', reason }));
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.parallelTransactions ?? behind.length, behind.length) }, lane));
    let failure: unknown = null;
    outcomes.forEach((o, i) => {
      if (o.status === 'fulfilled') this.cache.commit(genKey(behind[i]), upTo, o.value.written);
      else {
        this.cache.dropGeneration(genKey(behind[i]));
        failure ??= o.reason;
      }
    });
    if (failure) throw failure;
    this.lastAppliedAt = Date.now();
    this.options.onBatch?.({
      position: upTo,
      events: batch.length,
      readMs: applyStart - readStart,
      applyMs: performance.now() - applyStart,
      generations: outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value.stats] : [])),
    });
    return true;
  }

  private get batchSize(): number {
    return this.options.batchSize ?? 2000;
  }

  private get catchUpBatchSize(): number {
    return this.options.catchUpBatchSize ?? this.options.batchSize ?? 10_000;
  }

  /**
   * One page of the log after `after`, unfiltered: the projections pick their categories in
   * memory. (A category filter over most of the log makes PostgreSQL collect every later row of
   * those categories for each page: rebuilds went quadratic.) A prefetched page is used only when
   * it was full: a short one may predate events committed since.
   */
  private async page(after: number, size: number): Promise<ProjectionEvent[]> {
    const ahead = this.ahead;
    this.ahead = null;
    if (ahead && ahead.after === after && ahead.size === size) {
      const page = await ahead.page.catch(() => null);
      if (page && page.length === size) return page;
    }
    return this.events.readAllForProjection({ after, maxCount: size });
  }

  private prefetch(after: number, size: number): void {
    const page = this.events.readAllForProjection({ after, maxCount: size });
    page.catch(() => undefined);
    this.ahead = { after, size, page };
  }

  /** applies a generation's events in the batch's transaction; returns the documents written (JSON; null: removed) */
  private async apply(tx: SqlTx, g: Generation, batch: Slice, upTo: number): Promise<Applied> {
    const stats = { projection: g.projection.name, events: 0, rows: 0, foldMs: 0, sqlMs: 0 };
    let t = performance.now();
    // time in SQL, and in between (folding, serialising)
    const sql = async <T>(run: () => Promise<T>): Promise<T> => {
      const start = performance.now();
      stats.foldMs += start - t;
      try {
        return await run();
      } finally {
        t = performance.now();
        stats.sqlMs += t - start;
      }
    };
    const s = this.read.schema;
    const p = g.projection;
    const gen = genKey(g);
    this.cache.use(gen, g.position);
    const touched = new Map<string, ProjectionEvent[]>();
    for (let i = batch.from; i < batch.to; i++) {
      if (!p.categories.includes(batch.categories[i])) continue;
      const e = batch.events[i];
      stats.events++;
      for (const key of p.keysOf(e)) {
        const list = touched.get(key);
        if (list) list.push(e);
        else touched.set(key, [e]);
      }
    }
    const written = new Map<string, string | null>();
    if (touched.size > 0) {
      const missing = [...touched.keys()].filter((k) => this.cache.mayExist(gen, k));
      const loaded = new Map<string, unknown>(
        missing.length === 0
          ? []
          : (await sql(() =>
              tx.query<{ key: string; doc: unknown }>(
                `SELECT key, doc FROM ${s}.documents WHERE projection = $1 AND generation = $2 AND key = ANY ($3::text[])`,
                [p.name, g.generation, missing],
              ),
            )).map((r) => [r.key, r.doc]),
      );
      // rows known to be new go in with COPY (a fraction of an INSERT's cost for the server); the others replace what is there
      const rows: string[] = [];
      const inserts = new CopyRows();
      const deletes: string[] = [];
      for (const [key, list] of touched) {
        const cached = this.cache.get(gen, key);
        // a working copy of its own for evolve, parsed once per batch
        let doc = cached === undefined ? (loaded.get(key) ?? null) : cached === null ? null : JSON.parse(cached);
        const existed = cached === undefined ? loaded.has(key) : cached !== null;
        for (const e of list) doc = p.evolve(doc, e, key);
        if (doc === null) {
          if (existed) deletes.push(key);
          written.set(key, null);
          continue;
        }
        const json = JSON.stringify(doc);
        written.set(key, json);
        if (json === cached) continue; // unchanged: no write
        const ix = p.index(doc);
        if (existed)
          rows.push(`{"key":${JSON.stringify(key)},"community":${JSON.stringify(ix.communityId)},"status":${JSON.stringify(ix.status)},"s1":${JSON.stringify(ix.sort[0])},"s2":${JSON.stringify(ix.sort[1])},"doc":${json}}`);
        else inserts.field(p.name).field(g.generation).field(key).field(ix.communityId).field(ix.status).field(ix.sort[0]).field(ix.sort[1]).json(json).end();
      }
      if (deletes.length)
        await sql(() => tx.query(`DELETE FROM ${s}.documents WHERE projection = $1 AND generation = $2 AND key = ANY ($3::text[])`, [p.name, g.generation, deletes]));
      const insert = `INSERT INTO ${s}.documents (projection, generation, key, community_id, status, sort1, sort2, doc)
           SELECT $1, $2, x.key, x.community, x.status, x.s1, x.s2, x.doc
             FROM json_to_recordset($3::json) AS x(key text, community text, status text, s1 text, s2 text, doc json)`;
      if (inserts.rows) await sql(() => tx.copyIn(`${s}.documents`, DOCUMENT_COLUMNS, inserts.buffers()));
      if (rows.length)
        await sql(() =>
          tx.query(
            `${insert}
             ON CONFLICT (projection, generation, key) DO UPDATE
               SET community_id = EXCLUDED.community_id, status = EXCLUDED.status, sort1 = EXCLUDED.sort1, sort2 = EXCLUDED.sort2, doc = EXCLUDED.doc`,
            [p.name, g.generation, `[${rows.join(',')}]`],
          ),
        );
      stats.rows = rows.length + inserts.rows + deletes.length;
    }
    // compare-and-set: a second projector that applied the same batch meanwhile makes this fail (and roll back)
    const moved = await sql(() =>
      tx.query(
        `UPDATE ${s}.checkpoints SET position = $4, updated_at = now() WHERE projection = $1 AND generation = $2 AND position = $3 RETURNING 1`,
        [p.name, g.generation, g.position, upTo],
      ),
    );
    if (moved.length !== 1) throw new Error(`projection ${p.name} generation ${g.generation} moved under us; retrying from its checkpoint`);
    stats.foldMs += performance.now() - t;
    return { written, stats };
  }

  private async generations(): Promise<Generation[]> {
    const s = this.read.schema;
    const rows = await this.read.driver.query<{ projection: string; generation: number; version: number; position: string; active: number | null }>(
      `SELECT c.projection, c.generation, c.version, c.position, a.generation AS active
         FROM ${s}.checkpoints c LEFT JOIN ${s}.active a ON a.projection = c.projection`,
    );
    return rows.flatMap((r) => {
      const projection = this.projections.find((p) => p.name === r.projection);
      if (!projection) return [];
      return [{ projection, generation: Number(r.generation), version: Number(r.version), position: Number(r.position), active: r.active !== null && Number(r.active) === Number(r.generation) }];
    });
  }

  /** a building generation that reached the head takes over; the old one's rows go */
  private async swapCaughtUp(gens: Generation[], head: number): Promise<void> {
    const s = this.read.schema;
    for (const g of gens.filter((x) => !x.active && x.position >= head)) {
      const serving = gens.find((x) => x.active && x.projection.name === g.projection.name);
      if (serving && serving.generation > g.generation) continue;
      await this.read.driver.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO ${s}.active (projection, generation) VALUES ($1, $2) ON CONFLICT (projection) DO UPDATE SET generation = EXCLUDED.generation`,
          [g.projection.name, g.generation],
        );
        await tx.query(`DELETE FROM ${s}.documents WHERE projection = $1 AND generation < $2`, [g.projection.name, g.generation]);
        await tx.query(`DELETE FROM ${s}.checkpoints WHERE projection = $1 AND generation < $2`, [g.projection.name, g.generation]);
      });
      for (const old of gens) if (old.projection.name === g.projection.name && old.generation < g.generation) this.cache.dropGeneration(genKey(old));
      g.active = true;
    }
  }

  /** a projection without a generation of its current version gets one, built from the start */
  private async scheduleVersionRebuilds(): Promise<void> {
    const gens = await this.generations();
    for (const p of this.projections)
      if (!gens.some((g) => g.projection.name === p.name && g.version === p.version)) await this.newGeneration(p);
  }

  private async newGeneration(p: DocumentProjection<any>): Promise<number> {
    const s = this.read.schema;
    return this.read.driver.transaction(async (tx) => {
      const [row] = await tx.query<{ g: number | null }>(`SELECT max(generation) AS g FROM ${s}.checkpoints WHERE projection = $1`, [p.name]);
      const active = await this.read.active(p.name, tx);
      const generation = Math.max(Number(row?.g ?? 0), active ?? 0) + 1;
      await tx.query(`INSERT INTO ${s}.checkpoints (projection, generation, version, position) VALUES ($1, $2, $3, 0)`, [p.name, generation, p.version]);
      return generation;
    });
  }
}

const DOCUMENT_COLUMNS = ['projection', 'generation', 'key', 'community_id', 'status', 'sort1', 'sort2', 'doc'] as const;
const genKey = (g: Generation) => `${g.projection.name}#${g.generation}`;
