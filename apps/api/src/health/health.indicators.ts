import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';
import { dispatcherBacklog, jobRules } from '@cobuild/jobs';
import { ProjectorProgress } from '../../../common/src/projector-progress';
import { RedisProbe } from '../../../common/src/redis-probe';
import { APP_CONFIG, type AppConfig } from '../../../common/src/config';
import { ProcessHealth } from './process-health';

@Injectable()
export class EventStoreHealthIndicator {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly health: HealthIndicatorService,
  ) {}

  async check() {
    const session = this.health.check('eventStore');
    try {
      await this.store.ping();
      return session.up({ kind: this.store.kind, headPosition: await this.store.headPosition() });
    } catch (e) {
      return session.down({ kind: this.store.kind, message: (e as Error).message });
    }
  }
}

@Injectable()
export class QueueHealthIndicator {
  constructor(
    private readonly redis: RedisProbe,
    private readonly health: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Redis being absent or down never makes the engine unready: commands keep working, jobs wait in
   * the log. `dispatcher` says how far the job dispatcher got (its checkpoint in the log, from any
   * process) and how many job-making events wait after it: `waiting` while the queue is away,
   * `refilling` (with `refill: {at, until}` once it started) while a Redis that came back without
   * the jobs dispatched before is refilled from the log.
   */
  async check() {
    const session = this.health.check('queue');
    const progress = await dispatcherBacklog(this.store, jobRules).catch(() => null);
    const dispatcher = (state: string) =>
      progress ? { dispatcher: { state, position: progress.position, backlog: progress.capped ? `${progress.backlog}+` : progress.backlog } } : {};
    if (!this.redis.configured && this.config.embeddedQueue === 'pglite')
      return session.up({ backend: 'pglite', ...dispatcher(progress?.backlog ? 'catching-up' : 'connected') });
    if (!this.redis.configured)
      return session.up({ backend: 'none', message: 'REDIS_URL is not set: jobs wait in the event log', ...dispatcher('off') });
    try {
      const markers = await this.redis.queueMarkers(this.config.queuePrefix);
      if (progress && progress.position > 0 && !markers.holdsJobs)
        return session.up({
          backend: 'redis',
          message: `the queue does not hold the jobs dispatched up to ${progress.position} (Redis restarted empty?): the dispatcher refills it from the log`,
          ...dispatcher('refilling'),
          refill: markers.refill,
        });
      return session.up({ backend: 'redis', ...dispatcher(progress?.backlog ? 'catching-up' : 'connected') });
    } catch (e) {
      return session.up({ backend: 'redis', reachable: false, message: `jobs wait in the event log: ${(e as Error).message}`, ...dispatcher('waiting') });
    }
  }
}

@Injectable()
export class ProjectionLagHealthIndicator {
  constructor(
    private readonly processes: ProcessHealth,
    private readonly progress: ProjectorProgress,
    private readonly health: HealthIndicatorService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The projector's lag from the read models' checkpoints and its heartbeat (it may run in another
   * process): `degraded` when the oldest event not applied yet is older than
   * COBUILD_HEALTH_MAX_LAG_SECONDS (a stopped or stuck projector), or when no projector beat within
   * COBUILD_HEALTH_STALE_SECONDS (a dead one, even with nothing to apply). Stale read models never
   * make the API unready: commands work.
   */
  async check() {
    const session = this.health.check('projections');
    const inProcess = this.progress.position !== null;
    const lag = (await this.processes.snapshot()).projector;
    if (!lag) return session.up({ projector: 'none: the event store keeps events only' });
    const { position, head, lagEvents, lagSeconds, slowest } = lag;
    const lastBeatSecondsAgo = lag.lastBeatSecondsAgo === null ? null : Math.round(lag.lastBeatSecondsAgo * 10) / 10;
    const figures = {
      position, head, lagEvents, lagSeconds: Math.round(lagSeconds * 10) / 10, maxLagSeconds: this.config.health.maxLagSeconds, ...(lagEvents > 0 ? { slowest } : {}),
      lastBeatSecondsAgo, staleAfterSeconds: this.config.health.staleSeconds, inProcess,
    };
    if (!lag.degraded) return session.up({ state: 'ok', ...figures });
    const why = [
      ...(lagSeconds > this.config.health.maxLagSeconds ? [`the read models are ${lagEvents} events behind, the oldest unapplied event is ${Math.round(lagSeconds)} s old`] : []),
      ...(lag.alive ? [] : [lag.lastBeatSecondsAgo === null ? 'no projector heartbeat' : `the last projector heartbeat is ${Math.round(lag.lastBeatSecondsAgo)} s old`]),
    ];
    return session.up({ state: 'degraded', message: `${why.join('; ')}: is the projector running?`, ...figures });
  }
}

@Injectable()
export class WorkerHealthIndicator {
  constructor(
    private readonly processes: ProcessHealth,
    private readonly health: HealthIndicatorService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** the worker's liveness from its heartbeat row: `degraded` when none is younger than COBUILD_HEALTH_STALE_SECONDS */
  async check() {
    const session = this.health.check('worker');
    const worker = (await this.processes.snapshot()).worker;
    if (!worker) return session.up({ heartbeat: 'none: the event store has no SQL database to beat in' });
    const staleAfterSeconds = this.config.health.staleSeconds;
    const workers = worker.workers.map((w) => ({ id: w.id, lastBeatSecondsAgo: Math.round(w.ageSeconds * 10) / 10, ...w.detail }));
    if (worker.alive) return session.up({ state: 'ok', lastBeatSecondsAgo: workers[0].lastBeatSecondsAgo, staleAfterSeconds, workers });
    return session.up({
      state: 'degraded',
      message:
        worker.lastBeatSecondsAgo === null
          ? 'no worker heartbeat: is the worker running? (reminders, escalations and follow-ups wait in the log)'
          : `the last worker heartbeat is ${Math.round(worker.lastBeatSecondsAgo)} s old: is the worker running?`,
      lastBeatSecondsAgo: worker.lastBeatSecondsAgo === null ? null : workers[0].lastBeatSecondsAgo,
      staleAfterSeconds,
      workers,
    });
  }
}
