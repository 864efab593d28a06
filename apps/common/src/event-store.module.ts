import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createEventStore, EVENT_STORE, type EventStore } from '@cobuild/event-store';
import { mkdirSync } from 'node:fs';
import { APP_CONFIG, type AppConfig } from './config';

/** Provides the configured EventStore adapter under the EVENT_STORE token, and closes it on shutdown. */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig): Promise<EventStore> => {
        const es = config.eventStore;
        if (es.kind === 'embedded') mkdirSync(es.dataDir, { recursive: true });
        return createEventStore({ ...es, dataDir: es.dataDir });
      },
    },
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
