/**
 * npm run bench:store — the event store's speed beside a peer and a floor, in one run.
 *
 * On the PostgreSQL server, each in its own fresh database:
 *   cobuild  — cobuild's PostgreSQL adapter (hash chain, idempotent ids, commit-ordered positions)
 *   emmett   — Emmett's PostgreSQL event store (@event-driven-io/emmett-postgresql), the peer
 *   floor    — bare pg INSERT/SELECT of the same rows: no checks, no chain, no stream table
 * Workloads: (a) single-event appends with expected revision to many streams, (b) 100-event batch
 * appends, (c) a full read of the global log in pages of 1000. Then the embedded store (PGlite in a
 * data folder). Figures go to docs/benchmarks.md.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { PgDriver, PgliteDriver, SqlEventStore, type EventStore, type NewEvent } from '../../libs/event-store/src';
import { fmt, machine, table, writeSection } from './bench-report';

const ADMIN_URL = process.env.COBUILD_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SINGLE = Number(process.env.BENCH_SINGLE ?? 3000);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 300);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 100);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const dbUrl = (db: string) => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${db}`;
  return u.toString();
};

async function freshDatabase(name: string): Promise<string> {
  const admin = new Pool({ connectionString: ADMIN_URL, max: 1 });
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return dbUrl(name);
}

function payload(streamNo: number, i: number) {
  return {
    data: { needId: `need-${streamNo}`, title: '小区楼道照明维修', urgency: 'high', seq: i, beneficiaries: 120 },
    metadata: {
      actor: { id: 'sec-1', role: 'community_secretary' },
      communityId: `community-${streamNo % 20}`,
      correlationId: randomUUID(),
      causationId: null,
      idempotencyKey: null,
      occurredAt: '2026-11-23T09:00:00.000Z',
    },
  };
}

const cobuildEvent = (s: number, i: number): NewEvent => ({ id: randomUUID(), type: 'NeedListed', schemaVersion: 1, ...payload(s, i) });

/** A workload implementation for one contender. */
interface Contender {
  name: string;
  appendOne(stream: number, expected: number): Promise<void>;
  appendBatch(stream: number, n: number): Promise<void>;
  readAll(): Promise<number>;
  close(): Promise<void>;
}

function cobuildContender(name: string, store: EventStore): Contender {
  return {
    name,
    async appendOne(s, expected) {
      await store.append(`need-${s}`, [cobuildEvent(s, expected + 1)], {
        expectedRevision: expected < 0 ? 'no_stream' : expected,
      });
    },
    async appendBatch(s, n) {
      await store.append(`batch-${s}`, Array.from({ length: n }, (_, i) => cobuildEvent(s, i)), { expectedRevision: 'no_stream' });
    },
    async readAll() {
      let after = 0;
      let count = 0;
      for (;;) {
        const page = await store.readAll({ after, maxCount: 1000 });
        if (page.length === 0) return count;
        count += page.length;
        after = page[page.length - 1].position;
      }
    },
    close: () => store.close(),
  };
}

async function emmettContender(url: string): Promise<Contender> {
  const { getPostgreSQLEventStore, readMessagesBatch } = await import('@event-driven-io/emmett-postgresql');
  const { dumbo } = await import('@event-driven-io/dumbo');
  const store = getPostgreSQLEventStore(url);
  await store.schema.migrate();
  const pool = dumbo({ connectionString: url });
  return {
    name: 'Emmett 0.42',
    async appendOne(s, expected) {
      const p = payload(s, expected + 1);
      await store.appendToStream(`need-${s}`, [{ type: 'NeedListed', data: p.data, metadata: p.metadata }], {
        expectedStreamVersion: BigInt(expected + 1),
      });
    },
    async appendBatch(s, n) {
      await store.appendToStream(
        `batch-${s}`,
        Array.from({ length: n }, (_, i) => {
          const p = payload(s, i);
          return { type: 'NeedListed', data: p.data, metadata: p.metadata };
        }),
        { expectedStreamVersion: 0n },
      );
    },
    async readAll() {
      let after = 0n;
      let count = 0;
      for (;;) {
        const r = await readMessagesBatch(pool.execute, { after, batchSize: 1000 });
        count += r.messages.length;
        if (r.messages.length === 0 || !r.areMessagesLeft) return count;
        after = r.currentGlobalPosition;
      }
    },
    async close() {
      await store.close();
      await pool.close();
    },
  };
}

