/**
 * A dispatcher process for the refill kill test: dispatches the log of a PostgreSQL store to Redis
 * (no processors) in small batches, until it is killed. Env: PG_URL, PG_SCHEMA, REDIS_URL, PREFIX,
 * BATCH_SIZE.
 */
import { createEventStore } from '@cobuild/event-store';
import { startJobs } from '../jobs-runtime';

void (async () => {
  const store = await createEventStore({ kind: 'postgres', postgresUrl: process.env.PG_URL!, schema: process.env.PG_SCHEMA! });
  await startJobs(store, {
    backend: { kind: 'redis', url: process.env.REDIS_URL!, prefix: process.env.PREFIX! },
    timeZone: 'Asia/Shanghai',
    runProcessors: false,
    retryMs: 200,
    intactCheckMs: 200,
    batchSize: Number(process.env.BATCH_SIZE ?? 5),
  });
  process.stdout.write('ready\n');
})();
