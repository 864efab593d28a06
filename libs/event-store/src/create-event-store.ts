import type { EventStore } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
import { PgDriver } from './sql/pg-driver';
import { PgliteDriver } from './sql/pglite-driver';
import { SqlEventStore } from './sql/sql-event-store';
import type { UpcasterRegistry } from './upcasting';

export type EventStoreKind = 'embedded' | 'postgres' | 'kurrentdb';

export interface EventStoreConfig {
  kind: EventStoreKind;
  /** embedded: data folder (undefined = in memory) */
  dataDir?: string;
  /** postgres: connection string */
  postgresUrl?: string;
  /** kurrentdb: connection string, e.g. kurrentdb://localhost:2113?tls=false */
  kurrentdbUrl?: string;
  /** SQL schema of the store's tables */
  schema?: string;
  upcasters?: UpcasterRegistry;
  maxEventBytes?: number;
}

/** Builds the adapter that the configuration selects. */
export async function createEventStore(config: EventStoreConfig): Promise<EventStore> {
  const common = { schema: config.schema, upcasters: config.upcasters, maxEventBytes: config.maxEventBytes };
  switch (config.kind) {
    case 'embedded':
      return SqlEventStore.open(await PgliteDriver.open(config.dataDir), common);
    case 'postgres':
      if (!config.postgresUrl) throw new Error('The postgres event store needs a PostgreSQL URL (COBUILD_POSTGRES_URL)');
      return SqlEventStore.open(new PgDriver({ connectionString: config.postgresUrl }), common);
    case 'kurrentdb':
      if (!config.kurrentdbUrl) throw new Error('The kurrentdb event store needs KURRENTDB_URL');
      return KurrentDbEventStore.connect(config.kurrentdbUrl, common);
  }
}
