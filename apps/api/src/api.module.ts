import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../../common/src/config';
import { ConfigModule } from '../../common/src/config.module';
import { EventStoreModule } from '../../common/src/event-store.module';
import { HealthModule } from './health/health.module';

/** The HTTP API: thin controllers around the command handler and the read models. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ApiModule, imports: [ConfigModule.forRoot(config), EventStoreModule, HealthModule] };
  }
}
