import { createHash } from 'node:crypto';
import { finished } from 'node:stream/promises';
import { Pool, type PoolConfig } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { SqlDriver, SqlTx } from './sql-driver';

/** PostgreSQL server through a pg Pool; LISTEN uses one dedicated pooled client. */
export class PgDriver implements SqlDriver {
  readonly kind = 'postgres' as const;
  readonly pool: Pool;

  /** as given (a worker thread opens its own connection with it) */
  constructor(readonly config: PoolConfig) {
    this.pool = new Pool({ max: 10, idleTimeoutMillis: 30_000, ...config });
    // an idle client's error (server restart) must not crash the process; the next query reconnects
    this.pool.on('error', () => undefined);
  }

  async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
    const res = await this.pool.query(sql, params as unknown[]);
    return res.rows as T[];
  }

  async queryPrepared<T>(sql: string, params?: unknown[]): Promise<T[]> {
    // pg prepares a named statement once per connection; the name stands for the text
    let name = this.statementNames.get(sql);
    if (name === undefined) this.statementNames.set(sql, (name = `cobuild_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`));
    const res = await this.pool.query({ name, text: sql, values: params as unknown[] });
    return res.rows as T[];
  }

  private readonly statementNames = new Map<string, string>();

  async queryArrays<T extends unknown[]>(sql: string, params?: unknown[]): Promise<T[]> {
    const res = await this.pool.query({ text: sql, values: params as unknown[], rowMode: 'array' });
    return res.rows as T[];
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn({
        query: async <R>(sql: string, params?: unknown[]) => (await client.query(sql, params as unknown[])).rows as R[],
        exec: async (sql: string) => void (await client.query(sql)),
        copyIn: async (table: string, columns: readonly string[], data: string | readonly Uint8Array[]) => {
          const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
          if (typeof data === 'string') stream.end(data);
          else {
            for (const chunk of data) stream.write(chunk);
            stream.end();
          }
          await finished(stream);
        },
      });
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  /**
   * Each call takes a client of its own and, on unlisten, gives it back with none of the listeners
   * it added: a subscription that restarts again and again (say, through a long Redis outage)
   * leaves nothing growing on the pooled clients.
   */
  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    const client = await this.pool.connect();
    const handler = (msg: { channel: string; payload?: string }) => {
      if (msg.channel === channel) onNotify(msg.payload ?? '');
    };
    let broken = false;
    const onError = () => {
      broken = true;
    };
    client.on('notification', handler);
    client.on('error', onError);
    const release = () => {
      client.off('notification', handler);
      client.off('error', onError);
      client.release(broken);
    };
    try {
      await client.query(`LISTEN "${channel}"`);
    } catch (e) {
      broken = true;
      release();
      throw e;
    }
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      if (!broken) await client.query(`UNLISTEN "${channel}"`).catch(() => void (broken = true));
      release();
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
