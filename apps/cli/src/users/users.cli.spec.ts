import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AccountsService } from '@cobuild/auth';
import { createEventStore } from '@cobuild/event-store';

const ROOT = resolve(__dirname, '../../../..');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const PASSWORD = 'correct horse battery';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI as an operator runs it (`npx tsx apps/cli/src/main.ts ...`), on an embedded store in a temp folder. */
function cli(dataDir: string, args: string[], stdin?: string): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [TSX, 'apps/cli/src/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, COBUILD_EVENT_STORE: 'embedded', COBUILD_DATA_DIR: dataDir },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

/** One clear line on stderr, no stack trace. */
const oneLine = (r: Run) => {
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
};

describe('cobuild users (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cobuild-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds an account from a password on stdin, and refuses a taken username (exit 1)', async () => {
    const added = await cli(dir, ['users', 'add', 'admin', '--name', '区管理员', '--password-stdin'], `${PASSWORD}\n`);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toMatch(/^created admin \(区管理员\) [0-9a-f-]{36}\n$/);
    const again = await cli(dir, ['users', 'add', 'ADMIN', '--name', 'x', '--password-stdin'], PASSWORD);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('ACCOUNT.ALREADY_EXISTS');
    oneLine(again);
  });

  it('refuses a weak password, a missing stdin password and a missing --name with exit 2', async () => {
    const weak = await cli(dir, ['users', 'add', 'wang', '--name', '王', '--password-stdin'], 'short\n');
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('ACCOUNT.WEAK_PASSWORD');
    oneLine(weak);
    const noTty = await cli(dir, ['users', 'add', 'wang', '--name', '王']);
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toContain('--password-stdin');
    oneLine(noTty);
    const noName = await cli(dir, ['users', 'add', 'wang', '--password-stdin'], PASSWORD);
    expect(noName.code).toBe(2);
    oneLine(noName);
  });

  it('grants and revokes roles; a malformed or mismatched grant exits 2, an unknown user 1', async () => {
    const granted = await cli(dir, ['users', 'role', 'admin', '--grant', 'district_admin:district:d1']);
    expect(granted).toMatchObject({ code: 0, stdout: 'admin: district_admin:district:d1\n' });
    await cli(dir, ['users', 'role', 'admin', '--grant', 'auditor:district:d1']);
    const revoked = await cli(dir, ['users', 'role', 'admin', '--revoke', 'auditor:district:d1']);
    expect(revoked).toMatchObject({ code: 0, stdout: 'admin: district_admin:district:d1\n' });
    const malformed = await cli(dir, ['users', 'role', 'admin', '--grant', 'district_admin']);
    expect(malformed.code).toBe(2);
    oneLine(malformed);
    const mismatch = await cli(dir, ['users', 'role', 'admin', '--grant', 'community_staff:district:d1']);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain('ACCOUNT.GRANT_SCOPE_MISMATCH');
    const unknown = await cli(dir, ['users', 'role', 'nobody', '--grant', 'auditor:district:d1']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('ACCOUNT.NOT_FOUND');
    oneLine(unknown);
  });

  it('prints an API token once, which then authenticates; a bad --expires exits 2', async () => {
    const issued = await cli(dir, ['users', 'token', 'admin', '--name', 'gov-portal', '--expires', '2099-01-01']);
    expect(issued.code).toBe(0);
    expect(issued.stdout).toMatch(/^cbt_[0-9a-f]{32}_[A-Za-z0-9_-]{43}\n$/);
    expect(issued.stderr).toContain('expires 2099-01-01T00:00:00.000Z');
    const badDate = await cli(dir, ['users', 'token', 'admin', '--name', 'x', '--expires', '2027-02-30']);
    expect(badDate.code).toBe(2);
    oneLine(badDate);

    const store = await createEventStore({ kind: 'embedded', dataDir: dir });
    try {
      const accounts = new AccountsService(store);
      expect(await accounts.verifyApiToken(issued.stdout.trim())).toMatchObject({ username: 'admin', via: 'api_token' });
      expect(await accounts.verifyPassword('admin', PASSWORD)).toMatchObject({ grants: [{ role: 'district_admin' }] });
    } finally {
      await store.close();
    }
  });

  it('disables and enables an account, and lists accounts as text or JSON', async () => {
    expect((await cli(dir, ['users', 'disable', 'admin'])).code).toBe(2);
    expect(await cli(dir, ['users', 'disable', 'admin', '--reason', '调岗'])).toMatchObject({ code: 0, stdout: 'admin disabled\n' });
    const listed = await cli(dir, ['users', 'list', '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({
        username: 'admin',
        status: 'disabled',
        disabledReason: '调岗',
        grants: [{ role: 'district_admin', scope: { kind: 'district', id: 'd1' } }],
      }),
    ]);
    expect(listed.stdout).not.toContain('argon2');
    expect(await cli(dir, ['users', 'enable', 'admin'])).toMatchObject({ code: 0, stdout: 'admin enabled\n' });
    const text = await cli(dir, ['users', 'list']);
    expect(text.stdout).toBe('admin\t区管理员\tactive\tdistrict_admin:district:d1\t1 token\n');
  });
});
