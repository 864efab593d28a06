import { Queue, type JobsOptions } from 'bullmq';
import type Redis from 'ioredis';
import type { DispatchAction, JobClock, JobSpec } from '@cobuild/jobs';
import { queueMarkerKeys } from '../../../common/src/redis-probe';
import type { JobQueues, RefillProgress } from './job-queues';
import { bullArgs, DEFAULT_QUEUE_PREFIX, redisClient, whenReady, type QueueBackendConfig } from './queue-backend';

/** Kept so a replayed add finds the job and adds nothing (ids are deterministic); bounded so Redis does not grow forever. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 90 * 24 * 3600, count: 100_000 },
  removeOnFail: { age: 90 * 24 * 3600, count: 100_000 },
};

/**
 * The queues on BullMQ. Consecutive adds go to each queue as one `addBulk`; a group's members
 * are kept in a Redis set beside the queue (`<prefix>:<queue>:group:<group>`) so `removeGroup`
 * removes exactly the pending jobs of, say, one task's deadline (on PostgreSQL: by id prefix).
 */
export class BullJobQueues implements JobQueues {
  private readonly queues = new Map<string, Queue>();
  private readonly client: Redis | null;
  readonly backend: 'redis' | 'postgres';

  constructor(private readonly config: QueueBackendConfig) {
    this.backend = config.kind;
    this.client = config.kind === 'redis' ? redisClient(config.url) : null;
  }

  queue(name: string): Queue {
    let q = this.queues.get(name);
    if (!q) {
      const [opts, backend] = bullArgs(this.config, this.client);
      q = new Queue(name, { ...opts, defaultJobOptions: DEFAULT_JOB_OPTIONS }, backend);
      q.on('error', () => undefined);
      this.queues.set(name, q);
    }
    return q;
  }

  async apply(actions: readonly DispatchAction[], clock: JobClock): Promise<void> {
    if (this.client) return this.applyOnRedis(actions, clock);
    let run: JobSpec[] = [];
    const flush = async () => {
      if (run.length) await this.addAll(run, clock);
      run = [];
    };
    for (const a of actions) {
      if (a.kind === 'add') {
        run.push(a.job);
        continue;
      }
      await flush();
      await this.removeGroup(a.queue, a.group);
    }
    await flush();
  }

  /**
   * The same result as applying the actions one by one, in a few round trips per batch: a group
   * removed in the batch drops the batch's own earlier adds to it and the members Redis holds
   * (read in one pipeline); then the removals run, the group sets are rewritten and what remains
   * is added with one `addBulk` per queue.
   */
  private async applyOnRedis(actions: readonly DispatchAction[], clock: JobClock): Promise<void> {
    const client = this.client!;
    await whenReady(client);
    const removedGroups = new Map<string, { queue: string; group: string }>();
    for (const a of actions) if (a.kind === 'removeGroup') removedGroups.set(this.groupKey(a.queue, a.group), a);
    const members = new Map<string, string[]>();
    if (removedGroups.size) {
      const p = client.pipeline();
      for (const key of removedGroups.keys()) p.smembers(key);
      const results = (await p.exec()) ?? [];
      [...removedGroups.keys()].forEach((key, i) => {
        const [e, ids] = results[i] ?? [new Error('no reply'), null];
        if (e) throw e;
        members.set(key, ids as string[]);
      });
    }
    let adds: JobSpec[] = [];
    const toRemove: Array<{ queue: string; jobId: string }> = [];
    for (const a of actions) {
      if (a.kind === 'add') {
        adds.push(a.job);
        continue;
      }
      const key = this.groupKey(a.queue, a.group);
      adds = adds.filter((j) => !(j.queue === a.queue && j.group === a.group));
      for (const jobId of members.get(key) ?? []) toRemove.push({ queue: a.queue, jobId });
      members.set(key, []);
    }
    // a running job is locked and stays: it re-checks its subject when it runs and records nothing stale
    for (const r of toRemove) await this.queue(r.queue).remove(r.jobId).catch(() => 0);
    const sets = client.pipeline();
    for (const key of removedGroups.keys()) sets.del(key);
    for (const j of adds) if (j.group) sets.sadd(this.groupKey(j.queue, j.group), j.jobId);
    if (removedGroups.size || adds.some((j) => j.group)) {
      const failed = ((await sets.exec()) ?? []).find(([e]) => e);
      if (failed) throw failed[0];
    }
    const byQueue = new Map<string, JobSpec[]>();
    for (const j of adds) byQueue.set(j.queue, byQueue.get(j.queue) ?? []).get(j.queue)!.push(j);
    for (const [name, list] of byQueue) await this.queue(name).addBulk(list.map((j) => this.bulkJob(j, clock)));
  }

