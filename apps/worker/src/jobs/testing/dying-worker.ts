/**
 * A worker process for the kill -9 test: runs the job processors against a PostgreSQL store, and
 * kills itself (SIGKILL, no clean-up) right after a processor has appended a reminder — the job
 * is recorded but BullMQ never hears that it finished. Env: PG_URL, PG_SCHEMA, REDIS_URL, PREFIX.
 */
import { createEventStore, type EventStore } from '@cobuild/event-store';
import { DEFAULT_JOB_SETTINGS, systemJobClock } from '@cobuild/jobs';
import { CommandHandler } from '../../../../common/src/commands/command-handler';
import { startJobWorkers } from '../job-workers';
import { jobProcessors } from '../processors';

void (async () => {
  const store = await createEventStore({ kind: 'postgres', postgresUrl: process.env.PG_URL!, schema: process.env.PG_SCHEMA! });
  const dying: EventStore = Object.create(store, {
    append: {
      value: async (streamId: string, ...rest: any[]) => {
        const result = await (store.append as (...a: any[]) => Promise<unknown>)(streamId, ...rest);
        if (streamId.startsWith('reminder-')) process.kill(process.pid, 'SIGKILL');
        return result;
      },
    },
  });
  startJobWorkers({ kind: 'redis', url: process.env.REDIS_URL!, prefix: process.env.PREFIX! }, jobProcessors, {
    store: dying, handler: new CommandHandler(dying), clock: systemJobClock, settings: DEFAULT_JOB_SETTINGS, timeZone: 'Asia/Shanghai',
  }, { lockDurationMs: 2000, stalledIntervalMs: 1000 });
  process.stdout.write('ready\n');
})();
