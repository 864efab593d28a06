import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgDriver, SqlEventStore } from '@cobuild/event-store';
import { SchemaJanitor, TEST_POSTGRES_URL } from '../../../../libs/event-store/test/postgres-test-db';
import { seedTwoMoments } from './testing/lists-seed';
import { oneCleanLine, runCli } from './testing/run-cli';

const janitor = new SchemaJanitor();

/** `cobuild audit lists|diff` and `export --lists` on PostgreSQL, and how the audit commands refuse bad input. */
describe('cobuild audit lists and diff (the CLI on PostgreSQL)', () => {
  const schema = janitor.next('auditlists');
  const dir = mkdtempSync(join(tmpdir(), 'cobuild-audit-lists-'));
  let store: SqlEventStore;
  let first: number;
  let second: number;
  let between: string;
  beforeAll(async () => {
    store = await SqlEventStore.open(new PgDriver({ connectionString: TEST_POSTGRES_URL }), { schema });
    ({ first, second } = await seedTwoMoments(store, 'c-heping', async () => {
      const [last] = await store.readAll({ after: (await store.headPosition()) - 1, maxCount: 1 });
      between = new Date(Date.parse(last.recordedAt) + 1).toISOString();
      // the next event must be recorded after that instant (a condition, bounded)
      for (let i = 0; i < 500 && Date.now() <= Date.parse(between) + 1; i++) await new Promise((r) => setTimeout(r, 2));
    }));
  });
  afterAll(async () => {
    await store.close();
    await janitor.dropAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the three lists as they stood at a position, as a table, JSON or CSV', async () => {
    const table = await runCli(schema, ['audit', 'lists', '--community', 'c-heping', '--position', String(first)]);
    expect(table).toMatchObject({ code: 0 });
    expect(table.stdout).toContain(`c-heping 三张清单 as of log position ${first}`);
    expect(table.stdout).toMatch(/需求清单 needs \(1\)[\s\S]*n1 +submitted +楼道扶手/);
    expect(table.stdout).toMatch(/资源清单 resources \(1\)[\s\S]*p1 +pledged/);
    expect(table.stdout).toMatch(/项目清单 tasks \(1\)[\s\S]*t1 +proposed +安装扶手/);
    const json = JSON.parse((await runCli(schema, ['audit', 'lists', '--community', 'c-heping', '--position', String(second), '--format', 'json'])).stdout);
    expect(json).toMatchObject({ communityId: 'c-heping', position: second });
    expect(json.needs.map((n: { id: string; status: string }) => [n.id, n.status])).toEqual([['n1', 'listed'], ['n2', 'submitted']]);
    expect(json.needs[0].requester).toEqual({ name: '张*', phone: '138****5678' });
    expect(json.tasks[0]).toMatchObject({ id: 't1', status: 'assigned', deadline: '2026-06-30T00:00:00.000Z' });
    const csv = await runCli(schema, ['audit', 'lists', '--community', 'c-heping', '--position', String(second), '--format', 'csv']);
    const lines = csv.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('list,id,status,title,category,unit,quantity,date,deadline,links');
    expect(lines).toContain('needs,n2,submitted,"健身器材, ""旧的""",助老 · high,resident,12,2026-03-01T02:00:00.000Z,,');
    expect(lines).toContain('resources,p1,pledged,"会议室, 每周六",venue,unit:u-bank,40/40 hours,2026-03-02T02:00:00.000Z,,');
    expect(lines).toHaveLength(5);
  });

  it('takes an instant with its offset: the lists as of then', async () => {
    const r = await runCli(schema, ['audit', 'lists', '--community', 'c-heping', '--at', between, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ position: first, at: between, needs: [{ id: 'n1', status: 'submitted' }] });
    const offset = new Date(Date.parse(between) + 8 * 3600_000).toISOString().replace('Z', '+08:00');
    expect(JSON.parse((await runCli(schema, ['audit', 'lists', '--community', 'c-heping', '--at', offset, '--format', 'json'])).stdout).position).toBe(first);
  });

  it('exports the lists as CSV to a file', async () => {
    const file = join(dir, 'heping.csv');
    const r = await runCli(schema, ['audit', 'export', '--lists', '--community', 'c-heping', '--position', String(second), '--out', file]);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stderr).toContain(`4 rows written to ${file}`);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\r\n');
    expect(lines.map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['list,id,status', 'needs,n1,listed', 'needs,n2,submitted', 'resources,p1,pledged', 'tasks,t1,assigned']);
  });

  it('diffs two moments: added, removed and changed fields before → after', async () => {
    const r = await runCli(schema, ['audit', 'diff', '--community', 'c-heping', '--from', String(first), '--to', String(second), '--format', 'json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.from.position).toBe(first);
    expect(d.lists.needs.added.map((n: { id: string }) => n.id)).toEqual(['n2']);
    expect(d.lists.needs.changed).toEqual([
      { id: 'n1', fields: [{ field: 'listedAt', before: null, after: '2026-03-10T00:00:00.000Z' }, { field: 'status', before: 'submitted', after: 'listed' }] },
    ]);
    expect(d.lists.tasks.changed[0].fields).toEqual(expect.arrayContaining([{ field: 'status', before: 'proposed', after: 'assigned' }, { field: 'responsibleUnitId', before: null, after: 'u-bank' }]));
    expect(d.lists.resources).toEqual({ added: [], removed: [], changed: [] });
    // backwards: n2 is removed
    const back = await runCli(schema, ['audit', 'diff', '--community', 'c-heping', '--from', String(second), '--to', between]);
    expect(back.code).toBe(0);
    expect(back.stdout).toContain('  - n2  健身器材');
    expect(back.stdout).toContain('      status: listed → submitted');
  });

  it("prints a unit's timeline across its streams: its pledge and the task it answers for, with who and when", async () => {
    const r = await runCli(schema, ['audit', 'timeline', '--unit', 'u-bank', '--json']);
    expect(r.code).toBe(0);
    const entries = JSON.parse(r.stdout);
    expect(entries.map((t: { streamId: string; type: string }) => `${t.streamId} ${t.type}`)).toEqual(['pledge-p1 ResourcePledged', 'task-t1 TaskAssigned']);
    expect(entries[1]).toMatchObject({ actor: { id: 'sec', role: 'community_secretary' }, at: '2026-03-01T02:00:00.000Z' });
    expect((await runCli(schema, ['audit', 'timeline', '--unit', 'u-nobody'])).code).toBe(2);
  });

  it('refuses bad input with one clear line and a non-zero exit, never a stack trace', async () => {
    const cases: Array<[string[], number, RegExp]> = [
      [['audit', 'lists', '--community', 'c-nowhere', '--position', '1'], 1, /no community c-nowhere/],
      [['audit', 'lists', '--community', 'c-heping'], 2, /exactly one of --at/],
      [['audit', 'lists', '--community', 'c-heping', '--at', '2026-13-45T00:00+08:00'], 2, /--at: .* is neither a log position nor an instant/],
      [['audit', 'lists', '--community', 'c-heping', '--at', '2026-06-30'], 2, /with its offset/],
      [['audit', 'lists', '--community', 'c-heping', '--at', 'yesterday'], 2, /--at/],
      [['audit', 'lists', '--community', 'c-heping', '--at', '2999-01-01T00:00Z'], 2, /in the future/],
      [['audit', 'lists', '--community', 'c-heping', '--position', '-3'], 2, /--position/],
      [['audit', 'lists', '--community', 'c-heping', '--position', '999999'], 2, /past the end of the log \(head \d+\)/],
      [['audit', 'lists', '--community', 'c-heping', '--position', '1', '--format', 'xml'], 2, /--format: "xml"/],
      [['audit', 'diff', '--community', 'c-heping', '--from', '1'], 2, /both --from and --to/],
      [['audit', 'diff', '--community', 'c-heping', '--from', 'march', '--to', '2'], 2, /--from: "march"/],
      [['audit', 'diff', '--community', 'c-heping', '--from', '1', '--to', '999999'], 2, /to: position 999999 is past the end/],
      [['audit', 'diff', '--community', 'c-nowhere', '--from', '1', '--to', '2'], 1, /no community c-nowhere/],
      [['audit', 'export', '--lists'], 2, /--community is required/],
      [['audit', 'export', '--community', 'c-nowhere'], 1, /no community c-nowhere/],
      [['audit', 'export', '--position', '3'], 2, /go with --lists/],
      [['audit', 'export', '--out', '/nonexistent-dir/x.jsonl'], 2, /--out: cannot write \/nonexistent-dir\/x.jsonl \(ENOENT\)/],
      [['audit', 'lists', '--community', 'c-heping', '--position', '1', '--out', '/nonexistent-dir/x.csv'], 2, /--out: cannot write/],
    ];
    for (const [args, code, message] of cases) {
      const r = await runCli(schema, args);
      expect([args, r.code, oneCleanLine(r)]).toEqual([args, code, true]);
      expect(r.stderr).toMatch(message);
    }
  });

  it('says which store it could not open: a wrong PostgreSQL URL, a missing database, a locked or broken embedded folder', async () => {
    const locked = join(dir, 'locked');
    const notAFolder = join(dir, 'file');
    const broken = join(dir, 'broken');
    writeFileSync(notAFolder, 'x');
    mkdirSync(locked);
    writeFileSync(join(locked, 'cobuild.lock'), String(process.pid));
    mkdirSync(broken);
    writeFileSync(join(broken, 'PG_VERSION'), 'junk\n');
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ COBUILD_POSTGRES_URL: 'postgres://postgres:secret@127.0.0.1:1/test' }, /cannot open the postgres store at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/test: .*ECONNREFUSED/],
      [{ COBUILD_POSTGRES_URL: 'postgres://postgres@127.0.0.1:5432/no_such_db_audit' }, /cannot open the postgres store .*does not exist/],
      [{ COBUILD_EVENT_STORE: 'embedded', COBUILD_DATA_DIR: locked }, /cannot open the embedded store in .*locked: .*in use by process/],
      [{ COBUILD_EVENT_STORE: 'embedded', COBUILD_DATA_DIR: notAFolder }, /COBUILD_DATA_DIR is not a folder/],
      [{ COBUILD_EVENT_STORE: 'embedded', COBUILD_DATA_DIR: broken }, /cannot open the embedded store in .*broken/],
    ];
    for (const [env, message] of cases) {
      const r = await runCli(schema, ['audit', 'lists', '--community', 'c-heping', '--position', '1'], env);
      expect([env, r.code, oneCleanLine(r)]).toEqual([env, 1, true]);
      expect(r.stderr).toMatch(message);
    }
    expect(readFileSync(join(locked, 'cobuild.lock'), 'utf8')).toBe(String(process.pid));
  });
});

