import type { RecordedEvent } from '@cobuild/event-store';
import type { SqlDriver } from '../../event-store/src/sql/sql-driver';
import type { ChainedEvent } from './chain-checker';

export const PAGE = 2000;
const READ_AHEAD = 3;

export type ChainRow = { position: string; stream_id: string; revision: string; event_id: string; type: string; schema_version: number; data: unknown; metadata: unknown; prev_hash: string | null; hash: string };

/**
 * The SQL event table as verify reads it: only the columns the chains need (no recorded-at
 * parsing, no upcasting, no RecordedEvent copies), in position order. Up to `head`, pages are
 * position ranges, so several are read ahead at once (PostgreSQL serialises them on its own core
 * while this one hashes); past the head, whatever is there, by keyset.
 */
export async function* chainPages(driver: Pick<SqlDriver, 'query'>, schema: string, head: number): AsyncGenerator<ChainedEvent[]> {
  for await (const rows of chainRows(driver, schema, head)) yield toChained(rows);
}

/**
 * The rows themselves; with `asText`, data and metadata come as PostgreSQL's JSON text (for the
 * digest workers, which parse it off the main thread).
 */
export async function* chainRows(driver: Pick<SqlDriver, 'query'>, schema: string, head: number, asText = false): AsyncGenerator<ChainRow[]> {
  const sql = rangeSql(schema, asText);
  const range = (from: number) => driver.query<ChainRow>(sql, [from, from + PAGE]);
  const ahead: Array<Promise<ChainRow[]>> = [];
  let nextFrom = 0;
  const fill = () => {
    while (ahead.length < READ_AHEAD && nextFrom < head) {
      ahead.push(range(nextFrom));
      nextFrom += PAGE;
    }
  };
  fill();
  let last = 0;
  while (ahead.length) {
    const rows = await ahead.shift()!;
    fill();
    if (rows.length) {
      last = Number(rows[rows.length - 1].position);
      yield rows;
    }
  }
  yield* tailRows(driver, schema, Math.max(last, head), asText);
}

/** what was appended past `after` while the walk went on: keyset pages, whatever is there */
export async function* tailRows(driver: Pick<SqlDriver, 'query'>, schema: string, after: number, asText = false): AsyncGenerator<ChainRow[]> {
  for (;;) {
    const rows = await driver.query<ChainRow>(`SELECT ${columnsOf(asText)} FROM ${schema}.events WHERE position > $1 ORDER BY position LIMIT ${PAGE}`, [after]);
    if (rows.length) yield rows;
    if (rows.length < PAGE) return;
    after = Number(rows[rows.length - 1].position);
  }
}

/** one position range of the chain columns: $1 < position ≤ $2 (also what a digest worker reads) */
export const rangeSql = (schema: string, asText: boolean): string =>
  `SELECT ${columnsOf(asText)} FROM ${schema}.events WHERE position > $1 AND position <= $2 ORDER BY position`;

const columnsOf = (asText: boolean) =>
  `position, stream_id, revision, event_id, type, schema_version, ${asText ? 'data::text AS data, metadata::text AS metadata' : 'data, metadata'}, prev_hash, hash`;

export function toChained(rows: ChainRow[]): ChainedEvent[] {
  const page = new Array<ChainedEvent>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    page[i] = {
      position: Number(r.position), streamId: r.stream_id, revision: Number(r.revision), id: r.event_id, type: r.type,
      storedSchemaVersion: r.schema_version, data: r.data as RecordedEvent['data'], metadata: r.metadata as RecordedEvent['metadata'], prevHash: r.prev_hash, hash: r.hash,
    };
  }
  return page;
}
