export interface SqlTx {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
  /**
   * Bulk-loads rows with COPY … FROM STDIN in PostgreSQL's text format (`CopyRows` writes it):
   * several times cheaper for the server than an INSERT of the same rows.
   */
  copyIn(table: string, columns: readonly string[], data: string | readonly Uint8Array[]): Promise<void>;
}

/** What the SQL event store needs from a PostgreSQL connection: pg (server) or PGlite (embedded). */
export interface SqlDriver {
  readonly kind: 'embedded' | 'postgres';
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** rows as arrays of their columns' values, in the SELECT's order (no object per row: cheaper for long reads) */
  queryArrays<T extends unknown[] = unknown[]>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * query as a prepared statement: the server parses and plans it once per connection, not on every
   * call (for statements that run all the time, like the append's)
   */
  queryPrepared<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** runs several statements (no parameters) */
  exec(sql: string): Promise<void>;
  /** runs fn in one transaction on one connection */
  transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T>;
  /** LISTEN on a channel; returns an unlisten function */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): void {
  if (!IDENT.test(schema)) throw new Error(`Invalid schema name "${schema}": use lower-case letters, digits and _`);
}