async function floorContender(url: string): Promise<Contender> {
  const pool = new Pool({ connectionString: url, max: CONCURRENCY + 2 });
  // the same table and indexes as cobuild's events table: the floor writes the same rows, without
  // any of the store's work (no stream row, no checks, no idempotency, no chain, no ordering)
  await pool.query(`CREATE TABLE floor_events (position bigserial PRIMARY KEY, stream_id text NOT NULL, revision bigint NOT NULL,
    event_id uuid NOT NULL UNIQUE, type text NOT NULL, schema_version integer NOT NULL DEFAULT 1, data jsonb NOT NULL,
    metadata jsonb NOT NULL, category text NOT NULL DEFAULT 'need', community_id text, recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    prev_hash text, hash text NOT NULL DEFAULT '', UNIQUE (stream_id, revision));
    CREATE INDEX ON floor_events (category, position); CREATE INDEX ON floor_events (community_id, position) WHERE community_id IS NOT NULL`);
  const insert = `INSERT INTO floor_events (stream_id, revision, event_id, type, data, metadata, community_id)`;
  return {
    name: 'bare pg floor',
    async appendOne(s, expected) {
      const p = payload(s, expected + 1);
      await pool.query(`${insert} VALUES ($1, $2, $3, 'NeedListed', $4, $5, $6)`, [
        `need-${s}`,
        expected + 1,
        randomUUID(),
        p.data,
        p.metadata,
        p.metadata.communityId,
      ]);
    },
    async appendBatch(s, n) {
      const ps = Array.from({ length: n }, (_, i) => payload(s, i));
      await pool.query(
        `${insert} SELECT $1, r, e, 'NeedListed', d, m, m->>'communityId' FROM unnest($2::bigint[], $3::uuid[], $4::jsonb[], $5::jsonb[]) AS t(r, e, d, m)`,
        [`batch-${s}`, ps.map((_, i) => i), ps.map(() => randomUUID()), ps.map((p) => JSON.stringify(p.data)), ps.map((p) => JSON.stringify(p.metadata))],
      );
    },
    async readAll() {
      let after = 0;
      let count = 0;
      for (;;) {
        const { rows } = await pool.query(`SELECT * FROM floor_events WHERE position > $1 ORDER BY position LIMIT 1000`, [after]);
        if (rows.length === 0) return count;
        count += rows.length;
        after = Number(rows[rows.length - 1].position);
      }
    },
    close: () => pool.end(),
  };
}

