import type { SqlDriver, SqlTx } from '../../../event-store/src/sql/sql-driver';
import { assertSchemaName } from '../../../event-store/src/sql/sql-driver';
import type { DocumentProjection, ListPage, ListQuery, StoredDocument } from './document-projection';

/**
 * The read models' tables, in their own schema of the same database as the event store (PGlite
 * or PostgreSQL): a table of documents per projection generation (`docs_<projection>_<generation>`),
 * a checkpoint per generation (written in the same transaction as the rows), and which generation
 * serves reads. A generation being built has its primary key only; its lists' index is built once
 * over its finished rows when it starts serving (maintaining it row by row was a sixth of the
 * server's work in a rebuild), and the generation it replaces goes with DROP TABLE, not a DELETE.
 */
export class ReadStore {
  private lz4: Promise<boolean> | null = null;

  constructor(
    readonly driver: SqlDriver,
    readonly schema = 'cobuild_read',
  ) {
    assertSchemaName(schema);
  }

  async migrate(): Promise<void> {
    const s = this.schema;
    await this.driver.transaction(async (tx) => {
      if (this.driver.kind === 'postgres') await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`cobuild-read:${s}`]);
      await tx.exec(`
        CREATE SCHEMA IF NOT EXISTS ${s};
        CREATE TABLE IF NOT EXISTS ${s}.checkpoints (
          projection text NOT NULL, generation integer NOT NULL, version integer NOT NULL,
          position bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (projection, generation));
        CREATE TABLE IF NOT EXISTS ${s}.active (projection text PRIMARY KEY, generation integer NOT NULL);`);
      const generations = await tx.query<{ projection: string; generation: number; active: boolean }>(
        `SELECT c.projection, c.generation, (a.generation IS NOT NULL) AS active
           FROM ${s}.checkpoints c LEFT JOIN ${s}.active a ON a.projection = c.projection AND a.generation = c.generation`,
      );
      for (const g of generations) await this.createGeneration(tx, g.projection, Number(g.generation));
      // before: one table for every generation (its doc json or jsonb); its rows move to their generations' tables
      const [legacy] = await tx.query<{ t: string | null }>(`SELECT to_regclass($1)::text AS t`, [`${s}.documents`]);
      if (legacy?.t) {
        for (const g of generations)
          await tx.query(
            `INSERT INTO ${this.table(g.projection, Number(g.generation))} (key, community_id, status, sort1, sort2, doc)
             SELECT key, community_id, status, sort1, sort2, doc::text FROM ${s}.documents WHERE projection = $1 AND generation = $2`,
            [g.projection, Number(g.generation)],
          );
        await tx.exec(`DROP TABLE ${s}.documents`);
      }
      for (const g of generations) if (g.active) await this.createListIndex(tx, g.projection, Number(g.generation));
    });
  }

  /** the table holding one generation's documents (schema-qualified) */
  table(projection: string, generation: number): string {
    return `${this.schema}.${tableName(projection, generation)}`;
  }

  /**
   * A generation's table. Documents are stored as text (JSON.stringify output), neither jsonb nor
   * json: they are only ever read whole and nothing looks inside them, and the server's check of
   * json input cost a quarter of a rebuild's COPY time (528k documents: json 4.6 s, text 3.5 s).
   * Large documents (a street's dashboard, an inbox) are compressed with lz4 where the server has it.
   */
  async createGeneration(tx: Pick<SqlTx, 'exec' | 'query'>, projection: string, generation: number): Promise<void> {
    this.lz4 ??= lz4Available(tx).catch(() => {
      this.lz4 = null;
      return false;
    });
    const compression = (await this.lz4) ? ' COMPRESSION lz4' : '';
    await tx.exec(
      `CREATE TABLE IF NOT EXISTS ${this.table(projection, generation)}
         (key text PRIMARY KEY, community_id text, status text, sort1 text NOT NULL, sort2 text NOT NULL, doc text${compression} NOT NULL)`,
    );
  }

  /** the index a serving generation's lists are read through (community, then the sort keys and key) */
  async createListIndex(tx: Pick<SqlTx, 'exec'>, projection: string, generation: number): Promise<void> {
    await tx.exec(
      `CREATE INDEX IF NOT EXISTS ${tableName(projection, generation)}_list ON ${this.table(projection, generation)}
         (community_id, sort1 COLLATE "C", sort2 COLLATE "C", key COLLATE "C")`,
    );
  }

  async dropGeneration(tx: Pick<SqlTx, 'exec'>, projection: string, generation: number): Promise<void> {
    await tx.exec(`DROP TABLE IF EXISTS ${this.table(projection, generation)}`);
  }

  /**
   * Runs a read on the serving generation's table. A swap that commits between finding the
   * generation and reading drops the table read: the read then runs again on the new one.
   */
  private async serving<T>(projection: string, empty: T, read: (table: string) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const generation = await this.active(projection);
      if (generation === null) return empty;
      try {
        return await read(this.table(projection, generation));
      } catch (e) {
        if ((e as { code?: string }).code !== '42P01' || attempt > 0) throw e;
      }
    }
  }

  /** the generation that serves reads, or null before the first build finished */
  async active(projection: string, tx: Pick<SqlTx, 'query'> = this.driver): Promise<number | null> {
    const rows = await tx.query<{ generation: number }>(`SELECT generation FROM ${this.schema}.active WHERE projection = $1`, [projection]);
    return rows.length ? Number(rows[0].generation) : null;
  }

  async checkpoints(): Promise<Array<{ projection: string; generation: number; version: number; position: number; updatedAt: Date }>> {
    const rows = await this.driver.query<{ projection: string; generation: number; version: number; position: string; updated_at: Date }>(
      `SELECT projection, generation, version, position, updated_at FROM ${this.schema}.checkpoints`,
    );
    return rows.map((r) => ({ projection: r.projection, generation: Number(r.generation), version: Number(r.version), position: Number(r.position), updatedAt: new Date(r.updated_at) }));
  }

  async list<D>(projection: DocumentProjection<D>, q: ListQuery): Promise<ListPage<D>> {
    return this.serving(projection.name, { items: [], total: 0, counts: {} }, async (t) => {
      const params: unknown[] = [];
      let where = 'TRUE';
      if (q.communityId !== undefined) {
        params.push(q.communityId);
        where = `community_id = $${params.length}`;
      }
      const counts = Object.fromEntries(
        (await this.driver.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM ${t} WHERE ${where} AND status IS NOT NULL GROUP BY status`, params)).map((r) => [
          r.status,
          Number(r.n),
        ]),
      );
      if (q.status?.length) {
        params.push(q.status);
        where += ` AND status = ANY ($${params.length}::text[])`;
      }
      const dir = q.order === 'desc' ? 'DESC' : 'ASC';
      const total = Number((await this.driver.query<{ n: string }>(`SELECT count(*) AS n FROM ${t} WHERE ${where}`, params))[0].n);
      params.push(q.limit ?? 50, q.offset ?? 0);
      const rows = await this.driver.query<{ doc: string }>(
        `SELECT doc FROM ${t} WHERE ${where}
          ORDER BY sort1 COLLATE "C" ${dir}, sort2 COLLATE "C" ${dir}, key COLLATE "C" ${dir}
          LIMIT $${params.length - 1} OFFSET $${params.length}`,
        params,
      );
      return { items: rows.map((r) => JSON.parse(r.doc) as D), total, counts };
    });
  }

  async get<D>(projection: DocumentProjection<D>, key: string): Promise<D | null> {
    return this.serving(projection.name, null, async (t) => {
      const rows = await this.driver.query<{ doc: string }>(`SELECT doc FROM ${t} WHERE key = $1`, [key]);
      return rows.length ? (JSON.parse(rows[0].doc) as D) : null;
    });
  }

  /** several documents of the active generation by key (absent keys are left out) */
  async getMany<D>(projection: DocumentProjection<D>, keys: string[]): Promise<Map<string, D>> {
    if (keys.length === 0) return new Map();
    return this.serving(projection.name, new Map<string, D>(), async (t) => {
      const rows = await this.driver.query<{ key: string; doc: string }>(`SELECT key, doc FROM ${t} WHERE key = ANY ($1::text[])`, [keys]);
      return new Map(rows.map((r) => [r.key, JSON.parse(r.doc) as D]));
    });
  }

  /** every document of the active generation, or of the one given (for comparisons and digests) */
  async all<D>(projection: DocumentProjection<D>, generation?: number): Promise<StoredDocument<D>[]> {
    const read = async (t: string) => {
      const rows = await this.driver.query<{ key: string; community_id: string | null; status: string | null; sort1: string; sort2: string; doc: string }>(
        `SELECT key, community_id, status, sort1, sort2, doc FROM ${t} ORDER BY key COLLATE "C"`,
      );
      return rows.map((r): StoredDocument<D> => ({ key: r.key, communityId: r.community_id, status: r.status, sort: [r.sort1, r.sort2], doc: JSON.parse(r.doc) as D }));
    };
    return generation === undefined ? this.serving(projection.name, [], read) : read(this.table(projection.name, generation));
  }
}

/** projection names are code constants; checked anyway, as they go into table names */
function tableName(projection: string, generation: number): string {
  if (!/^[a-z][a-z0-9-]{0,40}$/.test(projection)) throw new Error(`read model name ${JSON.stringify(projection)} must be lower-case letters, digits and dashes`);
  if (!Number.isSafeInteger(generation) || generation < 0) throw new Error(`generation must be a whole number, got ${generation}`);
  return `docs_${projection.replaceAll('-', '_')}_${generation}`;
}

async function lz4Available(tx: Pick<SqlTx, 'query'>): Promise<boolean> {
  const [row] = await tx.query<{ lz4: boolean }>(`SELECT 'lz4' = ANY (enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`);
  return row?.lz4 === true;
}
