/**
 * A verify worker thread: checks that each event's stored hash is the one its content and its
 * stored prevHash give (storedHashHolds), a page at a time, and answers one byte per event with
 * what the chain checks need of it. With a PostgreSQL connection (workerData.postgres) it reads
 * its position ranges itself; otherwise it is sent the rows (content as JSON text). The chain
 * rules (revisions, links, positions) stay with the ChainChecker on the main thread: this is only
 * the per-event cost (JSON.parse, the canonical form, two SHA-256).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Client, type ClientConfig } from 'pg';
import { rangeSql, type ChainRow } from './chain-pages';
import type { DigestJob, Verdicts } from './parallel-digests';
import { storedHashHolds } from './stored-hash';

const postgres = (workerData as { postgres?: { config: ClientConfig; schema: string } } | undefined)?.postgres;
const client = postgres ? new Client(postgres.config) : null;
const connected = client?.connect();
client?.on('error', () => undefined); // a lost connection fails the next query, which fails its page
const sql = postgres ? rangeSql(postgres.schema, true) : '';

/** the worker's queries, one after the other on its one connection (the next is sent as soon as the previous is answered) */
let previous: Promise<unknown> = Promise.resolve();

function read(from: number, to: number): Promise<ChainRow[]> {
  const query = previous.catch(() => undefined).then(async () => {
    await connected;
    return (await client!.query<ChainRow>(sql, [from, to])).rows;
  });
  previous = query;
  return query;
}

function verdictsOf(rows: ChainRow[]): Verdicts {
  const n = rows.length;
  const ok = new Uint8Array(n);
  const links: Verdicts['links'] = { positions: new Float64Array(n), revisions: new Float64Array(n), streamIds: new Array(n), prevHashes: new Array(n), hashes: new Array(n) };
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    const revision = Number(r.revision);
    links.positions[i] = Number(r.position);
    links.revisions[i] = revision;
    links.streamIds[i] = r.stream_id;
    links.prevHashes[i] = r.prev_hash;
    links.hashes[i] = r.hash;
    const e = { id: r.event_id, type: r.type, storedSchemaVersion: r.schema_version, data: JSON.parse(r.data as string), metadata: JSON.parse(r.metadata as string), prevHash: r.prev_hash, streamId: r.stream_id, revision, hash: r.hash };
    ok[i] = storedHashHolds(e) ? 1 : 0;
  }
  return { ok, links };
}

parentPort!.on('message', (job: DigestJob) => {
  const rows = 'rows' in job ? Promise.resolve(job.rows) : read(job.from, job.to);
  rows.then(verdictsOf).then(
    (v) => parentPort!.postMessage({ seq: job.seq, ...v }, [v.ok.buffer, v.links.positions.buffer, v.links.revisions.buffer] as ArrayBuffer[]),
    (e: unknown) => parentPort!.postMessage({ seq: job.seq, error: e instanceof Error ? e.message : String(e) }),
  );
});
