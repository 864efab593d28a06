import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';

export interface EmbeddedQueueDatabase {
  /** a PostgreSQL URL of the served PGlite, for BullMQ's PostgreSQL backend */
  connectionString: string;
  schema: string;
  stop(): Promise<void>;
}

const SCHEMA = 'cobuild_jobs';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

/**
 * The queues without Redis (opt-in, COBUILD_EMBEDDED_QUEUE=pglite): a PGlite database of its own
 * (in `<data dir>-queue`, beside the event store's folder, never the same instance — the socket server runs
 * every connection in PGlite's one session, so sharing it would mix the store's transactions with
 * BullMQ's) served on a loopback port by @electric-sql/pglite-socket, for BullMQ's PostgreSQL
 * backend. All connections share one session: `search_path` is set on it once (a per-connection
 * startup `search_path` is not honoured), and the backend runs one pooled connection with worker
 * concurrency 1 (row locks do not separate connections of one session).
 *
 * EXPERIMENTAL, not reliable (hence opt-in): one queue works (a whole reminder schedule, 5,000 jobs
 * with no duplicate), but each queue's Worker brings its own pool and LISTEN connection, and with
 * two queues their extended-protocol messages interleave in the one session ("unnamed prepared
 * statement does not exist", "portal "" does not exist"); one pool shared by every queue
 * deadlocks (the worker's blocking wait holds the only connection).
 */
/** `dataDir`: the queue database's own folder (undefined: in memory) */
export async function startEmbeddedQueueDatabase(dataDir: string | undefined): Promise<EmbeddedQueueDatabase> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  let db;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    db = await PGlite.create(dataDir);
  } else db = await PGlite.create();
  await db.exec(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}; SET search_path TO ${SCHEMA}, public`);
  const port = await freePort();
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 8 });
  await server.start();
  return {
    connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`,
    schema: SCHEMA,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
