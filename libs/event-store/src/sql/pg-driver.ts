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

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    const client = await this.pool.connect();
    const handler = (msg: { channel: string; payload?: string }) => {
      if (msg.channel === channel) onNotify(msg.payload ?? '');
    };
    client.on('notification', handler);
    let broken = false;
    client.on('error', () => {
      broken = true;
    });
    await client.query(`LISTEN "${channel}"`);
    return async () => {
      client.off('notification', handler);
      if (!broken) await client.query(`UNLISTEN "${channel}"`).catch(() => undefined);
      client.release(broken);
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
