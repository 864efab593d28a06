import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountsService } from '@cobuild/auth';
import { createEventStore } from '@cobuild/event-store';
import { ALL_PROJECTIONS } from '@cobuild/projections';
import { spawnCli } from './audit/testing/run-cli';

/** The CLI as an operator runs it, on an embedded store of its own. */
const cli = (dataDir: string, args: string[], stdin = '') =>
  spawnCli(args, { COBUILD_EVENT_STORE: 'embedded', COBUILD_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, stdin);

/** The CLI commands that other tests reach only through their refusals, used successfully. Each test has its own data folder. */
describe('cobuild store status, users password, projections status (CLI, embedded store)', () => {
  const dirs: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'cobuild-cli-ops-'));
    dirs.push(dir);
    return join(dir, 'data');
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('store status prints the store and its head position, as text or JSON', async () => {
    const dir = folder();
    // a read-only command does not create a data folder that is not there: it names it and exits 1
    const missing = await cli(dir, ['store', 'status']);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toContain(dir);
    expect((await cli(dir, ['users', 'add', 'admin', '--name', '区管理员', '--password-stdin'], 'correct horse battery\n')).code).toBe(0);
    const store = await createEventStore({ kind: 'embedded', dataDir: dir });
    const head = await store.headPosition();
    await store.close();
    expect(head).toBeGreaterThan(0);
    expect(await cli(dir, ['store', 'status'])).toMatchObject({ code: 0, stdout: `event store: embedded\nhead position: ${head}\n` });
    const json = await cli(dir, ['store', 'status', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ kind: 'embedded', headPosition: head });
  });

  it('users password sets a new password: the new one signs in, the old one no longer does', async () => {
    const dir = folder();
    expect((await cli(dir, ['users', 'add', 'wang', '--name', '王', '--password-stdin'], 'the old password 123\n')).code).toBe(0);
    expect(await cli(dir, ['users', 'password', 'wang', '--password-stdin'], 'the new password 456\n')).toMatchObject({ code: 0, stdout: 'password of wang changed\n' });
    const store = await createEventStore({ kind: 'embedded', dataDir: dir });
    try {
      const accounts = new AccountsService(store);
      expect(await accounts.verifyPassword('wang', 'the new password 456')).toMatchObject({ username: 'wang' });
      expect(await accounts.verifyPassword('wang', 'the old password 123')).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('projections status shows every read model serving at the head once built', async () => {
    const dir = folder();
    expect((await cli(dir, ['users', 'add', 'li', '--name', '李', '--password-stdin'], 'correct horse battery\n')).code).toBe(0);
    expect((await cli(dir, ['projections', 'rebuild', '--wait'])).code).toBe(0);
    const store = await createEventStore({ kind: 'embedded', dataDir: dir });
    const head = await store.headPosition();
    await store.close();
    const status = await cli(dir, ['projections', 'status', '--json']);
    expect(status.code).toBe(0);
    const rows = JSON.parse(status.stdout) as Array<{ projection: string; serving: boolean; position: number; lagEvents: number }>;
    const serving = rows.filter((r) => r.serving);
    expect(serving.map((r) => r.projection).sort()).toEqual(ALL_PROJECTIONS.map((p) => p.name).sort());
    for (const r of serving) expect(r).toMatchObject({ position: head, lagEvents: 0 });
    const text = await cli(dir, ['projections', 'status']);
    expect(text.stdout.trim().split('\n')).toHaveLength(rows.length);
    expect(text.stdout).toContain(`at ${head} (0 behind)`);
  });
});
