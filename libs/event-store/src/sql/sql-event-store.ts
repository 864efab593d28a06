import {
  ConcurrencyError,
  DuplicateEventIdError,
  EventStoreError,
  InvalidAppendError,
  StoreUnavailableError,
} from '../errors';
import {
  categoryOf,
  PROJECTION_METADATA,
  type AppendOptions,
  type AppendResult,
  type EventBatchHandler,
  type EventStore,
  type ExpectedRevision,
  type MultiStreamAppendResult,
  type NewEvent,
  type ProjectionEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import { canonicalJson } from '../canonical-json';
import { chainHash, digestOfCanonical } from '../hashing';
import { StreamHeads } from './stream-heads';
import { PollingSubscription } from '../polling-subscription';
import { UpcasterRegistry } from '../upcasting';
import { assertEventSize, DEFAULT_MAX_EVENT_BYTES, validateAppend, validateMultiAppend, validateStreamId } from '../validation';
import { appendToStreamsInOneTransaction } from './multi-stream-append';
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

/** PROJECTION_COLUMNS as an array: position, stream_id, event_id, type, schema_version, data, then the metadata fields */
type ProjectionRow = [position: string, streamId: string, eventId: string, type: string, schemaVersion: number, data: ProjectionEvent['data'], ...metadata: unknown[]];

interface PendingAppend {
  streamId: string;
  expected: ExpectedRevision;
  /** the event ids, lower case */
  ids: string[];
  /**
   * the append as one element of append_batch's JSON argument, rendered once in append():
   * {"stream", "category", "expected", "prevHash"?, "events": [{id, type, schemaVersion, data, metadata, digest, hash?}]}
   */
  json: string;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

interface BatchRow {
  idx: number;
  status: 'ok' | 'idempotent' | 'conflict' | 'duplicate';
  current_revision: string | null;
  out_position: string | null;
  out_revision: string | null;
  out_hash: string | null;
}

const MAX_BATCH_APPENDS = 256;
// one call of append_batch at a time per store: the appends that arrive meanwhile all go in the next
// one (interleaved runs on this 2-core machine, 8 clients: 1.05-1.25× the throughput of two in
// flight, whose second call mostly waited on log_head's row lock with half the appends)
const MAX_IN_FLIGHT = 1;
const MAX_BATCH_EVENTS = 10_000;
// recorded_at as the ISO-8601 text RecordedEvent carries, written by the database: parsing it into a Date and back was ~7% of a rebuild's CPU
const COLUMNS = `position, stream_id, revision, event_id, type, schema_version, data, metadata, to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at, prev_hash, hash`;
/**
 * a ProjectionEvent's columns (read as arrays: ProjectionRow): no hashes, revision or recording
 * time; only PROJECTION_METADATA's fields of the metadata, as text (they are strings: no JSON.parse per field)
 */
const PROJECTION_COLUMNS = `position, stream_id, event_id, type, schema_version, data, ${PROJECTION_METADATA.map((f) => `metadata->>'${f}'`).join(', ')}`;
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

  /**
   * Appends go through a small in-process queue: while a call of `append_batch` is in flight, the
   * appends that arrive meanwhile wait and then go together in the next call — one round trip and
   * one commit for many concurrent requests (group commit). Each append is still checked on its own.
   */
  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    // the size is checked in render(), on the JCS text, which has the same length as JSON.stringify's
    validateAppend(streamId, events, options?.expectedRevision, this.maxEventBytes, false);
    const expected = options.expectedRevision;
    const { ids, json } = this.render(streamId, events, expected);
    const pending: PendingAppend = { streamId, expected, ids, json, resolve: () => undefined, reject: () => undefined };
    const result = new Promise<AppendResult>((resolve, reject) => {
      pending.resolve = resolve;
      pending.reject = reject;
    });
    this.queue.push(pending);
    if (this.inFlight < MAX_IN_FLIGHT) void this.flush();
    return result;
  }

  /** all or nothing, in one transaction of its own (sql/multi-stream-append.ts) */
  async appendToStreams(appends: StreamAppend[]): Promise<MultiStreamAppendResult> {
    validateMultiAppend(appends, this.maxEventBytes);
    const { result, heads } = await this.guard(() => appendToStreamsInOneTransaction(this.driver, this.schema, appends));
    for (const h of heads) this.heads.remember(h.streamId, h.revision, h.hash);
    return result;
  }

  /**
   * One validated append as an element of append_batch's JSON argument (`[${json}, …]`), with its
   * event ids in lower case. One walk of each event's data and metadata (JCS): the same text gives
   * the size check, the content digest and the JSON sent to the database (jsonb ignores key order),
   * instead of a JSON.stringify for the size, a JCS for the digest and a JSON.stringify of the whole
   * request. When the stream's head is known (the command handler has just read the stream), the
   * chain is computed here too; the append function takes it only if that head is still the head.
   */
  private render(streamId: string, events: NewEvent[], expected: ExpectedRevision): { ids: string[]; json: string } {
    let head = expected === 'no_stream' ? { revision: -1, hash: '' } : typeof expected === 'number' ? this.heads.get(streamId) : undefined;
    if (head && expected !== 'no_stream' && head.revision !== expected) head = undefined;
    const ids: string[] = new Array(events.length);
    let prev = head?.hash ?? '';
    let body = '';
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      const id = (ids[i] = e.id.toLowerCase());
      const data = canonicalJson(e.data);
      const metadata = canonicalJson(e.metadata);
      // a UTF-16 code unit is at most 3 bytes of UTF-8: count the bytes only when that bound is over the limit
      if ((data.length + metadata.length) * 3 > this.maxEventBytes)
        assertEventSize(e.id, Buffer.byteLength(data) + Buffer.byteLength(metadata), this.maxEventBytes);
      const digest = digestOfCanonical(id, e.type, e.schemaVersion, data, metadata);
      // id (a UUID), type (letters, digits and _ . : -) and the hex hashes need no JSON escaping
      body += `${i ? ',' : ''}{"id":"${id}","type":"${e.type}","schemaVersion":${e.schemaVersion},"data":${data},"metadata":${metadata},"digest":"${digest}"`;
      if (head) body += `,"hash":"${(prev = chainHash(prev || null, streamId, head.revision + 1 + i, digest))}"`;
      body += '}';
    }
    const json = `{"stream":${JSON.stringify(streamId)},"category":${JSON.stringify(categoryOf(streamId))},"expected":${
      typeof expected === 'number' ? expected : EXPECTED_CODE[expected]
    }${head ? `,"prevHash":"${head.hash}"` : ''},"events":[${body}]}`;
    return { ids, json };
  }

  private readonly queue: PendingAppend[] = [];
  private readonly heads = new StreamHeads(10_000);
  /** batches on their way to the database (at most MAX_IN_FLIGHT) */
  private inFlight = 0;

  private async flush(): Promise<void> {
    this.inFlight++;
    try {
      for (let first = true; ; first = false) {
        // the callers just answered append again from their continuations (microtasks): let them
        // all queue before the next call goes, so it carries all of them, not the first few
        if (!first) await new Promise<void>((resolve) => setImmediate(resolve));
        if (this.queue.length === 0) break;
        let events = 0;
        let take = 0;
        while (take < this.queue.length && take < MAX_BATCH_APPENDS && (take === 0 || events + this.queue[take].ids.length <= MAX_BATCH_EVENTS))
          events += this.queue[take++].ids.length;
        await this.runBatch(this.queue.splice(0, take));
      }
    } finally {
      this.inFlight--;
    }
  }

  private async runBatch(batch: PendingAppend[], careful = false): Promise<void> {
    // stream order for every transaction, so two processes' batches cannot deadlock on stream rows
    const sorted = [...batch].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
    let rows: BatchRow[];
    try {
      rows = await this.driver.queryPrepared<BatchRow>(`SELECT * FROM ${this.schema}.append_batch($1::jsonb, $2)`, [
        `[${sorted.map((p) => p.json).join(',')}]`,
        careful,
      ]);
    } catch (e) {
      const mapped = mapSqlError(e);
      // an id recorded before (a retry): repeat carefully, which finds it and answers idempotently
      if (!careful && (e as { code?: string })?.code === '23505') return this.runBatch(sorted, true);
      // one bad apple (e.g. an id racing into another stream) fails the batch: retry each alone
      if (sorted.length > 1 && !(mapped instanceof StoreUnavailableError)) {
        for (const p of sorted) await this.runBatch([p], careful);
        return;
      }
      for (const p of sorted) p.reject(mapSqlError(e, p.streamId, p.expected));
      return;
    }
    const byIdx = new Map<number, BatchRow[]>();
    for (const r of rows) {
      const list = byIdx.get(r.idx) ?? [];
      list.push(r);
      byIdx.set(r.idx, list);
    }
    // without the careful look-up, an idempotent retry (stale expected revision) looks like a
    // conflict: ask again carefully before reporting one
    const recheck: PendingAppend[] = [];
    sorted.forEach((p, idx) => {
      const mine = byIdx.get(idx) ?? [];
      const status = mine[0]?.status;
      if (status === 'conflict' && !careful) return void recheck.push(p);
      if (status === 'ok') {
        const [row] = mine;
        const first = Number(row.out_position);
        const positions = p.ids.map((_, i) => first + i);
        this.heads.remember(p.streamId, Number(row.out_revision), row.out_hash!);
        p.resolve({ nextRevision: Number(row.out_revision), position: positions[positions.length - 1], positions, idempotent: false });
      } else if (status === 'idempotent') {
        const positions = mine.map((r) => Number(r.out_position));
        p.resolve({
          nextRevision: Number(mine[mine.length - 1].out_revision),
          position: positions[positions.length - 1],
          positions,
          idempotent: true,
        });
      } else if (status === 'conflict') {
        this.heads.forget(p.streamId);
        p.reject(new ConcurrencyError(p.streamId, p.expected, Number(mine[0].current_revision)));
      } else if (status === 'duplicate')
        p.reject(
          new DuplicateEventIdError(
            [...p.ids],
            'Some of these event ids are already recorded (in this or another stream); nothing was written',
          ),
        );
      else p.reject(new Error(`append_batch returned no result for ${p.streamId}`));
    });
    if (recheck.length > 0) await this.runBatch(recheck, true);
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
    const events = rows.map((r) => this.toRecorded(r, options.upcast));
    const last = backwards ? events[0] : events[events.length - 1];
    const reachedHead = backwards ? options.fromRevision === undefined : options.maxCount === undefined || rows.length < options.maxCount;
    if (last && reachedHead) this.heads.remember(streamId, last.revision, last.hash);
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const rows = await this.readLogRows<EventRow>(options, COLUMNS);
    return rows.map((r) => this.toRecorded(r, options.upcast));
  }

  async readAllForProjection(options: Omit<ReadAllOptions, 'upcast'> = {}): Promise<ProjectionEvent[]> {
    // rows as arrays: no object per row (about a tenth of the projector's read)
    const rows = await this.readLogRows<ProjectionRow>(options, PROJECTION_COLUMNS, (sql, params) => this.driver.queryArrays<ProjectionRow>(sql, params));
    const metadataFields = PROJECTION_METADATA.length;
    return rows.map((r) => {
      const metadata: Record<string, unknown> = {};
      for (let i = 0; i < metadataFields; i++) {
        const v = r[6 + i];
        if (v !== null && v !== undefined) metadata[PROJECTION_METADATA[i]] = v;
      }
      const event: ProjectionEvent = {
        id: r[2],
        type: r[3],
        schemaVersion: r[4],
        streamId: r[1],
        position: Number(r[0]),
        data: r[5],
        metadata: metadata as ProjectionEvent['metadata'],
      };
      return this.upcasters.apply(event);
    });
  }

  /** one page of the log in position order, these columns */
  private async readLogRows<R>(
    options: Omit<ReadAllOptions, 'upcast'>,
    columns: string,
    query: (sql: string, params: unknown[]) => Promise<R[]> = (sql, params) => this.driver.query<R>(sql, params),
  ): Promise<R[]> {
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
    return this.guard(() =>
      query(
        // one community: ordered like its index (community_id, position), so the planner walks that
        // index instead of scanning the whole log in position order for a few matching rows
        `SELECT ${columns} FROM ${this.schema}.events WHERE ${where} ORDER BY ${f.communityId !== undefined ? 'community_id, ' : ''}position${limit}`,
        params,
      ),
    );
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
      this.driver.query(`SELECT 1 FROM ${this.schema}.events WHERE stream_id = $1 LIMIT 1`, [streamId]),
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
      recordedAt: typeof r.recorded_at === 'string' ? r.recorded_at : r.recorded_at.toISOString(),
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

/** untranslatable character, character not in repertoire, invalid text representation (json) */
const INVALID_TEXT_CODES = new Set(['22P05', '22021', '22P02']);
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', '57P01', '57P03', '08006', '08001', '08003']);

export function mapSqlError(e: unknown, _streamId?: string, _expected?: ExpectedRevision): unknown {
  if (e instanceof EventStoreError) return e;
  const err = e as { code?: string; detail?: string; message?: string; constraint?: string };
  if (err?.code === '23505' && /event_id/.test(err.constraint ?? err.message ?? ''))
    return new DuplicateEventIdError([], `An event id is already recorded in another stream; nothing was written`);
  if (err?.code && CONNECTION_CODES.has(err.code))
    return new StoreUnavailableError(`Event store unavailable: ${err.message}`, e);
  // text PostgreSQL cannot store (validation refuses NUL and lone surrogates first): bad input, not a failure
  if (err?.code && INVALID_TEXT_CODES.has(err.code)) return new InvalidAppendError('events', 'text', `An event holds text PostgreSQL cannot store: ${err.message}`);
  if (/Connection terminated|connect ECONNREFUSED|PGlite is closed/i.test(err?.message ?? ''))
    return new StoreUnavailableError(`Event store unavailable: ${err?.message}`, e);
  return e;
}
