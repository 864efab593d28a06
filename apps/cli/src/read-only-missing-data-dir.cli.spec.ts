import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oneCleanLine, runCli } from './audit/testing/run-cli';

/**
 * A read-only command on the embedded store with a COBUILD_DATA_DIR that does not exist (a typo,
 * an unmounted volume) must not create the folder and report an empty store: it refuses, naming it.
 */
describe('read-only CLI commands refuse a missing embedded data folder', () => {
  const parent = mkdtempSync(join(tmpdir(), 'cobuild-missing-'));
  const missing = join(parent, 'no-such-store');
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  const readOnly: string[][] = [
    ['store', 'status'],
    ['store', 'status', '--json'],
    ['users', 'list'],
    ['audit', 'verify'],
    ['projections', 'status'],
  ];

  it.each(readOnly.map((args) => [args.join(' '), args]))('cobuild %s: exit non-zero, one line naming the folder, nothing created', async (_name, args) => {
    const r = await runCli('unused', args as string[], { COBUILD_EVENT_STORE: 'embedded', COBUILD_DATA_DIR: missing });
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(oneCleanLine(r)).toBe(true);
    expect(r.stderr).toContain(missing);
    expect(r.stderr).toMatch(/does not exist/);
    expect(existsSync(missing)).toBe(false);
  });

  it('still reports an existing (empty) data folder', async () => {
    const r = await runCli('unused', ['store', 'status', '--json'], { COBUILD_EVENT_STORE: 'embedded', COBUILD_DATA_DIR: parent });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(r.stdout)).toEqual({ kind: 'embedded', headPosition: 0 });
  });
});
