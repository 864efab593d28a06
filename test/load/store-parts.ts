/**
 * Where a 100-event append's time goes (docs/event-store.md, "Where an append's time goes"):
 * each part alone, in one process, the parts interleaved round by round, so a loaded machine slows
 * them alike. Run: npx tsx test/load/store-parts.ts (N events per append, ROUNDS rounds).
 * Uses its own database (cobuild_parts) on COBUILD_BENCH_POSTGRES_URL's server.
 */
import { randomUUID } from 'node:crypto';
import { finished } from 'node:stream/promises';
import { Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { assertEventSize, chainHash, digestOfCanonical, PgDriver, SqlEventStore, validateAppend, type NewEvent } from '../../libs/event-store/src';
import { canonicalJson } from '../../libs/event-store/src/canonical-json';
import { CopyRows } from '../../libs/event-store/src/sql/copy-rows';

const ADMIN_URL = process.env.COBUILD_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const N = Number(process.env.N ?? 100);
const ROUNDS = Number(process.env.ROUNDS ?? 200);
const WARM_UP = 5;
const COLUMNS = 'position, stream_id, revision, event_id, type, schema_version, data, metadata, category, community_id, prev_hash, hash';

const event = (s: number, i: number): NewEvent => ({
  id: randomUUID(),
  type: 'NeedListed',
  schemaVersion: 1,
  data: { needId: `need-${s}`, title: '小区楼道照明维修', urgency: 'high', seq: i, beneficiaries: 120 },
  metadata: { actor: { id: 'sec-1', role: 'community_secretary' }, communityId: `community-${s % 20}`, correlationId: randomUUID(), causationId: null, idempotencyKey: null, occurredAt: '2026-11-23T09:00:00.000Z' },
});

/** what SqlEventStore.append does in node before the call: validation, JCS, size, digest, chain, the JSON argument */
function nodePrep(streamId: string, events: NewEvent[]): string {
  validateAppend(streamId, events, 'no_stream', 1 << 20, false);
  let prev = '';
  let body = '';
  events.forEach((e, i) => {
    const data = canonicalJson(e.data);
    const metadata = canonicalJson(e.metadata);
    assertEventSize(e.id, Buffer.byteLength(data) + Buffer.byteLength(metadata), 1 << 20);
    const digest = digestOfCanonical(e.id, e.type, e.schemaVersion, data, metadata);
    prev = chainHash(prev || null, streamId, i, digest);
    body += `${i ? ',' : ''}{"id":"${e.id}","type":"${e.type}","schemaVersion":1,"data":${data},"metadata":${metadata},"digest":"${digest}","hash":"${prev}"}`;
  });
  return `[{"stream":"${streamId}","category":"sq","expected":-2,"prevHash":"","events":[${body}]}]`;
}

async function main() {
  const admin = new Pool({ connectionString: ADMIN_URL, max: 1 });
  await admin.query('DROP DATABASE IF EXISTS cobuild_parts WITH (FORCE)');
  await admin.query('CREATE DATABASE cobuild_parts');
  await admin.end();
  const u = new URL(ADMIN_URL);
  u.pathname = '/cobuild_parts';
  const url = u.toString();
  const store = await SqlEventStore.open(new PgDriver({ connectionString: url, max: 2 }));
  const pool = new Pool({ connectionString: url, max: 2 });
  const S = store.schema;
  // copies of the events table for the raw writes: all its indexes; Emmett's one index; no hash columns' bytes
  await pool.query(`CREATE TABLE raw (LIKE ${S}.events INCLUDING ALL);
    CREATE TABLE raw_1 (LIKE ${S}.events INCLUDING DEFAULTS); ALTER TABLE raw_1 ADD PRIMARY KEY (stream_id, revision);`);
  let pos = 0;
  let sn = 0;
  let events: NewEvent[] = [];
  const unnest = (table: string, hashes: boolean) => {
    const s = `${table}-${sn++}`;
    const first = pos;
    pos += N;
    return pool.query(
      `INSERT INTO ${table} (${COLUMNS}) SELECT $1::bigint + r, $2, r, e, 'NeedListed', 1, d, m, 'raw', m->>'communityId', ${hashes ? 'h, h' : `NULL, ''`}
         FROM unnest($3::bigint[], $4::uuid[], $5::jsonb[], $6::jsonb[], $7::text[]) AS t(r, e, d, m, h)`,
      [first, s, events.map((_, i) => i), events.map((e) => e.id), events.map((e) => JSON.stringify(e.data)), events.map((e) => JSON.stringify(e.metadata)), events.map(() => 'a'.repeat(64))],
    );
  };
  const parts: Record<string, () => Promise<unknown> | unknown> = {
    'node: validate, JCS, digests, chain, JSON argument': () => nodePrep(`b-${sn++}`, events),
    'store.append (node + append_batch)': () => store.append(`batch-${sn++}`, events, { expectedRevision: 'no_stream' }),
    'append_batch alone (argument built beforehand)': async () => {
      const json = nodePrep(`sq-${sn++}`, events);
      const t = process.hrtime.bigint();
      await store.driver.queryPrepared(`SELECT * FROM ${S}.append_batch($1::jsonb, false)`, [json]);
      return Number(process.hrtime.bigint() - t) / 1e6;
    },
    'BEGIN + stream check + log_head; COPY; COMMIT': async () => {
      const s = `cc-${sn++}`;
      const rows = new CopyRows(1 << 16);
      const c = await pool.connect();
      try {
        await c.query(`BEGIN; SELECT pg_advisory_xact_lock(hashtextextended('${s}', 0)); SELECT revision, hash FROM raw WHERE stream_id = '${s}' ORDER BY revision DESC LIMIT 1; UPDATE ${S}.log_head SET position = position + ${N} RETURNING position`);
        events.forEach((e, i) => rows.field(pos + i).field(s).field(i).field(e.id).field(e.type).field(1).json(JSON.stringify(e.data)).json(JSON.stringify(e.metadata)).field('raw').field(e.metadata.communityId).field('a'.repeat(64)).field('a'.repeat(64)).end());
        pos += N;
        const st = c.query(copyFrom(`COPY raw (${COLUMNS}) FROM STDIN`));
        for (const x of rows.buffers()) st.write(x);
        st.end();
        await finished(st);
        await c.query('COMMIT');
      } finally {
        c.release();
      }
    },
    'INSERT … unnest, same table and rows (hashes)': () => unnest('raw', true),
    'INSERT … unnest, same table, no hash bytes (the floor’s rows)': () => unnest('raw', false),
    'INSERT … unnest, Emmett’s one index (stream, revision)': () => unnest('raw_1', true),
    'empty transaction (BEGIN; SELECT 1; COMMIT)': async () => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN; SELECT 1');
        await c.query('COMMIT');
      } finally {
        c.release();
      }
    },
  };
  const totals: Record<string, number> = {};
  for (let r = 0; r < ROUNDS + WARM_UP; r++)
    for (const [name, fn] of Object.entries(parts)) {
      events = Array.from({ length: N }, (_, i) => event(r, i));
      const t = process.hrtime.bigint();
      const inner = await fn();
      const ms = typeof inner === 'number' ? inner : Number(process.hrtime.bigint() - t) / 1e6;
      if (r >= WARM_UP) totals[name] = (totals[name] ?? 0) + ms;
    }
  console.log(`${N}-event appends, ${ROUNDS} interleaved rounds, mean ms per append:`);
  for (const [k, v] of Object.entries(totals)) console.log(`| ${k} | ${(v / ROUNDS).toFixed(2)} |`);
  await store.close();
  await pool.end();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
