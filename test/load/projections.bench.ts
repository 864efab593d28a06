/**
 * npm run bench:projections — a synthetic city in PostgreSQL (≥ 1 million events over 500
 * communities by default): full rebuild of every read model beside the raw read of the same log
 * (the floor), where the rebuild's time goes, and as-of for one community's three lists (with the
 * whole city in the store and with that community alone) and for one unit's scorecard.
 *
 * BENCH_CITY=<schema> keeps the city in that schema and reuses it on the next run (writing it takes
 * minutes); BENCH_COMMUNITIES / BENCH_NEEDS / BENCH_TASKS size it; BENCH_REPORT=0 leaves
 * docs/benchmarks.md alone (for trial runs on a smaller city); BENCH_RUNS (default 5) alternations of floor and rebuild.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { Pool } from 'pg';
import { PgDriver, SqlEventStore } from '../../libs/event-store/src';
import { ALL_PROJECTIONS, asOf, LIST_PROJECTIONS, ProjectionEngine, queryDocuments, ReadStore, scorecardAsOf, scorecardsProjection, scorecardSources, type BatchInfo, type ScorecardsDocument } from '../../libs/projections/src';
import { PAGES_PER_ROUND, READ_AHEAD } from '../../libs/projections/src/runtime/projection-engine';
import { fmt, machine, table, writeSection } from './bench-report';
import { writeCommunity } from './synthetic-city';

const PG = process.env.COBUILD_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const COMMUNITIES = Number(process.env.BENCH_COMMUNITIES ?? 500);
const SIZE = { needs: Number(process.env.BENCH_NEEDS ?? 600), pledges: 20, tasks: Number(process.env.BENCH_TASKS ?? 200) };
const stamp = Date.now();
/** floor and rebuild alternate this many times; the median of the paired ratios counts (the best of each is shown too) */
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** BENCH_CITY=<schema>: write the city into that schema once and reuse it on later runs (it is then kept, not dropped) */
const CITY_SCHEMA = process.env.BENCH_CITY ?? `bench_city_${stamp}`;
const KEEP_CITY = process.env.BENCH_CITY !== undefined;
let reused = false;

async function city(schema: string, communities: number, reuse = false): Promise<SqlEventStore> {
  const store = await SqlEventStore.open(new PgDriver({ connectionString: PG, max: 20 }), { schema });
  if (reuse && (await store.headPosition()) > 0) {
    console.log(`  reusing the city in schema ${schema}`);
    reused = true;
    return store;
  }
  for (let c = 0; c < communities; c++) {
    await writeCommunity(store, `c${c}`, SIZE);
    if (c % 50 === 49) console.log(`  ${c + 1} communities, ${fmt(await store.headPosition())} events`);
  }
  return store;
}

/** CPU seconds the whole machine has spent busy (Linux /proc/stat; null elsewhere) */
function machineBusySeconds(): number | null {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
    return (f.reduce((a, b) => a + b, 0) - f[3] - f[4]) / 100;
  } catch {
    return null;
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = process.hrtime.bigint();
  const r = await fn();
  return [r, Number(process.hrtime.bigint() - t) / 1e9];
}

async function asOfAll(store: SqlEventStore, communityId: string, position: number): Promise<number> {
  let items = 0;
  for (const p of LIST_PROJECTIONS) items += queryDocuments(await asOf(store, p, communityId, position), { communityId, limit: 50 }).total;
  return items;
}

