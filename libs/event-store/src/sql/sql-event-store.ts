import {
  ConcurrencyError,
  DuplicateEventIdError,
  EventStoreError,
  InvalidAppendError,
  StoreUnavailableError,
} from '../errors';
import {
  categoryOf,
  type AppendOptions,
  type AppendResult,
  type EventBatchHandler,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import { contentDigest } from '../hashing';
import { PollingSubscription } from '../polling-subscription';
import { UpcasterRegistry } from '../upcasting';
import { DEFAULT_MAX_EVENT_BYTES, validateAppend, validateStreamId } from '../validation';
import { migrate } from './migrations';
import { assertSchemaName, type SqlDriver } from './sql-driver';

export interface SqlEventStoreOptions {
  /** PostgreSQL schema holding the store's tables (default `cobuild_events`) */
  schema?: string;
  upcasters?: UpcasterRegistry;
  maxEventBytes?: number;
  /** poll interval of subscriptions when no notification arrives */
  pollMs?: number;
}

interface EventRow {
  position: string | number;
  stream_id: string;
  revision: string | number;
  event_id: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: NewEvent['metadata'];
  recorded_at: Date | string;
  prev_hash: string | null;
  hash: string;
}

const COLUMNS = `position, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at, prev_hash, hash`;
const EXPECTED_CODE: Record<string, number> = { any: -1, no_stream: -2, stream_exists: -3 };

/** The event store on PostgreSQL: the same SQL serves the server (pg) and the embedded PGlite. */
export class SqlEventStore implements EventStore {
  readonly schema: string;
  private readonly upcasters: UpcasterRegistry;
  private readonly maxEventBytes: number;

  private constructor(
    readonly driver: SqlDriver,
    private readonly options: SqlEventStoreOptions,
  ) {
    this.schema = options.schema ?? 'cobuild_events';
    assertSchemaName(this.schema);
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
  }

  get kind(): 'embedded' | 'postgres' {
    return this.driver.kind;
  }

  /** opens the store and applies pending migrations */
  static async open(driver: SqlDriver, options: SqlEventStoreOptions = {}): Promise<SqlEventStore> {
    const store = new SqlEventStore(driver, options);
    await store.guard(() => migrate(driver, store.schema));
    return store;
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    validateAppend(streamId, events, options?.expectedRevision, this.maxEventBytes);
    const expected = options.expectedRevision;
    const payload = events.map((e) => ({
      id: e.id.toLowerCase(),
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: e.data,
      metadata: e.metadata,
      digest: contentDigest(e),
    }));
    const code = typeof expected === 'number' ? expected : EXPECTED_CODE[expected];
    const rows = await this.guard(
      () =>
        this.driver.query<{ out_position: string; out_revision: string; out_idempotent: boolean }>(
          `SELECT * FROM ${this.schema}.append_events($1, $2, $3, $4::jsonb)`,
          [streamId, categoryOf(streamId), code, JSON.stringify(payload)],
        ),
      streamId,
      expected,
    );
    const positions = rows.map((r) => Number(r.out_position));
    return {
      nextRevision: Number(rows[rows.length - 1].out_revision),
      position: positions[positions.length - 1],
      positions,
      idempotent: rows[0].out_idempotent,
    };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    validateStreamId(streamId);
    const backwards = options.direction === 'backwards';
    const params: unknown[] = [streamId];
    let where = `stream_id = $1`;
    if (options.fromRevision !== undefined) {
      assertNonNegative(options.fromRevision, 'fromRevision');
      params.push(options.fromRevision);
      where += backwards ? ` AND revision <= $2` : ` AND revision >= $2`;
    }
    const limit = this.limit(options.maxCount, params);
    const rows = await this.guard(() =>
      this.driver.query<EventRow>(
        `SELECT ${COLUMNS} FROM ${this.schema}.events WHERE ${where} ORDER BY revision ${backwards ? 'DESC' : 'ASC'}${limit}`,
        params,
      ),
    );
    return rows.map((r) => this.toRecorded(r, options.upcast));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? 0;
    assertNonNegative(after, 'after');
    const params: unknown[] = [after];
    let where = `position > $1`;
    const f = options.filter ?? {};
    if (f.categories?.length) {
      params.push(f.categories);
      where += ` AND category = ANY ($${params.length}::text[])`;
    }
    if (f.communityId !== undefined) {
      params.push(f.communityId);
      where += ` AND community_id = $${params.length}`;
    }
    if (f.eventTypes?.length) {
      params.push(f.eventTypes);
      where += ` AND type = ANY ($${params.length}::text[])`;
    }
    const limit = this.limit(options.maxCount ?? 1000, params);
    const rows = await this.guard(() =>
      this.driver.query<EventRow>(
        `SELECT ${COLUMNS} FROM ${this.schema}.events WHERE ${where} ORDER BY position${limit}`,
        params,
      ),
    );
    return rows.map((r) => this.toRecorded(r, options.upcast));
  }

  subscribe(handler: EventBatchHandler, options: SubscribeOptions = {}): Subscription {
    return new PollingSubscription(
      this,
      handler,
      options,
      (onNotify) => this.driver.listen(`${this.schema}_events`, onNotify),
      this.options.pollMs,
    );
  }

  async streamExists(streamId: string): Promise<boolean> {
    validateStreamId(streamId);
    const rows = await this.guard(() =>
      this.driver.query(`SELECT 1 FROM ${this.schema}.streams WHERE stream_id = $1 AND revision >= 0`, [streamId]),
    );
    return rows.length > 0;
  }

  async headPosition(): Promise<number> {
    const rows = await this.guard(() =>
      this.driver.query<{ position: string }>(`SELECT position FROM ${this.schema}.log_head`),
    );
    return Number(rows[0]?.position ?? 0);
  }

  async ping(): Promise<void> {
    await this.guard(() => this.driver.query('SELECT 1'));
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private limit(maxCount: number | undefined, params: unknown[]): string {
    if (maxCount === undefined) return '';
    if (!Number.isSafeInteger(maxCount) || maxCount < 1)
      throw new InvalidAppendError('maxCount', 'min', 'maxCount must be a whole number >= 1');
    params.push(maxCount);
    return ` LIMIT $${params.length}`;
  }

  private toRecorded(r: EventRow, upcast = true): RecordedEvent {
    const recorded: RecordedEvent = {
      id: r.event_id,
      type: r.type,
      schemaVersion: r.schema_version,
      storedSchemaVersion: r.schema_version,
      data: r.data,
      metadata: r.metadata,
      streamId: r.stream_id,
      revision: Number(r.revision),
      position: Number(r.position),
      recordedAt: new Date(r.recorded_at).toISOString(),
      hash: r.hash,
      prevHash: r.prev_hash,
    };
    return upcast ? this.upcasters.apply(recorded) : recorded;
  }

  /** maps driver errors to the port's typed errors */
  private async guard<T>(fn: () => Promise<T>, streamId?: string, expected?: ExpectedRevision): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw mapSqlError(e, streamId, expected);
    }
  }
}

