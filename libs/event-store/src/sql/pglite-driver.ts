import type { PGlite } from '@electric-sql/pglite';
import { DataDirLock } from './data-dir-lock';
import type { SqlDriver, SqlTx } from './sql-driver';

/** The embedded store: PostgreSQL compiled to WebAssembly, in a data folder, in-process. */
export class PgliteDriver implements SqlDriver {
  readonly kind = 'embedded' as const;

  private constructor(
    readonly db: PGlite,
    private readonly lock: DataDirLock | null,
  ) {}

  /** `dataDir` undefined = in memory (tests that do not need persistence). */
  static async open(dataDir?: string): Promise<PgliteDriver> {
    const { PGlite } = await import('@electric-sql/pglite');
    const lock = dataDir ? DataDirLock.acquire(dataDir) : null;
    try {
      const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
      return new PgliteDriver(db, lock);
    } catch (e) {
      lock?.release();
      throw e;
    }
  }

  async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
    const res = await this.db.query<T>(sql, params as unknown[]);
    return res.rows;
  }

  /** PGlite runs in this process: no parse round trip to save, a plain query */
  async queryPrepared<T>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.query<T>(sql, params);
  }

  async queryArrays<T extends unknown[]>(sql: string, params?: unknown[]): Promise<T[]> {
    const res = await this.db.query<T>(sql, params as unknown[], { rowMode: 'array' });
    return res.rows;
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  async transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) =>
      fn({
        query: async <R>(sql: string, params?: unknown[]) => (await tx.query<R>(sql, params as unknown[])).rows,
        exec: async (sql: string) => void (await tx.exec(sql)),
        copyIn: async (table: string, columns: readonly string[], data: string | readonly Uint8Array[]) =>
          void (await tx.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob: new Blob(typeof data === 'string' ? [data] : [...data]) })),
      }),
    );
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    const unlisten = await this.db.listen(channel, onNotify);
    return async () => unlisten();
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
    this.lock?.release();
  }
}
