import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AccountsService } from '@cobuild/auth';
import { createEventStore, type EventStore } from '@cobuild/event-store';
import { SchemaJanitor, TEST_POSTGRES_URL } from '../../../libs/event-store/test/postgres-test-db';
import { redisClient } from '../../../apps/worker/src/jobs/queue-backend';
import { needBody } from '../authorization/examples/needs.examples';

const ROOT = resolve(__dirname, '../../..');
const REDIS_URL = process.env.COBUILD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECRET = 'entry-points-webhook-secret-0123456789';
const PASSWORD = 'correct horse battery staple';

/** One of the apps as an operator runs it: its own node process from its entry point (see ts-register.cjs). */
class App {
  readonly output: string[] = [];
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;
  constructor(readonly entry: string, env: Record<string, string>) {
    this.child = spawn(process.execPath, ['-r', './test/e2e/processes/ts-register.cjs', entry], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', COBUILD_JWT_SECRET: 'entry-points-secret-entry-points-0123', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d) => this.output.push(String(d)));
    this.child.stderr!.on('data', (d) => this.output.push(String(d)));
    this.exited = new Promise((done) => this.child.on('exit', (code, signal) => done({ code, signal })));
  }
  /** SIGTERM, then the exit it causes (bounded) */
  async terminate(timeoutMs = 60_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode !== null) return this.exited;
    this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(`${this.entry} did not exit ${timeoutMs} ms after SIGTERM:\n${this.output.join('')}`)), timeoutMs)));
    try {
      return await Promise.race([this.exited, late]);
    } finally {
      clearTimeout(timer);
    }
  }
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, apps: App[], timeoutMs = 120_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${apps.map((a) => `--- ${a.entry}\n${a.output.join('')}`).join('\n')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const freePort = () =>
  new Promise<number>((done) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => done(port));
    });
  });

