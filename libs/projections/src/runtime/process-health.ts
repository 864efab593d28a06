import { hostname } from 'node:os';
import type { EventStore } from '@cobuild/event-store';
import type { SqlDriver } from '../../../event-store/src/sql/sql-driver';
import { assertSchemaName } from '../../../event-store/src/sql/sql-driver';

/**
 * What the API needs to tell whether the projector and the worker are alive when each runs in a
 * process of its own (production), read from the database they all share:
 *
 * - the projector's lag, from the read models' checkpoints (`<read schema>.checkpoints`, written in
 *   the same transaction as the rows) against the log's head: events, and the age of the oldest
 *   event not applied yet (seconds);
 * - the worker's heartbeat: a row per worker process in `<read schema>.heartbeats`, its `beat_at`
 *   set to the database's `now()` every few seconds.
 *
 * Why a row in PostgreSQL (or the embedded PGlite) and not a Redis key with a TTL: the worker always
 * has the database (it reads the log and records follow-ups there), while Redis is optional — absent,
 * down, or the queues on PGlite — and a worker whose Redis is down is still alive and still records
 * follow-ups; a Redis restarted empty would also lose the key. `beat_at` and the age are both the
 * database server's clock, so API, worker and projector hosts need not agree on the time.
 */

/** one worker process's last heartbeat */
export interface Heartbeat {
  /** `worker@<host>#<pid>` */
  id: string;
  role: string;
  host: string;
  pid: number;
  /** seconds since it beat (database clock) */
  ageSeconds: number;
  detail: Record<string, unknown>;
}

/** rows of workers that have not beaten for this long are removed by the next beat of any worker */
const FORGET_AFTER_SECONDS = 3600;

export class Heartbeats {
  private ready: Promise<void> | null = null;

  constructor(
    private readonly driver: SqlDriver,
    readonly schema: string,
  ) {
    assertSchemaName(schema);
  }

  private ensure(): Promise<void> {
    const s = this.schema;
    this.ready ??= this.driver
      .transaction(async (tx) => {
        // the same lock as the read store's migration: CREATE SCHEMA IF NOT EXISTS races between processes otherwise
        if (this.driver.kind === 'postgres') await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`cobuild-read:${s}`]);
        await tx.exec(`
          CREATE SCHEMA IF NOT EXISTS ${s};
          CREATE TABLE IF NOT EXISTS ${s}.heartbeats (
            id text PRIMARY KEY, role text NOT NULL, host text NOT NULL, pid integer NOT NULL,
            beat_at timestamptz NOT NULL, detail text NOT NULL DEFAULT '{}');`);
      })
      .catch((e: unknown) => {
        this.ready = null;
        throw e;
      });
    return this.ready;
  }

  /** records that this process is alive now (and forgets processes silent for an hour) */
  async beat(role: string, detail: Record<string, unknown> = {}, id = `${role}@${hostname()}#${process.pid}`): Promise<void> {
    await this.ensure();
    const s = this.schema;
    await this.driver.query(
      `INSERT INTO ${s}.heartbeats (id, role, host, pid, beat_at, detail) VALUES ($1, $2, $3, $4, now(), $5)
       ON CONFLICT (id) DO UPDATE SET beat_at = now(), detail = EXCLUDED.detail`,
      [id, role, hostname(), process.pid, JSON.stringify(detail)],
    );
    await this.driver.query(`DELETE FROM ${s}.heartbeats WHERE beat_at < now() - make_interval(secs => $1)`, [FORGET_AFTER_SECONDS]);
  }

  /** a process that stops cleanly says so: no heartbeat is left to grow stale */
  async forget(role: string, id = `${role}@${hostname()}#${process.pid}`): Promise<void> {
    await this.ensure();
    await this.driver.query(`DELETE FROM ${this.schema}.heartbeats WHERE id = $1`, [id]);
  }

  /** the heartbeats of a role, freshest first (none: no such process ever beat, or all stopped cleanly) */
  async of(role: string): Promise<Heartbeat[]> {
    if (!(await tableExists(this.driver, `${this.schema}.heartbeats`))) return [];
    const rows = await this.driver.query<{ id: string; role: string; host: string; pid: number; age: string | number; detail: string }>(
      `SELECT id, role, host, pid, EXTRACT(EPOCH FROM (now() - beat_at)) AS age, detail
         FROM ${this.schema}.heartbeats WHERE role = $1 ORDER BY beat_at DESC`,
      [role],
    );
    return rows.map((r) => ({ id: r.id, role: r.role, host: r.host, pid: Number(r.pid), ageSeconds: Math.max(0, Number(r.age)), detail: JSON.parse(r.detail) as Record<string, unknown> }));
  }
}