interface Figures {
  single: number;
  singleConcurrent: number;
  batch: number;
  read: number;
  readCount: number;
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

/** Runs one phase of every contender in turn, ROUNDS times interleaved, and sums time and work. */
async function interleaved(
  contenders: Contender[],
  phase: (c: Contender, ci: number, round: number) => Promise<number>,
): Promise<number[]> {
  const work = contenders.map(() => 0);
  const seconds = contenders.map(() => 0);
  for (let round = 0; round < ROUNDS; round++)
    for (const [ci, c] of contenders.entries()) {
      const t = process.hrtime.bigint();
      work[ci] += await phase(c, ci, round);
      seconds[ci] += Number(process.hrtime.bigint() - t) / 1e9;
    }
  return work.map((w, i) => w / seconds[i]);
}

async function measureAll(contenders: Contender[], concurrency: number): Promise<Figures[]> {
  const revisions = contenders.map(() => new Map<number, number>());
  // set-up, not timed: create the streams (first append with no_stream)
  for (const [ci, c] of contenders.entries())
    for (let s = 0; s < STREAMS; s++) {
      await c.appendOne(s, -1);
      revisions[ci].set(s, 0);
    }
  const perRound = Math.floor(SINGLE / ROUNDS);
  const single = await interleaved(contenders, async (c, ci) => {
    for (let i = 0; i < perRound; i++) {
      const s = i % STREAMS;
      const rev = revisions[ci].get(s)!;
      await c.appendOne(s, rev);
      revisions[ci].set(s, rev + 1);
    }
    return perRound;
  });
  // each concurrent client owns its streams (w, w + c, w + 2c, ...), so expected revisions stay exact
  const perWorker = Math.floor(STREAMS / concurrency);
  const singleConcurrent = await interleaved(contenders, async (c, ci) => {
    await Promise.all(
      Array.from({ length: concurrency }, async (_, w) => {
        for (let i = 0; i < perRound / concurrency; i++) {
          const s = w + concurrency * (i % perWorker);
          const rev = revisions[ci].get(s)!;
          await c.appendOne(s, rev);
          revisions[ci].set(s, rev + 1);
        }
      }),
    );
    return Math.ceil(perRound / concurrency) * concurrency;
  });
  const batchesPerRound = Math.floor(BATCHES / ROUNDS);
  const batch = await interleaved(contenders, async (c, _ci, round) => {
    for (let b = 0; b < batchesPerRound; b++) await c.appendBatch(round * batchesPerRound + b, 100);
    return batchesPerRound * 100;
  });
  const readCounts = contenders.map(() => 0);
  const read = await interleaved(contenders, async (c, ci) => (readCounts[ci] = await c.readAll()));
  return contenders.map((_, i) => ({
    single: single[i],
    singleConcurrent: singleConcurrent[i],
    batch: batch[i],
    read: read[i],
    readCount: readCounts[i],
  }));
}

async function main() {
  const pgVersion = await (async () => {
    const p = new Pool({ connectionString: ADMIN_URL, max: 1 });
    try {
      return (await p.query('SHOW server_version')).rows[0].server_version as string;
    } finally {
      await p.end();
    }
  })();
  console.log(`bench:store — ${SINGLE} single appends over ${STREAMS} streams (sequential and ${CONCURRENCY} clients), ${BATCHES}×100-event batches, global read`);

  const loadAtStart = loadavg()[0];
  const dir = mkdtempSync(join(tmpdir(), 'cobuild-bench-'));
  const contenders = [
    cobuildContender(
      'cobuild (PostgreSQL)',
      await SqlEventStore.open(new PgDriver({ connectionString: await freshDatabase('cobuild_bench_cobuild'), max: CONCURRENCY + 2 })),
    ),
    await emmettContender(await freshDatabase('cobuild_bench_emmett')),
    await floorContender(await freshDatabase('cobuild_bench_floor')),
    cobuildContender('cobuild (embedded PGlite)', await SqlEventStore.open(await PgliteDriver.open(dir))),
  ];
  const figures0 = await measureAll(contenders, CONCURRENCY);
  const results: Array<[string, Figures]> = contenders.map((c, i) => [c.name, figures0[i]]);
  for (const c of contenders) await c.close();
  rmSync(dir, { recursive: true, force: true });

  const [c, e, f] = results.map(([, r]) => r);
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const rows = results.map(([name, r]) => [name, fmt(r.single), fmt(r.singleConcurrent), fmt(r.batch), fmt(r.read), fmt(r.readCount)]);
  const figures = table(['store', '(a) single appends/s, 1 client', `(a′) single appends/s, ${CONCURRENCY} clients`, '(b) events/s in 100-event batches', '(c) global read events/s', 'events read'], rows);
  const ratios = table(
    ['ratio', '(a)', "(a′)", '(b)', '(c)', 'target'],
    [
      ['cobuild / Emmett', ratio(c.single, e.single), ratio(c.singleConcurrent, e.singleConcurrent), ratio(c.batch, e.batch), ratio(c.read, e.read), 'appends ≥ 1.5×'],
      ['cobuild / floor', ratio(c.single, f.single), ratio(c.singleConcurrent, f.singleConcurrent), ratio(c.batch, f.batch), ratio(c.read, f.read), 'appends ≥ 0.70×, read ≥ 0.50×'],
    ],
  );
  console.log(`\n${figures}\n\n${ratios}\n`);
  for (const [name, r] of results) void (r.readCount < 1 && console.warn(`${name}: read nothing`));
  writeSection(
    'Event store (npm run bench:store)',
    `${machine({
      PostgreSQL: `${pgVersion} (local server, default settings, fsync on)`,
      // the machine is shared: a busy one slows every contender's commits and CPU alike, so compare the ratios of one run
      'load average (1 min)': `${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`,
    })}
- workload (each phase run ${ROUNDS} times, the contenders interleaved, figures are totals over the rounds): ${SINGLE} single-event appends with an exact expected revision over ${STREAMS} streams, first by one client, then by ${CONCURRENCY} concurrent clients; ${BATCHES} appends of 100 events to new streams; the whole global log read in pages of 1,000 (once per round). Each contender in its own fresh database on the same server.

${figures}

${ratios}

The floor is a bare \`INSERT\`/\`SELECT\` of the same rows into a table with the same columns and indexes as cobuild's events table (a \`bigserial\` key): no stream lock or head look-up, no expected-revision check, no idempotency check, no hash chain, no ordering guarantee for readers. cobuild's append does all of those in one round trip (one call of a PL/pgSQL function).`,
  );
  console.log('written to docs/benchmarks.md');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