  private bulkJob(j: JobSpec, clock: JobClock) {
    return { name: j.name, data: j.data, opts: { jobId: j.jobId, delay: j.runAt ? clock.delayUntil(new Date(j.runAt)) : 0 } };
  }

  async ping(): Promise<void> {
    if (this.client) {
      await whenReady(this.client);
      const pong = await this.client.ping();
      if (pong !== 'PONG') throw new Error(`Redis answered ${pong}`);
    } else await this.queue('reminders').getJobCounts('waiting');
  }

  async intact(): Promise<boolean> {
    if (!this.client) return true; // the PostgreSQL backend keeps its jobs in the database
    await whenReady(this.client);
    return (await this.client.exists(this.markerKey())) === 1;
  }

  async markIntact(): Promise<void> {
    if (!this.client) return;
    await whenReady(this.client);
    await this.client.set(this.markerKey(), new Date().toISOString());
  }

  async refill(): Promise<RefillProgress | null> {
    if (!this.client) return null;
    await whenReady(this.client);
    const raw = await this.client.get(this.refillKey());
    if (!raw) return null;
    const p = JSON.parse(raw) as RefillProgress;
    return Number.isSafeInteger(p.at) && Number.isSafeInteger(p.until) ? { at: p.at, until: p.until } : null;
  }

  async startRefill(until: number): Promise<void> {
    if (!this.client) return;
    await whenReady(this.client);
    await this.client.multi().del(this.markerKey()).set(this.refillKey(), JSON.stringify({ at: 0, until })).exec();
  }

  async advanceRefill(progress: RefillProgress): Promise<boolean> {
    if (!this.client) return true;
    await whenReady(this.client);
    // only while the refill's own key is there: a Redis emptied again since holds neither
    const r = await this.client.eval(
      "if redis.call('exists', KEYS[1]) == 1 then redis.call('set', KEYS[1], ARGV[1]) return 1 end return 0",
      1, this.refillKey(), JSON.stringify({ at: progress.at, until: progress.until }),
    );
    return r === 1;
  }

  async finishRefill(): Promise<boolean> {
    if (!this.client) return true;
    await whenReady(this.client);
    const r = await this.client.eval(
      "if redis.call('exists', KEYS[1]) == 1 then redis.call('set', KEYS[2], ARGV[1]) redis.call('del', KEYS[1]) return 1 end return 0",
      2, this.refillKey(), this.markerKey(), new Date().toISOString(),
    );
    return r === 1;
  }

  private markerKey(): string {
    return queueMarkerKeys((this.config.kind === 'redis' && this.config.prefix) || DEFAULT_QUEUE_PREFIX).holdsJobs;
  }

  private refillKey(): string {
    return queueMarkerKeys((this.config.kind === 'redis' && this.config.prefix) || DEFAULT_QUEUE_PREFIX).refill;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    this.client?.disconnect();
  }

  private groupKey(queue: string, group: string): string {
    return `${(this.config.kind === 'redis' && this.config.prefix) || DEFAULT_QUEUE_PREFIX}:${queue}:group:${group}`;
  }

  private async addAll(jobs: JobSpec[], clock: JobClock): Promise<void> {
    const byQueue = new Map<string, JobSpec[]>();
    for (const j of jobs) byQueue.set(j.queue, byQueue.get(j.queue) ?? []).get(j.queue)!.push(j);
    for (const [name, list] of byQueue) {
      if (this.client) {
        const grouped = list.filter((j) => j.group);
        if (grouped.length) {
          const p = this.client.pipeline();
          for (const j of grouped) p.sadd(this.groupKey(name, j.group!), j.jobId);
          const results = await p.exec();
          const failed = results?.find(([e]) => e);
          if (failed) throw failed[0];
        }
      }
      await this.queue(name).addBulk(list.map((j) => this.bulkJob(j, clock)));
    }
  }

  private async removeGroup(queueName: string, group: string): Promise<void> {
    const q = this.queue(queueName);
    if (this.client) {
      const key = this.groupKey(queueName, group);
      const ids = await this.client.smembers(key);
      // a running job is locked and stays: it re-checks its subject when it runs and records nothing stale
      for (const id of ids) await q.remove(id).catch(() => 0);
      await this.client.del(key);
      return;
    }
    const pending = await q.getJobs(['delayed', 'waiting', 'prioritized']);
    for (const job of pending) if (job.id?.startsWith(`${group}/`)) await q.remove(job.id).catch(() => 0);
  }
}
