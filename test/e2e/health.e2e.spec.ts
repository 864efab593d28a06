import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApi } from '../../apps/api/src/bootstrap';
import { loadConfig } from '../../apps/common/src/config';
import { SchemaJanitor, TEST_POSTGRES_URL } from '../../libs/event-store/test/postgres-test-db';

const REDIS_URL = process.env.COBUILD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const janitor = new SchemaJanitor();
afterAll(() => janitor.dropAll());

describe('health endpoint', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cobuild-api-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function withApp(env: Record<string, string>, fn: (app: INestApplication) => Promise<void>) {
    const app = await createApi(loadConfig(env), { logs: false });
    await app.init();
    try {
      await fn(app);
    } finally {
      await app.close();
    }
  }

  it('answers on the embedded defaults and says jobs wait in the log without Redis', async () => {
    await withApp({ COBUILD_DATA_DIR: dir }, async (app) => {
      const res = await request(app.getHttpServer()).get('/health').expect(200);
      // the API alone: no projector nor worker has ever beaten (the projector has nothing to apply yet)
      expect(res.body.status).toBe('degraded');
      expect(res.body.details.eventStore).toMatchObject({ status: 'up', kind: 'embedded', headPosition: 0 });
      expect(res.body.details.queue).toMatchObject({ status: 'up', backend: 'none' });
      expect(res.body.details.projections).toMatchObject({ status: 'up', state: 'degraded', lagEvents: 0, lastBeatSecondsAgo: null, inProcess: false });
      expect(res.body.details.projections.message).toBe('no projector heartbeat: is the projector running?');
      expect(res.body.details.worker).toMatchObject({ status: 'up', state: 'degraded', lastBeatSecondsAgo: null });
      await request(app.getHttpServer()).get('/health/live').expect(200);
    });
  });

  it('answers on PostgreSQL with a reachable Redis', async () => {
    await withApp(
      { COBUILD_EVENT_STORE: 'postgres', COBUILD_POSTGRES_URL: TEST_POSTGRES_URL, COBUILD_EVENT_SCHEMA: janitor.next('api'), REDIS_URL },
      async (app) => {
        const res = await request(app.getHttpServer()).get('/health/ready').expect(200);
        expect(res.body.details.eventStore).toMatchObject({ status: 'up', kind: 'postgres' });
        expect(res.body.details.queue).toEqual({ status: 'up', backend: 'redis', dispatcher: { state: 'connected', position: 0, backlog: 0 } });
      },
    );
  });

  it('stays ready but reports an unreachable Redis', async () => {
    await withApp({ COBUILD_DATA_DIR: dir, REDIS_URL: 'redis://127.0.0.1:1' }, async (app) => {
      const res = await request(app.getHttpServer()).get('/health').expect(200);
      expect(res.body.details.queue).toMatchObject({ status: 'up', backend: 'redis', reachable: false, dispatcher: { state: 'waiting', backlog: 0 } });
    });
  });
});
