import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { communityDigest } from '@cobuild/audit';
import { PgDriver, SqlEventStore } from '@cobuild/event-store';
import { newEvent } from '../../../../libs/event-store/test/fixtures';
import { SchemaJanitor, TEST_POSTGRES_URL } from '../../../../libs/event-store/test/postgres-test-db';

const ROOT = resolve(__dirname, '../../../..');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const janitor = new SchemaJanitor();
afterAll(() => janitor.dropAll());

function cli(schema: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [TSX, 'apps/cli/src/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, COBUILD_EVENT_STORE: 'postgres', COBUILD_POSTGRES_URL: TEST_POSTGRES_URL, COBUILD_EVENT_SCHEMA: schema },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('cobuild audit (the CLI on PostgreSQL)', () => {
  const schema = janitor.next('auditcli');
  let store: SqlEventStore;
  const dir = mkdtempSync(join(tmpdir(), 'cobuild-audit-'));
  beforeAll(async () => {
    store = await SqlEventStore.open(new PgDriver({ connectionString: TEST_POSTGRES_URL }), { schema });
    await store.append('need-1', [newEvent('NeedSubmitted', {}, { communityId: 'ca' }), newEvent('NeedRejected', { reason: '不属于社区职责' }, { communityId: 'ca', requestId: 'req-7' })], { expectedRevision: 'no_stream' });
    await store.append('need-2', [newEvent('NeedSubmitted', {}, { communityId: 'cb' })], { expectedRevision: 'no_stream' });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports the log as JSON Lines, whole or for one community, to stdout or a file', async () => {
    const all = await cli(schema, ['audit', 'export']);
    expect(all.code).toBe(0);
    const lines = all.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.position, l.streamId, l.revision, l.type])).toEqual([
      [1, 'need-1', 0, 'NeedSubmitted'],
      [2, 'need-1', 1, 'NeedRejected'],
      [3, 'need-2', 0, 'NeedSubmitted'],
    ]);
    expect(lines[1]).toMatchObject({ metadata: { actor: { role: 'community_secretary' }, requestId: 'req-7' }, prevHash: lines[0].hash });
    expect(lines[0].contentDigest).toMatch(/^[0-9a-f]{64}$/);
    const file = join(dir, 'cb.jsonl');
    const one = await cli(schema, ['audit', 'export', '--community', 'cb', '--out', file]);
    expect(one.code).toBe(0);
    expect(readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l).streamId)).toEqual(['need-2']);
  });

  it('prints the timeline of one thing with who, why and the request', async () => {
    const r = await cli(schema, ['audit', 'timeline', '--stream', 'need-1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('community_secretary:sec-1');
    expect(r.stdout).toContain('NeedRejected  — 不属于社区职责  [req-7]');
    const json = JSON.parse((await cli(schema, ['audit', 'timeline', '--community', 'ca', '--json'])).stdout);
    expect(json.map((t: { type: string }) => t.type)).toEqual(['NeedSubmitted', 'NeedRejected']);
  });

  it('refuses bad input with one line and exit 2', async () => {
    for (const args of [['audit', 'timeline'], ['audit', 'timeline', '--stream', 'need-404'], ['audit', 'export', '--community', 'a b'], ['audit', 'nope']]) {
      const r = await cli(schema, args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it("re-computes a notice's digest from the log: OK, then a mismatch once the log is altered", async () => {
    const { digest } = await communityDigest(store, 'ca', 3);
    await store.append('notice-n1', [newEvent('NoticePublished', { noticeId: 'n1', communityId: 'ca', logPosition: '3', digest }, { communityId: 'ca' })], {
      expectedRevision: 'no_stream',
    });
    const ok = await cli(schema, ['audit', 'verify-notice', 'n1']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`digest OK ${digest}`);
    expect((await cli(schema, ['audit', 'verify-notice', 'nope'])).code).toBe(2);
    // events after the notice's position do not change it; an edit below it does
    await store.append('need-3', [newEvent('NeedSubmitted', {}, { communityId: 'ca' })], { expectedRevision: 'no_stream' });
    expect((await cli(schema, ['audit', 'verify-notice', 'n1'])).code).toBe(0);
    await store.driver.exec(`UPDATE ${schema}.events SET metadata = jsonb_set(metadata, '{requestId}', '"forged"') WHERE stream_id = 'need-1' AND revision = 0`);
    const bad = await cli(schema, ['audit', 'verify-notice', 'n1', '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, published: digest });
    await store.driver.exec(`UPDATE ${schema}.events SET metadata = metadata - 'requestId' WHERE stream_id = 'need-1' AND revision = 0`);
  });

  it('verifies the log: exit 0 when intact, exit 1 naming the altered event', async () => {
    const ok = await cli(schema, ['audit', 'verify']);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.stdout).toContain('5 events in 4 streams, head position 5: OK');
    await store.driver.exec(`UPDATE ${schema}.events SET data = data || '{"reason":"改过"}' WHERE stream_id = 'need-1' AND revision = 1`);
    const bad = await cli(schema, ['audit', 'verify', '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).findings).toEqual([expect.objectContaining({ kind: 'altered', streamId: 'need-1', revision: 1, position: 2 })]);
  });
});
