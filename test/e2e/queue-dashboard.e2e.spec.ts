import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import request from 'supertest';
import { AccountsService, type RoleGrant } from '@cobuild/auth';
import { createApi } from '../../apps/api/src/bootstrap';
import { loadConfig } from '../../apps/common/src/config';

const REDIS_URL = process.env.COBUILD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The queue dashboard (/admin/queues, bull-board) and the queue metrics, on a real Redis under a test-only prefix. */
describe('queue dashboard and queue metrics', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cobuild-queues-'));
  const prefix = `cobuild-test-dash-${randomUUID().slice(0, 8)}`;
  let app: INestApplication;
  let connection: IORedis;
  let webhooks: Queue;
  let admin: string;
  let secretary: string;

  const token = async (grant: RoleGrant) => {
    const accounts = app.get(AccountsService);
    const name = `u${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const account = await accounts.addAccount(name, name, 'correct horse battery staple');
    await accounts.grantRole(account.accountId, grant);
    return (await accounts.issueApiToken(account.accountId, 'e2e')).token;
  };

  beforeAll(async () => {
    app = await createApi(loadConfig({ COBUILD_DATA_DIR: dir, REDIS_URL, COBUILD_QUEUE_PREFIX: prefix, COBUILD_JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123' }), { logs: false });
    await app.init();
    connection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
    webhooks = new Queue('webhooks', { connection, prefix });
    await webhooks.add('webhook-payload', { n: 1 }, { jobId: 'dash-1', delay: 60_000 });
    await webhooks.add('webhook-payload', { n: 2 }, { jobId: 'dash-2' });
    admin = await token({ role: 'district_admin', scope: { kind: 'district', id: 'd1' } });
    secretary = await token({ role: 'community_secretary', scope: { kind: 'community', id: 'c1' } });
  });
  afterAll(async () => {
    await app.close();
    await webhooks.obliterate({ force: true });
    await webhooks.close();
    await connection.quit();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses callers without a token (401) and without the district_admin role (403), as problem+json', async () => {
    const none = await request(app.getHttpServer()).get('/admin/queues/api/queues').expect(401);
    expect(none.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(none.body.code).toBe('AUTH.MISSING_TOKEN');
    const bad = await request(app.getHttpServer()).get('/admin/queues').set('Authorization', 'Bearer cbt_nope').expect(401);
    expect(bad.body.code).toBe('AUTH.INVALID_TOKEN');
    const staff = await request(app.getHttpServer()).get('/admin/queues').set('Authorization', `Bearer ${secretary}`).expect(403);
    expect(staff.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
  });

  it('shows the queues and their jobs to a district admin', async () => {
    const page = await request(app.getHttpServer()).get('/admin/queues').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(page.text).toContain('<html');
    const api = await request(app.getHttpServer()).get('/admin/queues/api/queues').set('Authorization', `Bearer ${admin}`).expect(200);
    const names = (api.body.queues as Array<{ name: string; counts: Record<string, number> }>).map((q) => q.name);
    expect(names).toEqual(expect.arrayContaining(['reminders', 'webhooks', 'notices']));
    const q = api.body.queues.find((x: { name: string }) => x.name === 'webhooks');
    expect(q.counts).toMatchObject({ delayed: 1, waiting: 1 });
  });

  it('opens a browser session: the token as an HttpOnly cookie scoped to the dashboard', async () => {
    const res = await request(app.getHttpServer()).post('/admin/queues/session').set('Authorization', `Bearer ${admin}`).expect(204);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/cobuild_queues=.*; Path=\/admin\/queues; HttpOnly; SameSite=Strict/);
    await request(app.getHttpServer()).get('/admin/queues/api/queues').set('Cookie', cookie.split(';')[0]).expect(200);
  });

  it('reports queue depth by state and the backend being up on /metrics', async () => {
    const res = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(res.text).toMatch(/cobuild_queue_jobs\{queue="webhooks",state="delayed"\} 1/);
    expect(res.text).toMatch(/cobuild_queue_jobs\{queue="webhooks",state="waiting"\} 1/);
    expect(res.text).toMatch(/cobuild_queue_jobs\{queue="webhooks",state="failed"\} 0/);
    expect(res.text).toMatch(/cobuild_queue_up\{queue="reminders"\} 1/);
  });

  it('says when no queue is configured', async () => {
    const bare = await createApi(loadConfig({ COBUILD_DATA_DIR: mkdtempSync(join(tmpdir(), 'cobuild-noq-')) }), { logs: false });
    await bare.init();
    try {
      const res = await request(bare.getHttpServer()).get('/admin/queues').expect(503);
      expect(res.body.code).toBe('QUEUE.NOT_CONFIGURED');
    } finally {
      await bare.close();
    }
  });
});
