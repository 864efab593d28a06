import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../http/public.decorator';
import { EventStoreHealthIndicator, ProjectionLagHealthIndicator, QueueHealthIndicator } from './health.indicators';

/** Liveness (the process answers) and readiness (the event store answers; queue state reported). */
@Public()
@Controller('health')
export class HealthHttpController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly eventStore: EventStoreHealthIndicator,
    private readonly queue: QueueHealthIndicator,
    private readonly projections: ProjectionLagHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  readiness() {
    return this.health.check([() => this.eventStore.check(), () => this.queue.check(), () => this.projections.check()]);
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
