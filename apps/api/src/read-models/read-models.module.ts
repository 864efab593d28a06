import { Global, Inject, Module, type OnModuleInit } from '@nestjs/common';
import { ReadStore } from '@cobuild/projections';
import { EVENT_STORE, SqlEventStore, type EventStore } from '@cobuild/event-store';
import { APP_CONFIG, type AppConfig } from '../../../common/src/config';
import { ReadModels } from './read-models';

/**
 * The read side for queries: the read models' tables live in their own schema of the event
 * store's database (PGlite or PostgreSQL). KurrentDB keeps events only, so its read models need
 * a PostgreSQL URL (not wired yet: queries answer 503 there).
 */
@Global()
@Module({
  providers: [
    {
      provide: ReadStore,
      inject: [EVENT_STORE, APP_CONFIG],
      useFactory: (store: EventStore, config: AppConfig) =>
        store instanceof SqlEventStore ? new ReadStore(store.driver, config.readSchema) : null,
    },
    ReadModels,
  ],
  exports: [ReadStore, ReadModels],
})
export class ReadModelsModule implements OnModuleInit {
  constructor(@Inject(ReadStore) private readonly read: ReadStore | null) {}

  async onModuleInit(): Promise<void> {
    await this.read?.migrate();
  }
}
