import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { Public } from '../http/public.decorator';
import { EventStoreHealthIndicator, ProjectionLagHealthIndicator, QueueHealthIndicator, WorkerHealthIndicator } from './health.indicators';

/**
 * Liveness (the process answers) and readiness (the event store answers; queue, projector and
 * worker state reported). A projector lagging beyond its threshold or a worker without a fresh
 * heartbeat turns the answer `degraded` — still 200: the API itself serves commands, only read
 * models or jobs are late — while an unreachable event store is `error` (503).
 */
@Public()
@Controller('health')
export class HealthHttpController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly eventStore: EventStoreHealthIndicator,
    private readonly queue: QueueHealthIndicator,
    private readonly projections: ProjectionLagHealthIndicator,
    private readonly worker: WorkerHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  async readiness(): Promise<Omit<HealthCheckResult, 'status'> & { status: HealthCheckResult['status'] | 'degraded' }> {
    const result = await this.health.check([() => this.eventStore.check(), () => this.queue.check(), () => this.projections.check(), () => this.worker.check()]);
    const degraded = Object.values(result.details).some((d) => (d as { state?: string }).state === 'degraded');
    return degraded ? { ...result, status: 'degraded' } : result;
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.readiness();
  }

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }
}