function assertNonNegative(n: number, field: string): void {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new InvalidAppendError(field, 'min', `${field} must be a whole number >= 0, got ${String(n)}`);
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', '57P01', '57P03', '08006', '08001', '08003']);

export function mapSqlError(e: unknown, streamId?: string, expected?: ExpectedRevision): unknown {
  if (e instanceof EventStoreError) return e;
  const err = e as { code?: string; detail?: string; message?: string; constraint?: string };
  if (err?.code === 'CB001' && streamId !== undefined)
    return new ConcurrencyError(streamId, expected ?? 'any', Number(err.detail ?? -1));
  if (err?.code === 'CB002')
    return new DuplicateEventIdError(
      (err.detail ?? '').split(',').filter(Boolean),
      `Event id(s) ${err.detail} already recorded in another stream or batch; nothing was written`,
    );
  if (err?.code === '23505' && /event_id/.test(err.constraint ?? err.message ?? ''))
    return new DuplicateEventIdError([], `An event id is already recorded in another stream; nothing was written`);
  if (err?.code && CONNECTION_CODES.has(err.code))
    return new StoreUnavailableError(`Event store unavailable: ${err.message}`, e);
  if (/Connection terminated|connect ECONNREFUSED|PGlite is closed/i.test(err?.message ?? ''))
    return new StoreUnavailableError(`Event store unavailable: ${err?.message}`, e);
  return e;
}
