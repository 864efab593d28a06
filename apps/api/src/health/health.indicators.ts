import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';
import { dispatcherBacklog, jobRules } from '@cobuild/jobs';
import { ProjectorProgress } from '../../../common/src/projector-progress';
import { RedisProbe } from '../../../common/src/redis-probe';
import { APP_CONFIG, type AppConfig } from '../../../common/src/config';

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
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly progress: ProjectorProgress,
    private readonly health: HealthIndicatorService,
  ) {}

  /** lag in events between the log's head and the projector in this process (informational) */
  async check() {
    const session = this.health.check('projections');
    const position = this.progress.position;
    if (position === null) return session.up({ projector: 'not in this process' });
    const head = await this.store.headPosition();
    return session.up({ position, head, lagEvents: Math.max(head - position, 0), lagSeconds: this.progress.secondsBehind ?? 0 });
  }
}
