import { Logger, type INestApplication } from '@nestjs/common';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApi } from '../../apps/api/src/bootstrap';
import { loadConfig } from '../../apps/common/src/config';

/** every `*.dto.ts` module of the API */
function dtoFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return dtoFiles(path);
    return name.endsWith('.dto.ts') ? [path] : [];
  });
}

describe('the OpenAPI document: one name per schema', () => {
  let app: INestApplication;
  let dir: string;
  const warnings: string[] = [];

  beforeAll(async () => {
    // @nestjs/swagger reports a second class under a taken schema name with Logger.warn (and keeps only the last one)
    jest.spyOn(Logger, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
    dir = mkdtempSync(join(tmpdir(), 'cobuild-openapi-'));
    app = await createApi(loadConfig({ COBUILD_DATA_DIR: dir, COBUILD_JWT_SECRET: 'openapi-secret-openapi-secret-0123456' }), { logs: false });
    await app.init();
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds with no duplicate-DTO warning', async () => {
    const res = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(Object.keys(res.body.components.schemas).length).toBeGreaterThan(50);
    expect(warnings.filter((w) => w.includes('Duplicate DTO'))).toEqual([]);
  });

  it('has no two exported DTO classes of the same name (a schema is named by its class)', async () => {
    const owners = new Map<string, string[]>();
    for (const file of dtoFiles(join(__dirname, '../../apps/api/src'))) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (typeof value !== 'function' || !/^class\s/.test(Function.prototype.toString.call(value))) continue;
        owners.set(name, [...(owners.get(name) ?? []), file.replace(/^.*apps\/api\/src\//, '')]);
      }
    }
    expect(owners.size).toBeGreaterThan(50);
    expect([...owners].filter(([, files]) => files.length > 1)).toEqual([]);
  });
});
