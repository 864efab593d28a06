import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { PgDriver, SqlEventStore } from '@cobuild/event-store';
import { newEvent } from '../../../event-store/test/fixtures';
import { SchemaJanitor, TEST_POSTGRES_URL } from '../../../event-store/test/postgres-test-db';
import { ledger } from '../../test/crash-fixture';
import { ProjectionEngine } from './projection-engine';
import { ReadStore } from './read-store';

const ROOT = resolve(__dirname, '../../../..');
const janitor = new SchemaJanitor();
afterAll(() => janitor.dropAll());

describe('projector killed mid-batch (kill -9) and restarted', () => {
  it('leaves the read model identical to an uninterrupted run', async () => {
    const driver = new PgDriver({ connectionString: TEST_POSTGRES_URL });
    const eventSchema = janitor.next('crash');
    const store = await SqlEventStore.open(driver, { schema: eventSchema });
    try {
      for (let i = 0; i < 300; i++)
        await store.append(`need-${i % 7}`, [newEvent(i === 173 ? 'Slow' : 'Tick', { n: i }, { communityId: 'ca' })], { expectedRevision: 'any' });

      // the victim: a separate process, killed while a batch's transaction is open
      const crashedSchema = janitor.next('crashed');
      // node --import tsx: one process (the tsx CLI would run the script in a grandchild that SIGKILL misses)
      const child = spawn(process.execPath, ['--import', 'tsx', 'libs/projections/test/crash-fixture.ts', TEST_POSTGRES_URL, eventSchema, crashedSchema], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolveIt, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          if (d.toString().includes('in-batch')) {
            child.kill('SIGKILL');
            resolveIt();
          }
          if (d.toString().includes('done')) reject(new Error('the child finished instead of being killed'));
        });
        child.on('error', reject);
      });
      await new Promise((r) => child.once('exit', r));
      const crashed = new ReadStore(driver, crashedSchema);
      const before = (await crashed.checkpoints())[0].position;
      expect(before).toBeGreaterThan(0);
      expect(before).toBeLessThan(174); // the batch with the Slow event never committed

      // restart (without the trap) and finish
      await new ProjectionEngine(store, crashed, [ledger(false)], { batchSize: 50 }).catchUp();

      // the reference: one uninterrupted run
      const reference = new ReadStore(driver, janitor.next('reference'));
      await new ProjectionEngine(store, reference, [ledger(false)], { batchSize: 50 }).catchUp();

      expect(await crashed.all(ledger(false))).toEqual(await reference.all(ledger(false)));
      expect((await crashed.all(ledger(false))).reduce((n, d) => n + d.doc.count, 0)).toBe(300);
    } finally {
      await store.close();
    }
  }, 120_000);
});
