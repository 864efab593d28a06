/**
 * npm run bench:verify — `cobuild audit verify` over a large log beside the floor: reading the same
 * rows and one bare SHA-256 over each event's stored bytes, in one run (PostgreSQL).
 */
import { createHash, randomUUID } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { Pool } from 'pg';
import { verifyLog } from '../../libs/audit/src';
import { PgDriver, SqlEventStore, type NewEvent } from '../../libs/event-store/src';
import { fmt, machine, table, writeSection } from './bench-report';

const PG = process.env.COBUILD_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const PER_STREAM = 100;
/** BENCH_VERIFY_WORKERS: digest worker threads for verify (default: verify's own choice) */
const WORKERS = process.env.BENCH_VERIFY_WORKERS === undefined ? undefined : Number(process.env.BENCH_VERIFY_WORKERS);
const schema = `bench_verify_${Date.now()}`;

const event = (i: number): NewEvent => ({
  id: randomUUID(),
  type: 'TaskProgressReported',
  schemaVersion: 1,
  data: { taskId: `t-${Math.floor(i / PER_STREAM)}`, note: '已完成楼道扶手安装的第一阶段', percent: i % 100, photos: ['a.jpg', 'b.jpg'] },
  metadata: {
    actor: { id: 'unit-contact-1', role: 'unit_contact' },
    communityId: `c-${i % 50}`,
    correlationId: randomUUID(),
    causationId: null,
    idempotencyKey: null,
    occurredAt: '2026-11-23T09:00:00.000Z',
  },
});

async function main(): Promise<void> {
  const store = await SqlEventStore.open(new PgDriver({ connectionString: PG, max: 4 }), { schema });
  console.log(`bench:verify — writing ${fmt(EVENTS)} events (${PER_STREAM} per stream)…`);
  const t0 = Date.now();
  for (let s = 0; s < EVENTS / PER_STREAM; s += 8)
    await Promise.all(
      Array.from({ length: Math.min(8, EVENTS / PER_STREAM - s) }, (_, k) =>
        store.append(`task-${s + k}`, Array.from({ length: PER_STREAM }, (__, i) => event((s + k) * PER_STREAM + i)), { expectedRevision: 'no_stream' }),
      ),
    );
  console.log(`written in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

  // the floor: read the same rows in the same pages and hash each event's stored bytes once
  const pool = new Pool({ connectionString: PG, max: 1 });
  const floor = async (): Promise<number> => {
    const start = process.hrtime.bigint();
    let after = 0;
    let n = 0;
    for (;;) {
      const { rows } = await pool.query(
        `SELECT position, data::text AS d, metadata::text AS m FROM ${schema}.events WHERE position > $1 ORDER BY position LIMIT 2000`,
        [after],
      );
      if (rows.length === 0) break;
      for (const r of rows) createHash('sha256').update(r.d).update(r.m).digest('hex');
      n += rows.length;
      after = Number(rows[rows.length - 1].position);
    }
    if (n !== EVENTS) throw new Error(`floor read ${n} events`);
    return Number(process.hrtime.bigint() - start) / 1e9;
  };
  const verify = async (through: Parameters<typeof verifyLog>[0]): Promise<number> => {
    const start = process.hrtime.bigint();
    const report = await verifyLog(through, WORKERS === undefined ? {} : { workers: WORKERS });
    if (!report.ok || report.events !== EVENTS) throw new Error(`verify found ${report.findings.length} problems over ${report.events} events`);
    return Number(process.hrtime.bigint() - start) / 1e9;
  };
  // the generic path (any EventStore, e.g. KurrentDB): RecordedEvent pages through readAll
  const port = { kind: store.kind, readAll: store.readAll.bind(store), headPosition: store.headPosition.bind(store) };

  // the machine is shared: alternate the runs and keep each one's best
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
  const runs: Record<'floor' | 'verify' | 'port', number[]> = { floor: [], verify: [], port: [] };
  for (let r = 0; r < ROUNDS; r++) {
    runs.floor.push(await floor());
    runs.verify.push(await verify(store));
    runs.port.push(await verify(port));
    console.log(`round ${r + 1}: floor ${runs.floor[r].toFixed(1)} s, verify ${runs.verify[r].toFixed(1)} s, through the port ${runs.port[r].toFixed(1)} s`);
  }

  const pgVersion = (await pool.query('SHOW server_version')).rows[0].server_version as string;
  if (!process.env.BENCH_KEEP) await pool.query(`DROP SCHEMA ${schema} CASCADE`);
  await pool.end();
  await store.close();

  const best = (xs: number[]) => Math.min(...xs);
  const rate = (xs: number[]) => EVENTS / best(xs);
  const all = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(' / ');
  const figures = table(
    ['run', 'events', 'best seconds', 'events/s', 'every round (s)'],
    [
      ["floor: read the rows + one SHA-256 over each event's stored bytes", fmt(EVENTS), fmt(best(runs.floor), 1), fmt(rate(runs.floor)), all(runs.floor)],
      ['cobuild audit verify (every chain re-computed)', fmt(EVENTS), fmt(best(runs.verify), 1), fmt(rate(runs.verify)), all(runs.verify)],
      ['verify through the EventStore port (readAll pages, as KurrentDB is read)', fmt(EVENTS), fmt(best(runs.port), 1), fmt(rate(runs.port)), all(runs.port)],
    ],
  );
  const summary = `verify / floor: **${((rate(runs.verify) / rate(runs.floor)) * 100).toFixed(0)}%** (target ≥ 50%); through the port: ${((rate(runs.port) / rate(runs.floor)) * 100).toFixed(0)}%`;
  const load = loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`\n${figures}\n\n${summary}\n(load average ${load})\n`);
  writeSection(
    'Audit verify (npm run bench:verify)',
    `${machine({ PostgreSQL: `${pgVersion} (local server)`, 'load average at the end': `${load} (the machine is shared; runs alternate, best of ${ROUNDS} each)` })}
- workload: ${fmt(EVENTS)} events in streams of ${PER_STREAM}, written through the store's append (hashes as in production), read in pages of 2,000 by every run.

${figures}

${summary}

verify parses each event (JSON), writes its canonical form (RFC 8785), and computes two SHA-256 (the content digest and the chain link) while checking revisions, links and positions; the floor hashes the stored text once and parses nothing, on one thread. Verify on PostgreSQL uses digest worker threads (one per core, here ${availableParallelism()}): each reads its own position ranges over its own connection (content as JSON text) and answers one verdict byte per event with the links the chain checks need; the main thread only checks the chains in log order. Before the workers (one thread, reading only the chain columns three pages ahead, cached quoted keys, one-shot \`crypto.hash\`): 34,500 events/s over 1,000,000 events, 36% of a floor of 95,300/s. A first try at workers (each verifying a share of the streams over the whole log) was slower while the 2 cores were saturated by other work; this design splits the log by position instead, so PostgreSQL serialises each row once. Per event a worker spends about 6 µs parsing, 6 µs on the canonical form and 5 µs hashing, so the two cores are full: the ratio moves with the machine's other load (the floor itself ranged 82,000–151,000 events/s between runs on this machine the same day). The embedded store (PGlite runs on the main thread) sends the pages to the workers instead; through the EventStore port (KurrentDB) verify stays on one thread.`,
  );
  console.log('written to docs/benchmarks.md');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
