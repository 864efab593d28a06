/**
 * npm run bench:jobs — 100,000 reminder jobs dispatched from the log into Redis by the job
 * dispatcher (read the log, plan with the task-reminders rule, add with group bookkeeping,
 * checkpoint) beside BullMQ's own `addBulk` of the same jobs (the floor), in one run. Needs the
 * PostgreSQL server (the log) and Redis. Target: the dispatcher at ≥ 50% of the floor.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Pool } from 'pg';
import { createEventStore, type NewEvent } from '@cobuild/event-store';
import { DEFAULT_JOB_SETTINGS, planFor, systemJobClock, taskRemindersRule, type JobSpec } from '@cobuild/jobs';
import { BullJobQueues } from '../../apps/worker/src/jobs/bullmq-job-queues';
import { startJobDispatcher } from '../../apps/worker/src/jobs/job-dispatcher';
import { redisClient, whenReady } from '../../apps/worker/src/jobs/queue-backend';
import { fmt, machine, table, writeSection } from './bench-report';

const PG = process.env.COBUILD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS = process.env.COBUILD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const JOBS = Number(process.env.BENCH_JOBS ?? 100_000);
const PER_TASK = 7; // 7, 3, 1 days before, on the day, overdue, escalation proposal, acceptance
const BATCH = 500; // events per dispatcher batch
const run = randomUUID().slice(0, 8);
const schema = `bench_jobs_${run}`;
const rules = [taskRemindersRule];
const context = { timeZone: 'Asia/Shanghai', settings: DEFAULT_JOB_SETTINGS };

async function clear(prefix: string): Promise<void> {
  const c = redisClient(REDIS);
  await whenReady(c);
  let cursor = '0';
  do {
    const [next, keys] = await c.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await c.unlink(...keys);
  } while (cursor !== '0');
  c.disconnect();
}

async function counted(prefix: string): Promise<number> {
  const connection = redisClient(REDIS, true);
  const q = new Queue('reminders', { connection, prefix });
  const n = Object.values(await q.getJobCounts('delayed', 'waiting')).reduce((a, b) => a + b, 0);
  await q.close();
  connection.disconnect();
  return n;
}

async function main() {
  const tasks = Math.ceil(JOBS / PER_TASK);
  const store = await createEventStore({ kind: 'postgres', postgresUrl: PG, schema });
  const [floorPrefix, dispatchPrefix] = [`bench-floor-${run}`, `bench-dispatch-${run}`];
  try {
    // the log: one assigned task per stream, due in 60 days at 18:00 Shanghai
    process.stdout.write(`writing ${fmt(tasks)} TaskAssigned events… `);
    const now = Date.now();
    for (let i = 0; i < tasks; i += 200) {
      await Promise.all(
        Array.from({ length: Math.min(200, tasks - i) }, (_, k) => {
          const taskId = `b${i + k}`;
          const event: NewEvent = {
            id: randomUUID(),
            type: 'TaskAssigned',
            schemaVersion: 1,
            data: { taskId, communityId: 'c1', responsible: { kind: 'unit', unitId: 'u1' }, responsiblePerson: { name: '李四', phone: null }, deadline: new Date(now + 60 * 86_400_000 - ((now + 8 * 3_600_000) % 86_400_000) + 10 * 3_600_000).toISOString() },
            metadata: { actor: { id: 'sec', role: 'community_secretary' }, communityId: 'c1', correlationId: randomUUID(), causationId: null, idempotencyKey: null, occurredAt: new Date(now).toISOString() },
          };
          return store.append(`task-${taskId}`, [event], { expectedRevision: 'no_stream' });
        }),
      );
    }
    console.log('done');

    // floor: the same jobs, planned beforehand (untimed), through BullMQ's addBulk in the dispatcher's batch sizes
    const jobs: JobSpec[] = [];
    for (let after = 0; ; ) {
      const page = await store.readAll({ after, maxCount: 5000, filter: { categories: ['task'] } });
      if (!page.length) break;
      for (const e of page) for (const a of planFor(rules, e, context)) if (a.kind === 'add') jobs.push(a.job);
      after = page[page.length - 1].position;
    }
    const connection = redisClient(REDIS, true);
    const floorQueue = new Queue('reminders', { connection, prefix: floorPrefix });
    const t0 = performance.now();
    for (let i = 0; i < jobs.length; i += BATCH * PER_TASK) {
      await floorQueue.addBulk(jobs.slice(i, i + BATCH * PER_TASK).map((j) => ({ name: j.name, data: j.data, opts: { jobId: j.jobId, delay: systemJobClock.delayUntil(new Date(j.runAt!)) } })));
    }
    const floorMs = performance.now() - t0;
    await floorQueue.close();
    connection.disconnect();
    const floorCount = await counted(floorPrefix);
    await clear(floorPrefix);

    // the dispatcher: from an empty checkpoint to caught up
    const queues = new BullJobQueues({ kind: 'redis', url: REDIS, prefix: dispatchPrefix });
    const t1 = performance.now();
    const dispatcher = await startJobDispatcher(store, queues, { rules, context, batchSize: BATCH });
    await dispatcher.caughtUp(600_000);
    const dispatchMs = performance.now() - t1;
    await dispatcher.stop();
    await queues.close();
    const dispatchCount = await counted(dispatchPrefix);
    await clear(dispatchPrefix);

    const floorRate = (floorCount / floorMs) * 1000;
    const dispatchRate = (dispatchCount / dispatchMs) * 1000;
    const ratio = dispatchRate / floorRate;
    const rows = [
      ['BullMQ addBulk (floor)', fmt(floorCount), fmt(floorMs / 1000, 2), fmt(floorRate)],
      ['job dispatcher (log → rule → queue, checkpointed)', fmt(dispatchCount), fmt(dispatchMs / 1000, 2), fmt(dispatchRate)],
    ];
    const verdict = `dispatcher at **${fmt(ratio * 100)}%** of the floor (target ≥ 50%: ${ratio >= 0.5 ? 'met' : 'NOT met'})`;
    console.log(table(['what', 'jobs', 's', 'jobs/s'], rows));
    console.log(verdict);
    writeSection(
      'Jobs: dispatching reminder jobs (bench:jobs)',
      `${machine({ redis: REDIS, log: 'PostgreSQL (cobuild adapter)' })}\n\n${fmt(tasks)} \`TaskAssigned\` events, ${PER_TASK} delayed reminder jobs each, into Redis. The floor adds the same jobs (same ids, delays, batches of ${fmt(BATCH * PER_TASK)}) with BullMQ's \`addBulk\`; the dispatcher reads them from the log in batches of ${BATCH} events, plans them with the task-reminders rule, keeps each task's group set, adds them and checkpoints each batch.\n\n${table(['what', 'jobs', 's', 'jobs/s'], rows)}\n\n${verdict}.`,
    );
  } finally {
    await store.close();
    const pool = new Pool({ connectionString: PG, max: 1 });
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
