import { Pool } from 'pg';
import { PgDriver, SqlEventStore } from '@cobuild/event-store';
import { SchemaJanitor, TEST_POSTGRES_URL } from '../../../../libs/event-store/test/postgres-test-db';
import { seedTwoMoments } from './testing/lists-seed';
import { runCli } from './testing/run-cli';

const janitor = new SchemaJanitor();

describe('cobuild audit replay (the CLI on PostgreSQL)', () => {
  const schema = janitor.next('auditreplay');
  let store: SqlEventStore;
  beforeAll(async () => {
    store = await SqlEventStore.open(new PgDriver({ connectionString: TEST_POSTGRES_URL }), { schema });
    await seedTwoMoments(store, 'c-replay');
  });
  afterAll(async () => {
    await store.close();
    await janitor.dropAll();
    const pool = new Pool({ connectionString: TEST_POSTGRES_URL, max: 1 });
    await pool.query(`DROP SCHEMA IF EXISTS ${schema}_read CASCADE`);
    await pool.end();
  });

  it('prints the same digest on every replay, equal to the serving read models once they are built, and drops its scratch schema', async () => {
    const one = JSON.parse((await runCli(schema, ['audit', 'replay', '--json'])).stdout);
    const two = await runCli(schema, ['audit', 'replay']);
    expect(two.code).toBe(0);
    expect(two.stdout).toContain(`replayed up to log position 6`);
    expect(two.stdout).toContain(`digest ${one.replay.digest}`);
    expect(one.replay.rows).toMatchObject({ 'needs-list': 2, 'resources-list': 1, 'tasks-list': 1 });

    // not built yet: the serving read models are empty, so they differ (exit 1)
    const before = await runCli(schema, ['audit', 'replay', '--compare']);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('DIFFERENT');
    expect((await runCli(schema, ['projections', 'rebuild', '--wait'])).code).toBe(0);
    const live = await runCli(schema, ['audit', 'replay', '--live', '--json']);
    expect(JSON.parse(live.stdout).live.digest).toBe(one.replay.digest);
    const compare = await runCli(schema, ['audit', 'replay', '--compare']);
    expect(compare).toMatchObject({ code: 0 });
    expect(compare.stdout).toContain('SAME');

    const left = await store.driver.query<{ n: string }>(`SELECT nspname AS n FROM pg_namespace WHERE nspname LIKE '${schema}_read_replay_%'`);
    expect(left).toEqual([]);
  });
});
