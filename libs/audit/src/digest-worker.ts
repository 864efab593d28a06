/**
 * A verify worker thread: re-computes events' hashes from their content and their stored
 * prevHash, a page at a time, and answers one byte per event (1: it matches the stored hash).
 * With a PostgreSQL connection (workerData.postgres) it reads its position ranges itself;
 * otherwise it is sent the pages' content as JSON text. The chain rules (revisions, links,
 * positions) stay with the ChainChecker on the main thread: this is only the per-event cost
 * (JSON.parse, the canonical form, two SHA-256), which one thread cannot do fast enough alone.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Client, type ClientConfig } from 'pg';
import { chainHash, contentDigest } from '../../event-store/src/hashing';
import type { DigestJob, RangeJob, RangeLinks } from './parallel-digests';

type Row = { position: string; stream_id: string; revision: string; event_id: string; type: string; schema_version: number; data: string; metadata: string; prev_hash: string | null; hash: string };

const postgres = (workerData as { postgres?: { config: ClientConfig; schema: string } } | undefined)?.postgres;
const client = postgres ? new Client(postgres.config) : null;
const connected = client?.connect();
client?.on('error', () => undefined); // a lost connection fails the next query, which fails its page

const matches = (id: string, type: string, version: number, data: string, metadata: string, prevHash: string | null, streamId: string, revision: number, hash: string) =>
  chainHash(prevHash, streamId, revision, contentDigest({ id, type, schemaVersion: version, data: JSON.parse(data), metadata: JSON.parse(metadata) })) === hash;

/** the worker's queries, one after the other on its one connection (the next is sent as soon as the previous is answered) */
let previous: Promise<unknown> = Promise.resolve();

async function range(job: RangeJob): Promise<Answer> {
  await connected;
  const query = previous.catch(() => undefined).then(() => read(job));
  previous = query;
  const rows = await query;
  return verdictsOf(rows);
}

async function read(job: RangeJob): Promise<Row[]> {
  const { rows } = await client!.query<Row>(
    `SELECT position, stream_id, revision, event_id, type, schema_version, data::text AS data, metadata::text AS metadata, prev_hash, hash
       FROM ${postgres!.schema}.events WHERE position > $1 AND position <= $2 ORDER BY position`,
    [job.from, job.to],
  );
  return rows;
}

type Answer = { ok: Uint8Array; links?: RangeLinks };

/** a range's verdicts, with what the main thread's chain checks need of each event (it reads nothing itself) */
function verdictsOf(rows: Row[]): Answer {
  const n = rows.length;
  const ok = new Uint8Array(n);
  const links: RangeLinks = { positions: new Float64Array(n), revisions: new Float64Array(n), streamIds: new Array(n), prevHashes: new Array(n), hashes: new Array(n) };
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    const revision = Number(r.revision);
    links.positions[i] = Number(r.position);
    links.revisions[i] = revision;
    links.streamIds[i] = r.stream_id;
    links.prevHashes[i] = r.prev_hash;
    links.hashes[i] = r.hash;
    ok[i] = matches(r.event_id, r.type, r.schema_version, r.data, r.metadata, r.prev_hash, r.stream_id, revision, r.hash) ? 1 : 0;
  }
  return { ok, links };
}

function page(job: DigestJob): Answer {
  const ok = new Uint8Array(job.hashes.length);
  for (let i = 0; i < ok.length; i++)
    ok[i] = matches(job.ids[i], job.types[i], job.versions[i], job.data[i], job.metadata[i], job.prevHashes[i], job.streamIds[i], job.revisions[i], job.hashes[i]) ? 1 : 0;
  return { ok };
}

parentPort!.on('message', (job: DigestJob | RangeJob) => {
  const answer = 'from' in job ? range(job) : Promise.resolve(page(job));
  answer.then(
    (r) => parentPort!.postMessage({ seq: job.seq, ...r }, (r.links ? [r.ok.buffer, r.links.positions.buffer, r.links.revisions.buffer] : [r.ok.buffer]) as ArrayBuffer[]),
    (e: unknown) => parentPort!.postMessage({ seq: job.seq, error: e instanceof Error ? e.message : String(e) }),
  );
});
