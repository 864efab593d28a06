/**
 * npm run bench:api — command throughput and latency of the running app on PostgreSQL, beside a
 * bare Nest endpoint on the same server answering a constant (the framework floor), in one run.
 *
 * The app runs as its own process (the built dist, as in production) so autocannon does not share
 * its event loop. Figures go to docs/benchmarks.md.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { Pool } from 'pg';
import { AccountsService } from '../../libs/auth/src';
import { PgDriver, SqlEventStore } from '../../libs/event-store/src';
import { fmt, machine, table, writeSection } from './bench-report';

const PG = process.env.COBUILD_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PORT = Number(process.env.BENCH_PORT ?? 3977);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const ACCEPT_TASKS = Number(process.env.BENCH_ACCEPT_TASKS ?? 4000);
// autocannon fires each connection's share of a fixed rate in step: fewer connections, smaller bursts
const RATE_CONNECTIONS = Number(process.env.BENCH_RATE_CONNECTIONS ?? 5);
const base = `http://127.0.0.1:${PORT}`;
const schema = `bench_api_${Date.now()}`;

async function waitForHealth(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/health/live`)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the API did not start');
}

async function post(path: string, token: string, body: unknown): Promise<{ id: string }> {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

const needBody = () =>
  JSON.stringify({
    needId: randomUUID(),
    source: 'resident',
    title: '3号楼加装扶手',
    description: '楼道无扶手，老人上下楼困难',
    category: '助老',
    urgency: 'high',
    beneficiaries: { description: '3号楼老人', count: 12 },
    location: { gridId: 'g3', address: '和平路3号' },
    requester: { name: '张三', phone: '13812345678' },
  });

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));
}

async function main(): Promise<void> {
  console.log('bench:api — building the app…');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');

  // accounts are written straight into the store the app will use (same schema)
  const store = await SqlEventStore.open(new PgDriver({ connectionString: PG }), { schema });
  const accounts = new AccountsService(store);
  const admin = await accounts.addAccount('bench-admin', 'bench', 'bench-password-1234');
  const suffix = randomUUID().slice(0, 8);
  const [d, s, c] = [`d-${suffix}`, `s-${suffix}`, `c-${suffix}`];
  await accounts.grantRole(admin.accountId, { role: 'district_admin', scope: { kind: 'district', id: d } });
  await accounts.grantRole(admin.accountId, { role: 'community_secretary', scope: { kind: 'community', id: c } });
  const { token } = await accounts.issueApiToken(admin.accountId, 'bench');
  const unitId = `u-${suffix}`;
  const contact = await accounts.addAccount('bench-unit', 'bench unit', 'bench-password-1234');
  await accounts.grantRole(contact.accountId, { role: 'unit_contact', scope: { kind: 'unit', id: unitId } });
  const unitToken = (await accounts.issueApiToken(contact.accountId, 'bench')).token;
  await store.close();

  const app: ChildProcess = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env: {
      ...process.env,
      COBUILD_EVENT_STORE: 'postgres',
      COBUILD_POSTGRES_URL: PG,
      COBUILD_EVENT_SCHEMA: schema,
      PORT: String(PORT),
      LOG_LEVEL: 'warn',
      COBUILD_BENCH_FLOOR: '1',
      COBUILD_JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForHealth();
    await post('/districts', token, { districtId: d, name: '区' });
    await post(`/districts/${d}/streets`, token, { streetId: s, name: '街道' });
    await post(`/streets/${s}/communities`, token, { communityId: c, name: '社区' });
    await post(`/communities/${c}/units`, token, {
      unitId,
      unitName: '区人民医院',
      partyOrganisationName: '区人民医院党委',
      contactPerson: { name: '赵医生', phone: '13600001111' },
      superiorDepartment: '区卫健委',
    });
    // tasks assigned to the unit, to be accepted: each formed from a listed need
    console.log(`preparing ${ACCEPT_TASKS} assigned tasks…`);
    const taskIds: string[] = [];
    const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString();
    for (let i = 0; i < ACCEPT_TASKS; i += 16)
      await Promise.all(
        Array.from({ length: Math.min(16, ACCEPT_TASKS - i) }, async () => {
          const needId = (await post(`/communities/${c}/needs`, token, JSON.parse(needBody()))).id;
          await post(`/needs/${needId}/list`, token, {});
          const taskId = (
            await post(`/communities/${c}/tasks`, token, {
              title: '楼道急救包配置',
              description: '配置急救包并培训楼长',
              needIds: [needId],
              assignment: { responsibleUnitId: unitId, responsiblePerson: { name: '赵医生', phone: '13600001111' }, deadline },
            })
          ).id;
          taskIds.push(taskId);
        }),
      );
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const submit: autocannon.Request = { method: 'POST', path: `/communities/${c}/needs`, headers, setupRequest: (req) => ({ ...req, body: needBody() }) };
    const floor: autocannon.Request = { method: 'POST', path: '/bench/floor', headers, body: needBody() };

    // warm-up
    await run({ url: base, duration: 3, connections: 4, requests: [submit] });
    await run({ url: base, duration: 2, connections: 4, requests: [floor] });

    const results: Array<[string, autocannon.Result]> = [];
    for (const [name, request] of [['floor: bare endpoint, constant answer', floor], ['submit-need (command)', submit]] as const) {
      console.log(`max throughput: ${name}…`);
      results.push([`${name}, ${CONNECTIONS} connections`, await run({ url: base, duration: DURATION, connections: CONNECTIONS, requests: [request] })]);
    }
    console.log('fixed rate 200 req/s: submit-need…');
    results.push(['submit-need at 200 req/s', await run({ url: base, duration: DURATION, connections: RATE_CONNECTIONS, overallRate: 200, requests: [submit] })]);
    // accept-task: each request accepts the next prepared task, as the unit's contact
    let next = 0;
    const accept = (): autocannon.Request => ({
      method: 'POST',
      path: '/tasks/x/accept',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${unitToken}` },
      setupRequest: (req) => ({ ...req, path: `/tasks/${taskIds[next++ % taskIds.length]}/accept`, body: '{}' }),
    });
    const half = Math.floor(taskIds.length / 2);
    console.log('max throughput: accept-task…');
    results.push([`accept-task (command), ${CONNECTIONS} connections`, await run({ url: base, amount: half, connections: CONNECTIONS, requests: [accept()] })]);
    console.log('fixed rate 200 req/s: accept-task…');
    results.push(['accept-task at 200 req/s', await run({ url: base, amount: taskIds.length - half, connections: RATE_CONNECTIONS, overallRate: 200, requests: [accept()] })]);

    for (const [name, r] of results) if (r.non2xx > 0 || r.errors > 0) console.warn(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    const [floorR, cmdR, rateR, acceptR, acceptRateR] = results.map(([, r]) => r);
    const rows = results.map(([name, r]) => [name, fmt(r.requests.average), fmt(r.latency.p50, 1), fmt(r.latency.p99, 1), fmt(r.non2xx + r.errors)]);
    const figures = table(['run', 'requests/s', 'p50 ms', 'p99 ms', 'failed'], rows);
    const ratio = cmdR.requests.average / floorR.requests.average;
    const summary = table(
      ['measure', 'value', 'target'],
      [
        ['submit-need throughput / floor throughput', `${(ratio * 100).toFixed(0)}%`, '≥ 40%'],
        ['submit-need p99 at 200 req/s', `${fmt(rateR.latency.p99, 1)} ms`, '< 50 ms'],
        ['accept-task throughput / floor throughput', `${((acceptR.requests.average / floorR.requests.average) * 100).toFixed(0)}%`, '≥ 40%'],
        ['accept-task p99 at 200 req/s', `${fmt(acceptRateR.latency.p99, 1)} ms`, '< 50 ms'],
      ],
    );
    console.log(`\n${figures}\n\n${summary}\n`);
    const pgVersion = await (async () => {
      const p = new Pool({ connectionString: PG, max: 1 });
      try {
        return (await p.query('SHOW server_version')).rows[0].server_version as string;
      } finally {
        await p.end();
      }
    })();
    writeSection(
      'HTTP API (npm run bench:api)',
      `${machine({ PostgreSQL: `${pgVersion} (local server)`, load: `autocannon ${DURATION} s per run (fixed-rate runs over ${RATE_CONNECTIONS} connections), the app as its own process (built dist), log level warn` })}

${figures}

${summary}

The floor is a bare endpoint of the same app (same body parsing, guards, filters) answering a constant. submit-need authenticates an API token, validates the body, loads the need's stream and the community's place, authorises, decides and appends with an expected revision, each with a fresh need id. accept-task is the responsible unit's contact accepting a task assigned to its unit (each request a different task, prepared beforehand through the API: need submitted, listed, task formed and assigned); its runs are bounded by the number of prepared tasks.`,
    );
    console.log('written to docs/benchmarks.md');
  } finally {
    app.kill('SIGTERM');
    await new Promise((r) => app.once('exit', r));
    const p = new Pool({ connectionString: PG, max: 1 });
    await p.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => p.end());
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
