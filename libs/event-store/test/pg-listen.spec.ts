import { PgDriver } from '../src';
import { TEST_POSTGRES_URL } from './postgres-test-db';

/**
 * PgDriver.listen/unlisten in a loop, as a subscription that keeps restarting does (the
 * dispatcher through a Redis outage): the pooled client it reuses must not collect a listener per
 * round, and notifications still arrive after many rounds.
 */
describe('PgDriver.listen on a real PostgreSQL server', () => {
  let driver: PgDriver;
  let other: PgDriver;
  beforeAll(() => {
    // one client: every round gets the same connection back from the pool
    driver = new PgDriver({ connectionString: TEST_POSTGRES_URL, max: 1 });
    other = new PgDriver({ connectionString: TEST_POSTGRES_URL, max: 1 });
  });
  afterAll(async () => {
    await driver.close();
    await other.close();
  });

  const listenerCounts = async () => {
    const client = await driver.pool.connect();
    try {
      return { error: client.listenerCount('error'), notification: client.listenerCount('notification') };
    } finally {
      client.release();
    }
  };

  it('adds no listener per resubscription and still delivers notifications', async () => {
    const channel = `listen_leak_${process.pid}`;
    const once = await driver.listen(channel, () => undefined);
    await once();
    const baseline = await listenerCounts();
    for (let i = 0; i < 40; i++) {
      const unlisten = await driver.listen(channel, () => undefined);
      await unlisten();
      await unlisten(); // a second call is harmless
    }
    expect(await listenerCounts()).toEqual(baseline);

    const received: string[] = [];
    const unlisten = await driver.listen(channel, (p) => received.push(p));
    try {
      await other.query(`SELECT pg_notify($1, 'hello')`, [channel]);
      const deadline = Date.now() + 10_000;
      while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(received).toEqual(['hello']);
    } finally {
      await unlisten();
    }
  });

  it('gives the client back when LISTEN itself fails', async () => {
    await expect(driver.listen('bad"channel', () => undefined)).rejects.toBeDefined();
    // with max: 1, a leaked client would make this wait forever
    expect(await driver.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});
