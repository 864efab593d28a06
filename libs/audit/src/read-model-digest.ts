import { createHash, randomBytes } from 'node:crypto';
import type { EventStore } from '@cobuild/event-store';
import { ProjectionEngine, ReadStore, type DocumentProjection } from '@cobuild/projections';
import { canonicalJson } from '../../event-store/src/canonical-json';

export interface ReadModelDigest {
  /** hex SHA-256 over the canonical dump of every read model's serving rows (see docs/audit.md) */
  digest: string;
  /** rows per read model */
  rows: Record<string, number>;
  /** the log position each read model had applied up to */
  positions: Record<string, number>;
}

const PAGE = 5000;

/**
 * Digests the serving generation of each read model: for each projection by name, for each row by
 * key (byte order), one line `JCS([projection, key, communityId, status, sort1, sort2, doc])` + "\n"
 * into one SHA-256. The generation number and timestamps are left out, so a replay into another
 * schema and the live tables give the same digest when they hold the same rows. Read page by page.
 */
export async function readModelDigest(read: ReadStore, projections: readonly DocumentProjection<any>[]): Promise<ReadModelDigest> {
  const hash = createHash('sha256');
  const rows: Record<string, number> = {};
  const positions: Record<string, number> = {};
  // read-only: a schema the projector never created digests as empty read models
  const [exists] = await read.driver.query<{ t: string | null }>(`SELECT to_regclass($1) AS t`, [`${read.schema}.checkpoints`]);
  const checkpoints = exists?.t ? await read.checkpoints() : [];
  for (const p of [...projections].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const generation = exists?.t ? await read.active(p.name) : null;
    positions[p.name] = checkpoints.find((c) => c.projection === p.name && c.generation === generation)?.position ?? 0;
    rows[p.name] = 0;
    if (generation === null) continue;
    let after: string | null = null;
    for (;;) {
      const page: Array<{ key: string; community_id: string | null; status: string | null; sort1: string; sort2: string; doc: string }> = await read.driver.query(
        `SELECT key, community_id, status, sort1, sort2, doc FROM ${read.table(p.name, generation)}
          WHERE ($1::text IS NULL OR key COLLATE "C" > $1::text COLLATE "C")
          ORDER BY key COLLATE "C" LIMIT ${PAGE}`,
        [after],
      );
      for (const r of page) hash.update(`${canonicalJson([p.name, r.key, r.community_id, r.status, r.sort1, r.sort2, JSON.parse(r.doc)])}\n`, 'utf8');
      rows[p.name] += page.length;
      if (page.length < PAGE) break;
      after = page[page.length - 1].key;
    }
  }
  return { digest: hash.digest('hex'), rows, positions };
}

export interface ReplayReport extends ReadModelDigest {
  /** the log's head when the replay started: every read model was rebuilt up to it */
  headPosition: number;
  scratchSchema: string;
}

/**
 * Deterministic replay: rebuilds every read model from the log into a scratch schema of the same
 * database with the projector's own engine, digests the rows, then drops the scratch schema
 * (also when the replay fails).
 */
export async function replayReadModels(
  store: Pick<EventStore, 'readAllForProjection' | 'headPosition'>,
  driver: ReadStore['driver'],
  projections: readonly DocumentProjection<any>[],
  options: { scratchPrefix?: string; upTo?: number } = {},
): Promise<ReplayReport> {
  const scratchSchema = `${options.scratchPrefix ?? 'cobuild'}_replay_${randomBytes(4).toString('hex')}`;
  const read = new ReadStore(driver, scratchSchema);
  const headPosition = options.upTo ?? (await store.headPosition());
  const frozen = { readAllForProjection: store.readAllForProjection.bind(store), headPosition: async () => headPosition };
  try {
    await new ProjectionEngine(frozen, read, projections).catchUp();
    return { ...(await readModelDigest(read, projections)), headPosition, scratchSchema };
  } finally {
    await driver.exec(`DROP SCHEMA IF EXISTS ${scratchSchema} CASCADE`);
  }
}
