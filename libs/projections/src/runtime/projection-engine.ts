import type { EventStore, RecordedEvent } from '@cobuild/event-store';
import type { SqlTx } from '../../../event-store/src/sql/sql-driver';
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
  batchSize?: number;
  idleMs?: number;
  onError?: (e: unknown) => void;
  onBatch?: (info: { position: number; events: number }) => void;
}

/**
 * Runs the document projections from the log. Each batch is applied in ONE transaction that also
 * moves the checkpoints of the generations it touched (with a compare-and-set on the old
 * position), so a crash at any point leaves rows and checkpoints consistent: exactly-once effects.
 * A projection whose version changed, or that `requestRebuild` asked for, is built as a new
 * generation beside the serving one, from the start of the log, and swapped in once caught up.
 */
export class ProjectionEngine {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private lastPosition = 0;
  private lastAppliedAt = 0;

  constructor(
    private readonly events: Pick<EventStore, 'readAll' | 'headPosition'>,
    private readonly read: ReadStore,
    private readonly projections: readonly DocumentProjection<any>[],
    private readonly options: EngineOptions = {},
  ) {}

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
    const categories = [...new Set(behind.flatMap((g) => g.projection.categories))];
    const batch = await this.events.readAll({ after: from, maxCount: this.options.batchSize ?? 2000, filter: { categories }, upcast: true });
    // nothing of interest up to the head: every generation behind just moves to the head
    const upTo = batch.length > 0 && batch.length === (this.options.batchSize ?? 2000) ? batch[batch.length - 1].position : head;
    await this.read.driver.transaction(async (tx) => {
      for (const g of behind) await this.apply(tx, g, batch.filter((e) => e.position > g.position && e.position <= upTo), upTo);
    });
    this.lastAppliedAt = Date.now();
    this.options.onBatch?.({ position: upTo, events: batch.length });
    return true;
  }

  private async apply(tx: SqlTx, g: Generation, events: RecordedEvent[], upTo: number): Promise<void> {
    const s = this.read.schema;
    const p = g.projection;
    const touched = new Map<string, RecordedEvent[]>();
    for (const e of events) {
      if (!p.categories.includes(e.streamId.slice(0, e.streamId.indexOf('-')))) continue;
      for (const key of p.keysOf(e)) {
        const list = touched.get(key) ?? [];
        list.push(e);
        touched.set(key, list);
      }
    }
    if (touched.size > 0) {
      const keys = [...touched.keys()];
      const existing = new Map(
        (await tx.query<{ key: string; doc: unknown }>(
          `SELECT key, doc FROM ${s}.documents WHERE projection = $1 AND generation = $2 AND key = ANY ($3::text[])`,
          [p.name, g.generation, keys],
        )).map((r) => [r.key, r.doc]),
      );
      const upserts: Array<{ key: string; community: string | null; status: string | null; s1: string; s2: string; doc: unknown }> = [];
      const deletes: string[] = [];
      for (const [key, list] of touched) {
        let doc = existing.get(key) ?? null;
        for (const e of list) doc = p.evolve(doc, e, key);
        if (doc === null) deletes.push(key);
        else {
          const ix = p.index(doc);
          upserts.push({ key, community: ix.communityId, status: ix.status, s1: ix.sort[0], s2: ix.sort[1], doc });
        }
      }
      if (deletes.length)
        await tx.query(`DELETE FROM ${s}.documents WHERE projection = $1 AND generation = $2 AND key = ANY ($3::text[])`, [p.name, g.generation, deletes]);
      if (upserts.length)
        await tx.query(
          `INSERT INTO ${s}.documents (projection, generation, key, community_id, status, sort1, sort2, doc)
           SELECT $1, $2, x.key, x.community, x.status, x.s1, x.s2, x.doc
             FROM jsonb_to_recordset($3::jsonb) AS x(key text, community text, status text, s1 text, s2 text, doc jsonb)
           ON CONFLICT (projection, generation, key) DO UPDATE
             SET community_id = EXCLUDED.community_id, status = EXCLUDED.status, sort1 = EXCLUDED.sort1, sort2 = EXCLUDED.sort2, doc = EXCLUDED.doc`,
          [p.name, g.generation, JSON.stringify(upserts)],
        );
    }
    // compare-and-set: a second projector that applied the same batch meanwhile makes this fail (and roll back)
    const moved = await tx.query(
      `UPDATE ${s}.checkpoints SET position = $4, updated_at = now() WHERE projection = $1 AND generation = $2 AND position = $3 RETURNING 1`,
      [p.name, g.generation, g.position, upTo],
    );
    if (moved.length !== 1) throw new Error(`projection ${p.name} generation ${g.generation} moved under us; retrying from its checkpoint`);
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
