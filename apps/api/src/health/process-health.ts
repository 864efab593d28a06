import { Inject, Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { EVENT_STORE, SqlEventStore, type EventStore } from '@cobuild/event-store';
import { ALL_PROJECTIONS, Heartbeats, projectorLag, type Heartbeat, type ProjectorLag } from '@cobuild/projections';
import { APP_CONFIG, type AppConfig } from '../../../common/src/config';
import { ApiMetrics } from '../observability/metrics';

export interface ProcessHealthSnapshot {
  /** null: the store keeps events only (KurrentDB), there is no projector */
  projector: (ProjectorLag & { degraded: boolean; alive: boolean; lastBeatSecondsAgo: number | null; beats: Heartbeat[] }) | null;
  /** null: the store has no SQL database to beat in (KurrentDB) */
  worker: { alive: boolean; degraded: boolean; lastBeatSecondsAgo: number | null; workers: Heartbeat[] } | null;
}

/**
 * The projector's lag and the worker's liveness as the shared database records them (their
 * checkpoints, their heartbeats), so the API tells a dead projector or worker from a live one
 * whether they run in this process (`npm start`) or in processes of their own. Read at most once a
 * second however often /health and /metrics are asked.
 */
@Injectable()
export class ProcessHealth {
  private last: { at: number; value: Promise<ProcessHealthSnapshot> } | null = null;
  private readonly heartbeats: Heartbeats | null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    metrics: ApiMetrics,
  ) {
    this.heartbeats = store instanceof SqlEventStore ? new Heartbeats(store.driver, config.readSchema) : null;
    const read = this.snapshot.bind(this);
    const gauge = (name: string, help: string, value: (s: ProcessHealthSnapshot) => number | null) =>
      new Gauge({
        name,
        help,
        registers: [metrics.registry],
        async collect() {
          const v = value(await read().catch(() => ({ projector: null, worker: null })));
          this.set(v ?? Number.NaN);
        },
      });
    gauge('cobuild_projector_lag_events', 'events the slowest read model is behind the log (from the read models\' checkpoints)', (s) => s.projector?.lagEvents ?? null);
    gauge('cobuild_projector_lag_seconds', 'age in seconds of the oldest event the read models have not applied (0 when caught up)', (s) => s.projector?.lagSeconds ?? null);
    gauge('cobuild_worker_heartbeat_age_seconds', 'seconds since the freshest worker heartbeat (NaN: no worker has a heartbeat)', (s) => s.worker?.lastBeatSecondsAgo ?? null);
    gauge('cobuild_projector_heartbeat_age_seconds', 'seconds since the freshest projector heartbeat (NaN: no projector has a heartbeat)', (s) => s.projector?.lastBeatSecondsAgo ?? null);
    gauge('cobuild_projector_up', '1 when a projector beat within COBUILD_HEALTH_STALE_SECONDS, else 0', (s) => (s.projector ? Number(s.projector.alive) : null));
    gauge('cobuild_worker_up', '1 when a worker beat within COBUILD_HEALTH_STALE_SECONDS, else 0', (s) => (s.worker ? Number(s.worker.alive) : null));
  }

  snapshot(): Promise<ProcessHealthSnapshot> {
    const now = Date.now();
    if (this.last && now - this.last.at < 1000) return this.last.value;
    const value = this.read();
    this.last = { at: now, value };
    value.catch(() => {
      if (this.last?.value === value) this.last = null;
    });
    return value;
  }

  private async read(): Promise<ProcessHealthSnapshot> {
    const { maxLagSeconds, staleSeconds } = this.config.health;
    if (!(this.store instanceof SqlEventStore) || !this.heartbeats) return { projector: null, worker: null };
    const lag = await projectorLag(this.store.driver, this.store, this.config.readSchema, ALL_PROJECTIONS.map((p) => p.name));
    const workers = await this.heartbeats.of('worker');
    const freshest = workers[0]?.ageSeconds ?? null;
    const alive = freshest !== null && freshest < staleSeconds;
    const projectors = await this.heartbeats.of('projector');
    const projectorBeat = projectors[0]?.ageSeconds ?? null;
    const projectorAlive = projectorBeat !== null && projectorBeat < staleSeconds;
    return {
      projector: { ...lag, alive: projectorAlive, lastBeatSecondsAgo: projectorBeat, beats: projectors, degraded: lag.lagSeconds > maxLagSeconds || !projectorAlive },
      worker: { alive, degraded: !alive, lastBeatSecondsAgo: freshest, workers },
    };
  }
}