/** A process beating every `everyMs` until stopped (the timer does not keep the process alive). */
export function startHeartbeat(
  heartbeats: Heartbeats,
  role: string,
  everyMs: number,
  detail: () => Record<string, unknown> = () => ({}),
  onError: (e: unknown) => void = () => undefined,
): { first: Promise<void>; stop(): Promise<void> } {
  let stopped = false;
  let pending: Promise<void> = Promise.resolve();
  const beat = () => {
    pending = heartbeats.beat(role, detail()).catch(onError);
    return pending;
  };
  const first = beat();
  const timer = setInterval(() => {
    if (!stopped) void beat();
  }, everyMs);
  timer.unref();
  return {
    first,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await pending;
      await heartbeats.forget(role).catch(onError);
    },
  };
}

export interface ProjectorLag {
  /** the position every read model has applied the log up to (the slowest one's checkpoint) */
  position: number;
  head: number;
  lagEvents: number;
  /** age of the oldest event not applied yet, by the database's clock (0 when caught up) */
  lagSeconds: number;
  /** the read model furthest behind (null when none has a checkpoint yet) */
  slowest: string | null;
}

/**
 * The projector's lag as its checkpoints record it, readable from any process. A read model's
 * position is its serving generation's checkpoint (a rebuild beside it does not count), or, before
 * its first generation serves, the one being built; a read model without a checkpoint is at 0.
 */
export async function projectorLag(
  driver: SqlDriver,
  store: Pick<EventStore, 'headPosition' | 'readAll'>,
  readSchema: string,
  projections: readonly string[],
): Promise<ProjectorLag> {
  assertSchemaName(readSchema);
  const head = await store.headPosition();
  const rows = (await tableExists(driver, `${readSchema}.checkpoints`))
    ? await driver.query<{ projection: string; position: string; serving: boolean }>(
        `SELECT c.projection, c.position, (a.generation IS NOT NULL) AS serving
           FROM ${readSchema}.checkpoints c LEFT JOIN ${readSchema}.active a ON a.projection = c.projection AND a.generation = c.generation`,
      )
    : [];
  let position = head;
  let slowest: string | null = null;
  for (const name of projections) {
    const mine = rows.filter((r) => r.projection === name);
    const serving = mine.find((r) => r.serving);
    const at = serving ? Number(serving.position) : mine.reduce((max, r) => Math.max(max, Number(r.position)), 0);
    if (slowest === null || at < position) {
      position = Math.min(position, at);
      slowest = name;
    }
  }
  const lagEvents = Math.max(0, head - position);
  let lagSeconds = 0;
  if (lagEvents > 0) {
    const [oldest] = await store.readAll({ after: position, maxCount: 1 });
    // against the database's clock, which stamped the event: the API's host need not agree with it
    const [clock] = await driver.query<{ now: string | number }>(`SELECT EXTRACT(EPOCH FROM now()) AS now`);
    if (oldest) lagSeconds = Math.max(0, Number(clock.now) - Date.parse(oldest.recordedAt) / 1000);
  }
  return { position, head, lagEvents, lagSeconds, slowest };
}

async function tableExists(driver: SqlDriver, table: string): Promise<boolean> {
  const [row] = await driver.query<{ t: string | null }>(`SELECT to_regclass($1)::text AS t`, [table]);
  return !!row?.t;
}