async function main(): Promise<void> {
  console.log(`bench:projections — writing a city of ${COMMUNITIES} communities…`);
  const [store, writeSeconds] = await timed(() => city(CITY_SCHEMA, COMMUNITIES, KEEP_CITY));
  const head = await store.headPosition();
  const written = reused ? `written earlier (reused from schema ${CITY_SCHEMA})` : `written in ${writeSeconds.toFixed(0)} s`;
  console.log(`${fmt(head)} events ${written}`);

  // floor: read the whole log, page by page, as the projector does; then a full rebuild of every
  // read model into a fresh schema. The machine is shared and its speed drifts (±20% between
  // identical runs): the two alternate, RUNS times, and each rebuild is compared with the floor
  // measured just before it; the median of those paired ratios is the figure held to the target.
  const loadBefore = loadavg().map((x) => x.toFixed(1)).join(' ');
  const floor = () =>
    timed(async () => {
      let after = 0;
      let n = 0;
      for (;;) {
        const page = await store.readAll({ after, maxCount: 2000 });
        if (page.length === 0) return n;
        n += page.length;
        after = page[page.length - 1].position;
      }
    });
  type Spent = { readMs: number; applyMs: number; batches: number; nodeCpu: number; machineCpu: number | null; by: Map<string, { events: number; rows: number; foldMs: number; sqlMs: number }> };
  const rebuild = async (schema: string): Promise<[Spent, number]> => {
    const spent: Spent = { readMs: 0, applyMs: 0, batches: 0, nodeCpu: 0, machineCpu: null, by: new Map() };
    const onBatch = (b: BatchInfo) => {
      spent.readMs += b.readMs;
      spent.applyMs += b.applyMs;
      spent.batches++;
      for (const g of b.generations) {
        const x = spent.by.get(g.projection) ?? { events: 0, rows: 0, foldMs: 0, sqlMs: 0 };
        x.events += g.events;
        x.rows += g.rows;
        x.foldMs += g.foldMs;
        x.sqlMs += g.sqlMs;
        spent.by.set(g.projection, x);
      }
    };
    const cpu0 = process.cpuUsage();
    const busy0 = machineBusySeconds();
    const [, seconds] = await timed(() => new ProjectionEngine(store, new ReadStore(store.driver, schema), ALL_PROJECTIONS, { onBatch }).catchUp());
    const cpu = process.cpuUsage(cpu0);
    const busy1 = machineBusySeconds();
    spent.nodeCpu = (cpu.user + cpu.system) / 1e6;
    spent.machineCpu = busy0 === null || busy1 === null ? null : busy1 - busy0;
    return [spent, seconds];
  };
  let read = 0;
  let floorSeconds = Infinity;
  let rebuildSeconds = Infinity;
  const pairs: Array<{ floor: number; rebuild: number }> = [];
  let spent: Spent | null = null;
  const readSchema = `bench_read_${stamp}`;
  for (let run = 0; run < RUNS; run++) {
    const [n, f] = await floor();
    read = n;
    floorSeconds = Math.min(floorSeconds, f);
    if (run > 0) await store.driver.exec(`DROP SCHEMA IF EXISTS ${readSchema} CASCADE`);
    const [sp, r] = await rebuild(readSchema);
    pairs.push({ floor: f, rebuild: r });
    console.log(`  run ${run + 1}: floor ${f.toFixed(1)} s, rebuild ${r.toFixed(1)} s (${((f / r) * 100).toFixed(0)}% of the raw read's speed)`);
    if (r < rebuildSeconds) [rebuildSeconds, spent] = [r, sp];
  }
  const readStore = new ReadStore(store.driver, readSchema);

  // as-of for one community, middle of the year, city-wide store vs the community alone
  const position = Math.floor(head / 2);
  const mid = (await store.readAll({ after: position - 1, maxCount: 1 }))[0];
  const [, warm] = await timed(() => asOfAll(store, 'c7', position));
  const [items, asOfCity] = await timed(() => asOfAll(store, 'c7', position));
  // a unit's scorecard as of the same moment (its communities' events, from the rebuilt read model's sources)
  const getMany = (keys: string[]) => readStore.getMany<ScorecardsDocument>(scorecardsProjection, keys);
  const [, scorecardSeconds] = await timed(async () => scorecardAsOf(store, await scorecardSources(getMany, 'unit', 'u-c7-0', 2026), 'unit', 'u-c7-0', 2026, position));
  const alone = await city(`bench_alone_${stamp}`, 8); // c0..c7: c7 with few others
  const aloneHead = await alone.headPosition();
  const [, asOfAlone] = await timed(() => asOfAll(alone, 'c7', aloneHead));
  void warm;
  void mid;

  const pgVersion = await (async () => {
    const p = new Pool({ connectionString: PG, max: 1 });
    try {
      const v = (await p.query('SHOW server_version')).rows[0].server_version as string;
      for (const s of [...(KEEP_CITY ? [] : [CITY_SCHEMA]), `bench_read_${stamp}`, `bench_alone_${stamp}`]) await p.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      return v;
    } finally {
      await p.end();
    }
  })();
  await alone.close();
  await store.close();

  const floorRate = read / floorSeconds;
  const rebuildRate = head / rebuildSeconds;
  // rebuild speed / floor speed per run (same events): floor seconds / rebuild seconds
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const medianRatio = median(pairs.map((x) => x.floor / x.rebuild));
  const medianRebuild = median(pairs.map((x) => x.rebuild));
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
  const runs = table(
    ['run', 'floor, s', 'rebuild, s', 'rebuild / raw read'],
    pairs.map((x, i) => [String(i + 1), fmt(x.floor, 1), fmt(x.rebuild, 1), pct(x.floor / x.rebuild)]),
  );
  const figures = table(
    [`run (best of ${RUNS}, alternating)`, 'events', 'seconds', 'events/s'],
    [
      ['floor: read the whole log (pages of 2,000)', fmt(read), fmt(floorSeconds, 1), fmt(floorRate)],
      [`rebuild all ${ALL_PROJECTIONS.length} read models from scratch`, fmt(head), fmt(rebuildSeconds, 1), fmt(rebuildRate)],
    ],
  );
  const sec = (ms: number) => fmt(ms / 1000, 1);
  const where = table(
    ['where the rebuild\'s time goes', 'events read', 'rows written', 'folding + serialising, s (node)', 'SQL, s (sent → answered, generations side by side)'],
    [
      [`generations waiting for pages of the log, summed (${fmt(spent!.batches)} rounds of up to ${PAGES_PER_ROUND} pages of 10,000; up to ${READ_AHEAD} read ahead)`, fmt(head), '', '', sec(spent!.readMs)],
      ...ALL_PROJECTIONS.flatMap((p) => { const x = spent!.by.get(p.name); return x ? [[p.name, fmt(x.events), fmt(x.rows), sec(x.foldMs), sec(x.sqlMs)]] : []; }),
      ['the rounds (all generations side by side, wall clock)', '', '', '', sec(spent!.applyMs)],
      [`CPU used during the rebuild: this process (node) ${fmt(spent!.nodeCpu, 1)} s, the whole machine ${spent!.machineCpu === null ? 'n/a' : `${fmt(spent!.machineCpu, 1)} s (${cpus().length} cores)`}`, '', '', '', ''],
    ],
  );
  const asOfTable = table(
    ['as-of, mid-year', 'log', 'ms'],
    [
      [`the three lists of one community (c7), whole city (${items} list items)`, `${fmt(head)} events`, fmt(asOfCity * 1000, 1)],
      ['the three lists of c7 with 8 communities in the store', `${fmt(aloneHead)} events`, fmt(asOfAlone * 1000, 1)],
      ["a unit's scorecard (u-c7-0, 2026), whole city", `${fmt(head)} events`, fmt(scorecardSeconds * 1000, 1)],
    ],
  );
  const summary = table(
    ['measure', 'value', 'target'],
    [
      [`rebuild / raw read, median of the ${RUNS} paired runs (best of each: ${pct(rebuildRate / floorRate)})`, pct(medianRatio), '≥ 50%'],
      [`rebuild events/s, median run (best: ${fmt(rebuildRate)})`, fmt(head / medianRebuild), '≥ 50,000'],
      ['as-of, one community, whole city', `${fmt(asOfCity * 1000, 1)} ms`, '< 200 ms, not growing with the city'],
    ],
  );
  console.log(`\n${runs}\n\n${figures}\n\n${where}\n\n${asOfTable}\n\n${summary}\n`);
  if (process.env.BENCH_REPORT === '0') return console.log('BENCH_REPORT=0: docs/benchmarks.md left as it was');
  writeSection(
    'Projections (npm run bench:projections)',
    `${machine({ PostgreSQL: `${pgVersion} (local server)`, 'load average (1/5/15 min) before the floor → at the end': `${loadBefore} → ${loadavg().map((x) => x.toFixed(1)).join(' ')} (the machine is shared: the floor is measured in the same run for that reason)` })}
- city: ${COMMUNITIES} communities × (${SIZE.needs} needs, ${SIZE.pledges} pledges, ${SIZE.tasks} tasks carried by the real deciders through submit/list/match/allocate/propose/accept/progress/complete/verify) = ${fmt(head)} events, ${written}.
- read models: ${ALL_PROJECTIONS.map((p) => p.name).join(', ')}.

${runs}

${figures}

${where}

${asOfTable}

${summary}`,
  );
  console.log('written to docs/benchmarks.md');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
