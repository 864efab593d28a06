import { PgDriver, SqlEventStore } from '../src';
import { eventStoreContract } from './event-store.contract';
import { SchemaJanitor, TEST_POSTGRES_URL } from './postgres-test-db';

const janitor = new SchemaJanitor();
afterAll(() => janitor.dropAll());

eventStoreContract({
  name: 'PostgreSQL server',
  create: (options) =>
    SqlEventStore.open(new PgDriver({ connectionString: TEST_POSTGRES_URL }), {
      schema: janitor.next('es'),
      pollMs: 200,
      ...options,
    }),
});
