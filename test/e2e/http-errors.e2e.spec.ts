import type { INestApplication } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApi } from '../../apps/api/src/bootstrap';
import { loadConfig } from '../../apps/common/src/config';

describe('HTTP errors are problem+json', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createApi(loadConfig({ COBUILD_DATA_DIR: mkdtempSync(join(tmpdir(), 'cobuild-http-')) }), { logs: false });
    await app.init();
  });
  afterAll(() => app.close());

  const expectProblem = (res: request.Response, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, code });
    expect(typeof res.body.detail).toBe('string');
    expect(res.headers['x-request-id']).toBeDefined();
  };

  it('404 for an unknown route', async () => {
    expectProblem(await request(app.getHttpServer()).get('/no/such/thing'), 404, 'HTTP.NOT_FOUND');
  });

  it('415 for a body that is not JSON', async () => {
    const res = await request(app.getHttpServer()).post('/needs/x/list').set('Content-Type', 'text/plain').send('hello');
    expectProblem(res, 415, 'HTTP.UNSUPPORTED_MEDIA_TYPE');
  });

  it('400 for broken JSON', async () => {
    const res = await request(app.getHttpServer()).post('/needs/x/reject').set('Content-Type', 'application/json').send('{"reason": ');
    expectProblem(res, 400, 'HTTP.MALFORMED_JSON');
  });

  it('413 for an oversized body', async () => {
    const res = await request(app.getHttpServer())
      .post('/needs/x/reject')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ reason: 'x'.repeat(300 * 1024) }));
    expectProblem(res, 413, 'HTTP.PAYLOAD_TOO_LARGE');
  });

  it('401 for a command without credentials', async () => {
    const res = await request(app.getHttpServer()).post('/needs/x/list');
    expectProblem(res, 401, 'AUTH.MISSING_TOKEN');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expectProblem(await request(app.getHttpServer()).post('/needs/x/list').set('Authorization', 'Bearer nonsense'), 401, 'AUTH.INVALID_TOKEN');
  });

  it('keeps the request id the client sent, and sets security headers', async () => {
    const res = await request(app.getHttpServer()).get('/health/live').set('X-Request-Id', 'abc-123');
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves the OpenAPI document with every need endpoint and the problem schema', async () => {
    const res = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/communities/{communityId}/needs', '/needs/{needId}/list', '/needs/{needId}/reject', '/needs/{needId}']),
    );
    expect(res.body.components.schemas.ProblemDto).toBeDefined();
    expect(res.body.components.schemas.SubmitNeedDto.required).toEqual(expect.arrayContaining(['source', 'title', 'requester']));
  });
});
