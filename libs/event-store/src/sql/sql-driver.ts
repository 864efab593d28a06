export interface SqlTx {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
  /**
   * Bulk-loads rows with COPY … FROM STDIN in PostgreSQL's text format (use `copyText` for the
   * lines): several times cheaper for the server than an INSERT of the same rows.
   */
  copyIn(table: string, columns: readonly string[], text: string): Promise<void>;
}

/** What the SQL event store needs from a PostgreSQL connection: pg (server) or PGlite (embedded). */
export interface SqlDriver {
  readonly kind: 'embedded' | 'postgres';
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
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

/** A field of COPY's text format: \N for null; backslash, tab, newline and carriage return escaped. */
export function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  const s = String(value);
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : s;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One line of COPY's text format. */
export const copyLine = (values: ReadonlyArray<string | number | null>): string => `${values.map(copyField).join('\t')}\n`;
