import type { SqlDriver, SqlTx } from '../../../event-store/src/sql/sql-driver';
import { assertSchemaName } from '../../../event-store/src/sql/sql-driver';
import type { DocumentProjection, ListPage, ListQuery, StoredDocument } from './document-projection';

/**
 * The read models' tables, in their own schema of the same database as the event store (PGlite
 * or PostgreSQL): one row per document of each projection generation, a checkpoint per generation
 * (written in the same transaction as the rows), and which generation serves reads.
 */
export class ReadStore {
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
        CREATE TABLE IF NOT EXISTS ${s}.documents (
          projection text NOT NULL, generation integer NOT NULL, key text NOT NULL,
          community_id text, status text, sort1 text NOT NULL, sort2 text NOT NULL, doc text NOT NULL,
          PRIMARY KEY (projection, generation, key));
        CREATE INDEX IF NOT EXISTS documents_list ON ${s}.documents (projection, generation, community_id, sort1 COLLATE "C", sort2 COLLATE "C");
        CREATE TABLE IF NOT EXISTS ${s}.checkpoints (
          projection text NOT NULL, generation integer NOT NULL, version integer NOT NULL,
          position bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (projection, generation));
        CREATE TABLE IF NOT EXISTS ${s}.active (projection text PRIMARY KEY, generation integer NOT NULL);`);
      // documents are stored as text (JSON.stringify output), neither jsonb nor json: they are only
      // ever read whole and nothing looks inside them, and the server's check of json input cost a
      // quarter of a rebuild's COPY time (528k documents: json 4.6 s, text 3.5 s); jsonb's conversion more
      const [column] = await tx.query<{ type: string; compression: string }>(
        `SELECT format_type(a.atttypid, a.atttypmod) AS type, a.attcompression::text AS compression
           FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attname = 'doc'`,
        [`${s}.documents`],
      );
      if (column && column.type !== 'text') await tx.exec(`ALTER TABLE ${s}.documents ALTER COLUMN doc TYPE text USING doc::text`);
      // large documents (a street's dashboard, an inbox) are compressed with lz4 where the server has it: faster than pglz
      if (column?.compression !== 'l' && (await lz4Available(tx))) await tx.exec(`ALTER TABLE ${s}.documents ALTER COLUMN doc SET COMPRESSION lz4`);
    });
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
    const generation = await this.active(projection.name);
    if (generation === null) return { items: [], total: 0, counts: {} };
    const s = this.schema;
    const params: unknown[] = [projection.name, generation];
    let where = `projection = $1 AND generation = $2`;
    if (q.communityId !== undefined) {
      params.push(q.communityId);
      where += ` AND community_id = $${params.length}`;
    }
    const counts = Object.fromEntries(
      (await this.driver.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM ${s}.documents WHERE ${where} AND status IS NOT NULL GROUP BY status`, params)).map(
        (r) => [r.status, Number(r.n)],
      ),
    );
    if (q.status?.length) {
      params.push(q.status);
      where += ` AND status = ANY ($${params.length}::text[])`;
    }
    const dir = q.order === 'desc' ? 'DESC' : 'ASC';
    const total = Number((await this.driver.query<{ n: string }>(`SELECT count(*) AS n FROM ${s}.documents WHERE ${where}`, params))[0].n);
    params.push(q.limit ?? 50, q.offset ?? 0);
    const rows = await this.driver.query<{ doc: string }>(
      `SELECT doc FROM ${s}.documents WHERE ${where}
        ORDER BY sort1 COLLATE "C" ${dir}, sort2 COLLATE "C" ${dir}, key COLLATE "C" ${dir}
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { items: rows.map((r) => JSON.parse(r.doc) as D), total, counts };
  }

  async get<D>(projection: DocumentProjection<D>, key: string): Promise<D | null> {
    const generation = await this.active(projection.name);
    if (generation === null) return null;
    const rows = await this.driver.query<{ doc: string }>(
      `SELECT doc FROM ${this.schema}.documents WHERE projection = $1 AND generation = $2 AND key = $3`,
      [projection.name, generation, key],
    );
    return rows.length ? (JSON.parse(rows[0].doc) as D) : null;
  }

  /** several documents of the active generation by key (absent keys are left out) */
  async getMany<D>(projection: DocumentProjection<D>, keys: string[]): Promise<Map<string, D>> {
    const generation = await this.active(projection.name);
    if (generation === null || keys.length === 0) return new Map();
    const rows = await this.driver.query<{ key: string; doc: string }>(
      `SELECT key, doc FROM ${this.schema}.documents WHERE projection = $1 AND generation = $2 AND key = ANY ($3::text[])`,
      [projection.name, generation, keys],
    );
    return new Map(rows.map((r) => [r.key, JSON.parse(r.doc) as D]));
  }

  /** every document of the active generation (for comparisons and digests) */
  async all<D>(projection: DocumentProjection<D>, generation?: number): Promise<StoredDocument<D>[]> {
    const g = generation ?? (await this.active(projection.name));
    if (g === null) return [];
    const rows = await this.driver.query<{ key: string; community_id: string | null; status: string | null; sort1: string; sort2: string; doc: string }>(
      `SELECT key, community_id, status, sort1, sort2, doc FROM ${this.schema}.documents WHERE projection = $1 AND generation = $2 ORDER BY key COLLATE "C"`,
      [projection.name, g],
    );
    return rows.map((r) => ({ key: r.key, communityId: r.community_id, status: r.status, sort: [r.sort1, r.sort2], doc: JSON.parse(r.doc) as D }));
  }
}

async function lz4Available(tx: Pick<SqlTx, 'query'>): Promise<boolean> {
  const [row] = await tx.query<{ lz4: boolean }>(`SELECT 'lz4' = ANY (enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`);
  return row?.lz4 === true;
}
