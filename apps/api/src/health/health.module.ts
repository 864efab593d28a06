import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { APP_CONFIG, type AppConfig } from '../../../common/src/config';
import { RedisProbe } from '../../../common/src/redis-probe';
import { HealthHttpController } from './health.http.controller';
import { ProjectorProgress } from '../../../common/src/projector-progress';
import { EventStoreHealthIndicator, ProjectionLagHealthIndicator, QueueHealthIndicator, WorkerHealthIndicator } from './health.indicators';
import { ProcessHealth } from './process-health';
import { ObservabilityModule } from '../observability/observability.module';

const indicators = [EventStoreHealthIndicator, QueueHealthIndicator, ProjectionLagHealthIndicator, WorkerHealthIndicator];

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), ObservabilityModule],
  controllers: [HealthHttpController],
  exports: [ProjectorProgress],
  providers: [
    ...indicators,
    ProjectorProgress,
    ProcessHealth,
    { provide: RedisProbe, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new RedisProbe(c.redisUrl) },
  ],
})
export class HealthModule implements OnApplicationShutdown {
  constructor(@Inject(RedisProbe) private readonly redis: RedisProbe) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.close();
  }
}
