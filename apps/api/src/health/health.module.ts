import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { APP_CONFIG, type AppConfig } from '../../../common/src/config';
import { RedisProbe } from '../../../common/src/redis-probe';
import { HealthHttpController } from './health.http.controller';
import { ProjectorProgress } from '../../../common/src/projector-progress';
import { EventStoreHealthIndicator, ProjectionLagHealthIndicator, QueueHealthIndicator } from './health.indicators';

const indicators = [EventStoreHealthIndicator, QueueHealthIndicator, ProjectionLagHealthIndicator];

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthHttpController],
  exports: [ProjectorProgress],
  providers: [
    ...indicators,
    ProjectorProgress,
    { provide: RedisProbe, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new RedisProbe(c.redisUrl) },
  ],
})
export class HealthModule implements OnApplicationShutdown {
  constructor(@Inject(RedisProbe) private readonly redis: RedisProbe) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.close();
  }
}
