import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';
import { startAllInOne } from '../../apps/all-in-one';
import { createApi } from '../../apps/api/src/bootstrap';
import { loadConfig } from '../../apps/common/src/config';
import { SchemaJanitor, TEST_POSTGRES_URL } from '../../libs/event-store/test/postgres-test-db';

/**
 * The split layout as production runs it: the API here, the projector and the worker as real
 * processes of their own (their `main.ts`) on PostgreSQL and Redis. Killing one (SIGKILL: no clean
 * stop, its last checkpoint or heartbeat just stays) turns /health `degraded` (still 200) and shows
 * in the /metrics gauges; starting it again brings `ok` back.
 */
const REDIS_URL = process.env.COBUILD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROOT = join(__dirname, '..', '..');
const janitor = new SchemaJanitor();
const env: Record<string, string> = {
  COBUILD_EVENT_STORE: 'postgres',
  COBUILD_POSTGRES_URL: TEST_POSTGRES_URL,
  COBUILD_EVENT_SCHEMA: janitor.next('split_health'),
  REDIS_URL,
  COBUILD_QUEUE_PREFIX: `health-${randomUUID().slice(0, 8)}`,
  COBUILD_HEALTH_MAX_LAG_SECONDS: '2',
  COBUILD_HEALTH_STALE_SECONDS: '3',
  COBUILD_HEARTBEAT_SECONDS: '1',
  LOG_LEVEL: 'silent',
};

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 90_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? ` (${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** one app of the split layout as its own process (its real entry point) */
function startApp(app: 'projector' | 'worker'): { child: ChildProcess; exited: Promise<void> } {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(ROOT, `apps/${app}/src/main.ts`)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { child, exited: new Promise<void>((resolve) => child.once('exit', () => resolve())) };
}

async function kill(p: { child: ChildProcess; exited: Promise<void> } | null): Promise<void> {
  if (!p || p.child.exitCode !== null) return;
  p.child.kill('SIGKILL');
  await p.exited;
}

/** a gauge's value as /metrics shows it */
function gauge(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`${name} is not in /metrics`);
  return Number(line.slice(name.length + 1));
}

describe('health and metrics in the split layout (api, projector, worker as processes on PostgreSQL and Redis)', () => {
  let api: INestApplication;
  let store: EventStore;
  let projector: { child: ChildProcess; exited: Promise<void> } | null = null;
  let worker: { child: ChildProcess; exited: Promise<void> } | null = null;

  beforeAll(async () => {
    api = await createApi(loadConfig(env), { logs: false });
    await api.init();
    store = api.get<EventStore>(EVENT_STORE);
  });
  afterAll(async () => {
    await kill(projector);
    await kill(worker);
    await api?.close();
    await janitor.dropAll();
  });

  const health = async () => {
    const res = await request(api.getHttpServer()).get('/health');
    expect(res.status).toBe(200); // degraded is not down
    return res.body as { status: string; details: Record<string, Record<string, any>> };
  };
  const metrics = async () => (await request(api.getHttpServer()).get('/metrics').expect(200)).text;
  /** an event the projector has to apply (an account opened through the API's own service would do as well) */
  const append = () =>
    store.append(
      `probe-${randomUUID()}`,
      [
        {
          id: randomUUID(),
          type: 'ProbeRecorded',
          schemaVersion: 1,
          data: {},
          metadata: { actor: { id: 'e2e', role: 'system' }, communityId: null, correlationId: randomUUID(), causationId: null, idempotencyKey: null, occurredAt: new Date().toISOString() },
        },
      ],
      { expectedRevision: 'no_stream' },
    );

  it('reports degraded with neither projector nor worker running, and both gauges', async () => {
    await append();
    const body = await until('the lag to pass the threshold', async () => {
      const b = await health();
      return b.details.projections.lagSeconds > 2 && b;
    });
    expect(body.status).toBe('degraded');
    expect(body.details.projections).toMatchObject({ status: 'up', state: 'degraded', lagEvents: 1, head: 1, position: 0, maxLagSeconds: 2, lastBeatSecondsAgo: null });
    expect(body.details.projections.message).toMatch(/^the read models are 1 events behind, the oldest unapplied event is \d+ s old; no projector heartbeat: is the projector running\?$/);
    expect(body.details.worker).toMatchObject({ status: 'up', state: 'degraded', lastBeatSecondsAgo: null, workers: [] });
    const text = await metrics();
    expect(gauge(text, 'cobuild_projector_lag_events')).toBe(1);
    expect(gauge(text, 'cobuild_projector_lag_seconds')).toBeGreaterThan(2);
    expect(gauge(text, 'cobuild_worker_up')).toBe(0);
    expect(gauge(text, 'cobuild_projector_up')).toBe(0);
    expect(gauge(text, 'cobuild_worker_heartbeat_age_seconds')).toBeNaN();
    expect(gauge(text, 'cobuild_projector_heartbeat_age_seconds')).toBeNaN(); // prom-client writes Nan, which Prometheus parses
  });

  it('turns ok once the projector and the worker run, each in its own process', async () => {
    projector = startApp('projector');
    worker = startApp('worker');
    const body = await until('health to be ok', async () => {
      const b = await health();
      return b.status === 'ok' && b;
    });
    expect(body.details.projections).toMatchObject({ state: 'ok', lagEvents: 0, lagSeconds: 0, inProcess: false });
    expect(body.details.worker).toMatchObject({ state: 'ok', staleAfterSeconds: 3 });
    expect(body.details.worker.workers).toEqual([expect.objectContaining({ id: `worker@${hostname()}#${worker.child.pid}`, dispatcher: expect.any(String) })]);
    const text = await until('the gauges to show it', async () => {
      const t = await metrics();
      return gauge(t, 'cobuild_worker_up') === 1 && gauge(t, 'cobuild_projector_up') === 1 && gauge(t, 'cobuild_projector_lag_events') === 0 && t;
    });
    expect(gauge(text, 'cobuild_projector_lag_seconds')).toBe(0);
    expect(gauge(text, 'cobuild_worker_heartbeat_age_seconds')).toBeLessThan(3);
  });

  it('a killed projector: its heartbeat goes stale even with nothing to apply, the lag grows with new events, health turns degraded; a new one catches up', async () => {
    await kill(projector);
    const idle = await until('the projections to be degraded with nothing to apply', async () => {
      const b = await health();
      return b.details.projections.state === 'degraded' && b;
    });
    expect(idle.status).toBe('degraded');
    expect(idle.details.projections).toMatchObject({ lagEvents: 0, lagSeconds: 0 });
    expect(idle.details.projections.lastBeatSecondsAgo).toBeGreaterThanOrEqual(3);
    expect(idle.details.projections.message).toMatch(/^the last projector heartbeat is \d+ s old: is the projector running\?$/);
    expect(gauge(await metrics(), 'cobuild_projector_up')).toBe(0);

    const head = await store.headPosition();
    await append();
    await append();
    const body = await until('the lag to pass its threshold', async () => {
      const b = await health();
      return b.details.projections.lagSeconds > 2 && b;
    });
    expect(body.status).toBe('degraded');
    expect(body.details.projections.position).toBeLessThanOrEqual(head);
    expect(body.details.projections.lagEvents).toBeGreaterThanOrEqual(2);
    expect(body.details.projections.message).toMatch(/^the read models are \d+ events behind, the oldest unapplied event is \d+ s old; the last projector heartbeat is \d+ s old: is the projector running\?$/);
    expect(body.details.worker.state).toBe('ok'); // the worker still beats
    expect(gauge(await metrics(), 'cobuild_projector_lag_events')).toBeGreaterThanOrEqual(2);

    projector = startApp('projector');
    await until('the projector to catch up', async () => (await health()).details.projections.lagEvents === 0);
  });

  it('a killed worker: its heartbeat stops, goes stale, and health turns degraded; a new one beats again', async () => {
    const pid = worker!.child.pid;
    await kill(worker);
    const body = await until('the worker to be degraded', async () => {
      const b = await health();
      return b.details.worker.state === 'degraded' && b;
    });
    expect(body.status).toBe('degraded');
    // the dead worker's last row stays (SIGKILL: no clean stop), older than the threshold
    expect(body.details.worker.workers[0].id).toMatch(new RegExp(`#${pid}$`));
    expect(body.details.worker.lastBeatSecondsAgo).toBeGreaterThanOrEqual(3);
    expect(body.details.worker.message).toMatch(/is the worker running\?/);
    expect(body.details.projections.state).toBe('ok');
    expect(gauge(await metrics(), 'cobuild_worker_up')).toBe(0);
    expect(gauge(await metrics(), 'cobuild_worker_heartbeat_age_seconds')).toBeGreaterThanOrEqual(3);

    worker = startApp('worker');
    const ok = await until('health to be ok again', async () => {
      const b = await health();
      return b.status === 'ok' && b;
    });
    expect(ok.details.worker.workers[0].id).toMatch(new RegExp(`#${worker.child.pid}$`));
  });
});

describe('health in the all-in-one process (npm start: api, projector and worker in one process, embedded store)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cobuild-all-in-one-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports ok with the projector and the worker in process, and the gauges say so', async () => {
    const all = await startAllInOne(loadConfig({ COBUILD_DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }));
    try {
      const server = all.api.getHttpServer();
      const body = await until('health to be ok', async () => {
        const res = await request(server).get('/health').expect(200);
        return res.body.status === 'ok' && (res.body as { details: Record<string, Record<string, any>> });
      });
      expect(body.details.projections).toMatchObject({ state: 'ok', lagEvents: 0, inProcess: true });
      expect(body.details.worker).toMatchObject({ state: 'ok' });
      expect(body.details.worker.workers).toEqual([expect.objectContaining({ id: `worker@${hostname()}#${process.pid}` })]);
      const text = (await request(server).get('/metrics').expect(200)).text;
      expect(gauge(text, 'cobuild_projector_lag_events')).toBe(0);
      expect(gauge(text, 'cobuild_worker_up')).toBe(1);
    } finally {
      await all.stop();
    }
  });
});
