/**
 * npm run bench:verify — `cobuild audit verify` over a large log beside the floor: reading the same
 * rows and one bare SHA-256 over each event's stored bytes, in one run (PostgreSQL).
 */
import { createHash, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { verifyLog } from '../../libs/audit/src';
import { PgDriver, SqlEventStore, type NewEvent } from '../../libs/event-store/src';
import { fmt, machine, table, writeSection } from './bench-report';

const PG = process.env.COBUILD_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const PER_STREAM = 100;
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
  const floorStart = process.hrtime.bigint();
  let after = 0;
  let floorEvents = 0;
  for (;;) {
    const { rows } = await pool.query(
      `SELECT position, data::text AS d, metadata::text AS m FROM ${schema}.events WHERE position > $1 ORDER BY position LIMIT 2000`,
      [after],
    );
    if (rows.length === 0) break;
    for (const r of rows) createHash('sha256').update(r.d).update(r.m).digest('hex');
    floorEvents += rows.length;
    after = Number(rows[rows.length - 1].position);
  }
  const floorSeconds = Number(process.hrtime.bigint() - floorStart) / 1e9;

  const verifyStart = process.hrtime.bigint();
  const report = await verifyLog(store);
  const verifySeconds = Number(process.hrtime.bigint() - verifyStart) / 1e9;
  if (!report.ok || report.events !== EVENTS) throw new Error(`verify found ${report.findings.length} problems over ${report.events} events`);

  const pgVersion = (await pool.query('SHOW server_version')).rows[0].server_version as string;
  if (!process.env.BENCH_KEEP) await pool.query(`DROP SCHEMA ${schema} CASCADE`);
  await pool.end();
  await store.close();

  const floorRate = floorEvents / floorSeconds;
  const verifyRate = report.events / verifySeconds;
  const figures = table(
    ['run', 'events', 'seconds', 'events/s'],
    [
      ['floor: read the rows + one SHA-256 over each event\'s stored bytes', fmt(floorEvents), fmt(floorSeconds, 1), fmt(floorRate)],
      ['cobuild audit verify (every chain re-computed)', fmt(report.events), fmt(verifySeconds, 1), fmt(verifyRate)],
    ],
  );
  const summary = `verify / floor: **${((verifyRate / floorRate) * 100).toFixed(0)}%** (target ≥ 50%)`;
  console.log(`\n${figures}\n\n${summary}\n`);
  writeSection(
    'Audit verify (npm run bench:verify)',
    `${machine({ PostgreSQL: `${pgVersion} (local server)` })}
- workload: ${fmt(EVENTS)} events in streams of ${PER_STREAM}, read in pages of 2,000 by both runs.

${figures}

${summary}

verify parses each event (JSON), writes its canonical form (RFC 8785), and computes two SHA-256 (the content digest and the chain link) while checking revisions, links and positions; the floor hashes the stored text once and parses nothing.`,
  );
  console.log('written to docs/benchmarks.md');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