async function call(base: string, method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** An admin account with an API token, straight on the store (what `cobuild users add/role/token` do). */
async function adminToken(store: EventStore, districtId: string): Promise<string> {
  const accounts = new AccountsService(store);
  const account = await accounts.addAccount(`admin${randomUUID().slice(0, 8)}`, '区管理员', PASSWORD);
  await accounts.grantRole(account.accountId, { role: 'district_admin', scope: { kind: 'district', id: districtId } });
  await accounts.grantRole(account.accountId, { role: 'community_secretary', scope: { kind: 'community', id: 'c-entry' } });
  return (await accounts.issueApiToken(account.accountId, 'entry-points')).token;
}

/** a district with a street and a community, a need submitted and listed, a notice published: what it answers */
async function flow(base: string, token: string, districtId: string) {
  const ok = async (method: string, path: string, body?: unknown) => {
    const res = await call(base, method, path, token, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  await ok('POST', '/districts', { districtId, name: '城西区' });
  await ok('POST', `/districts/${districtId}/streets`, { streetId: 's-entry', name: '和平街道' });
  await ok('POST', '/streets/s-entry/communities', { communityId: 'c-entry', name: '和平社区' });
  const need = await ok('POST', '/communities/c-entry/needs', needBody({ title: '楼道加装扶手' }));
  const notice = await ok('POST', '/communities/c-entry/notices', { kind: 'periodic_lists', title: '三张清单公示' });
  return { needId: need.id as string, needPosition: need.position as number, noticeId: notice.id as string };
}

describe('the apps started as processes from their entry points', () => {
  jest.setTimeout(400_000);
  let hook: Server;
  let hookUrl: string;
  const delivered: any[] = [];
  beforeAll(async () => {
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        delivered.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise<void>((r) => hook.close(() => r())));

  it('api, projector and worker as three processes on PostgreSQL and Redis: health, a command reaches the read model and a job, SIGTERM ends each cleanly', async () => {
    const janitor = new SchemaJanitor();
    const schema = janitor.next('procs');
    const prefix = `test-procs-${randomUUID().slice(0, 8)}`;
    const port = await freePort();
    const env = {
      COBUILD_EVENT_STORE: 'postgres', COBUILD_POSTGRES_URL: TEST_POSTGRES_URL, COBUILD_EVENT_SCHEMA: schema,
      REDIS_URL, COBUILD_QUEUE_PREFIX: prefix, PORT: String(port), HOST: '127.0.0.1',
      COBUILD_WEBHOOKS: JSON.stringify([{ id: 'board', url: hookUrl, secret: SECRET, topics: ['notice'] }]),
    };
    const api = new App('apps/api/src/main.ts', env);
    const apps = [api];
    const store = await createEventStore({ kind: 'postgres', postgresUrl: TEST_POSTGRES_URL, schema });
    try {
      const base = `http://127.0.0.1:${port}`;
      await until('the api to answer /health', async () => (await call(base, 'GET', '/health', null)).status === 200, apps);
      const projector = new App('apps/projector/src/main.ts', env);
      const worker = new App('apps/worker/src/main.ts', env);
      apps.push(projector, worker);
      const districtId = `d-${randomUUID().slice(0, 8)}`;
      const { needId, needPosition, noticeId } = await flow(base, await adminToken(store, districtId), districtId);
      // the projector process applied the need to the needs list (read your own write, bounded by the API)
      const token = await adminToken(store, districtId);
      const list = await until('the needs list to show the need', async () => {
        const res = await call(base, 'GET', `/communities/c-entry/lists/needs?minPosition=${needPosition}&status=submitted`, token);
        return res.status === 200 && res.body.items.some((i: { id: string }) => i.id === needId) && res.body;
      }, apps);
      expect(list.items.find((i: { id: string }) => i.id === needId)).toMatchObject({ title: '楼道加装扶手', status: 'submitted' });
      // the worker process took the notice's webhook job from the queue and delivered it
      const sent = await until('the notice webhook', async () => delivered.find((d) => d.noticeId === noticeId), apps);
      expect(sent).toMatchObject({ type: 'cobuild.notice.published', communityId: 'c-entry', title: '三张清单公示' });
      expect((await call(base, 'GET', '/health', null)).body.details).toMatchObject({ eventStore: { status: 'up', kind: 'postgres' }, queue: { status: 'up' } });
      for (const app of [worker, projector, api]) expect({ entry: app.entry, ...(await app.terminate()) }).toEqual({ entry: app.entry, code: 0, signal: null });
    } finally {
      for (const app of apps) app.kill();
      await store.close();
      await janitor.dropAll();
      const redis = redisClient(REDIS_URL, true);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    }
  });

  it('npm start\'s apps/main.ts (api + projector + worker in one process) on the embedded store: health, a command reaches the read model and a job, SIGTERM ends it cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cobuild-main-'));
    const dataDir = join(dir, 'data');
    const prefix = `test-main-${randomUUID().slice(0, 8)}`;
    const port = await freePort();
    // the first admin, made before start (PGlite opens its folder from one process at a time), as the README's CLI does
    const districtId = `d-${randomUUID().slice(0, 8)}`;
    const store = await createEventStore({ kind: 'embedded', dataDir });
    const token = await adminToken(store, districtId);
    await store.close();
    const main = new App('apps/main.ts', {
      COBUILD_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', REDIS_URL, COBUILD_QUEUE_PREFIX: prefix,
      COBUILD_WEBHOOKS: JSON.stringify([{ id: 'board', url: hookUrl, secret: SECRET, topics: ['notice'] }]),
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      await until('apps/main.ts to answer /health', async () => (await call(base, 'GET', '/health', null)).status === 200, [main]);
      const { needId, needPosition, noticeId } = await flow(base, token, districtId);
      const list = await until('the needs list to show the need', async () => {
        const res = await call(base, 'GET', `/communities/c-entry/lists/needs?minPosition=${needPosition}&status=submitted`, token);
        return res.status === 200 && res.body.items.some((i: { id: string }) => i.id === needId) && res.body;
      }, [main]);
      expect(list.items.find((i: { id: string }) => i.id === needId)).toMatchObject({ title: '楼道加装扶手', status: 'submitted' });
      const sent = await until('the notice webhook', async () => delivered.find((d) => d.noticeId === noticeId), [main]);
      expect(sent).toMatchObject({ type: 'cobuild.notice.published', communityId: 'c-entry' });
      expect((await call(base, 'GET', '/health', null)).body.details).toMatchObject({ eventStore: { status: 'up', kind: 'embedded' }, queue: { status: 'up' } });
      expect(await main.terminate()).toEqual({ code: 0, signal: null });
    } finally {
      main.kill();
      rmSync(dir, { recursive: true, force: true });
      const redis = redisClient(REDIS_URL, true);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    }
  });
});
