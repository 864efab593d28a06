import {
  BACKWARDS,
  END,
  FORWARDS,
  jsonEvent,
  KurrentDBClient,
  NO_STREAM,
  START,
  excludeSystemEvents,
  streamNameFilter,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendStreamState,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { ConcurrencyError, DuplicateEventIdError, EventStoreError, InvalidAppendError, StoreUnavailableError } from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventBatchHandler,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  MultiStreamAppendResult,
  NewEvent,
  ProjectionEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { categoryOf } from '../event-store.port';
import { chainHash, contentDigest } from '../hashing';
import { PollingSubscription } from '../polling-subscription';
import { UpcasterRegistry } from '../upcasting';
import { DEFAULT_MAX_EVENT_BYTES, validateAppend, validateMultiAppend, validateStreamId } from '../validation';

/** cobuild's own fields inside a KurrentDB event's metadata */
interface CobuildMeta {
  schemaVersion: number;
  hash: string;
  prevHash: string | null;
}
type StoredMetadata = EventMetadata & { $cobuild: CobuildMeta };
/**
 * KurrentDB's multi-stream append takes metadata as string values only: an event written by
 * `appendToStreams` carries its whole StoredMetadata as JSON text under this one key.
 */
const MULTI_APPEND_METADATA = '$cobuildJson';

export interface KurrentDbEventStoreOptions {
  upcasters?: UpcasterRegistry;
  maxEventBytes?: number;
  pollMs?: number;
  /** how far back an idempotent retry is looked for in the stream */
  idempotencyWindow?: number;
}

/**
 * KurrentDB / EventStoreDB adapter. Streams and `$all` map one to one: revisions are stream
 * revisions, the global position is `$all`'s commit position, event ids are KurrentDB's.
 * The hash chain is computed here (the server knows nothing of it) and kept in the event metadata
 * under `$cobuild`; every append is made at the exact revision the chain was computed against
 * (an `any` append retries on a race), so the chain cannot fork.
 */
export class KurrentDbEventStore implements EventStore {
  readonly kind = 'kurrentdb' as const;
  private readonly upcasters: UpcasterRegistry;

  private constructor(
    private readonly client: KurrentDBClient,
    private readonly options: KurrentDbEventStoreOptions,
  ) {
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
  }

  static async connect(url: string, options: KurrentDbEventStoreOptions = {}): Promise<KurrentDbEventStore> {
    const store = new KurrentDbEventStore(KurrentDBClient.connectionString(url), options);
    await store.ping();
    return store;
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    validateAppend(streamId, events, options?.expectedRevision, this.options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES);
    const expected = options.expectedRevision;
    for (let attempt = 0; ; attempt++) {
      const tail = await this.tail(streamId, this.options.idempotencyWindow ?? 1000);
      const head = tail[0];
      const current = head ? head.revision : -1;
      const existing = new Map(tail.map((e) => [e.id, e]));
      const found = events.filter((e) => existing.has(e.id.toLowerCase()));
      if (found.length === events.length) {
        const originals = events.map((e) => existing.get(e.id.toLowerCase())!);
        return {
          nextRevision: originals.at(-1)!.revision,
          position: originals.at(-1)!.position,
          positions: originals.map((e) => e.position),
          idempotent: true,
        };
      }
      if (found.length > 0)
        throw new DuplicateEventIdError(found.map((e) => e.id), 'Some event ids are already recorded; nothing was written');
      if (
        (expected === 'no_stream' && current !== -1) ||
        (expected === 'stream_exists' && current === -1) ||
        (typeof expected === 'number' && expected !== current)
      )
        throw new ConcurrencyError(streamId, expected, current);

      let prev = head ? head.hash : null;
      const payload = events.map((e, i) => {
        const hash = chainHash(prev, streamId, current + 1 + i, contentDigest(e));
        const meta: StoredMetadata = { ...e.metadata, $cobuild: { schemaVersion: e.schemaVersion, hash, prevHash: prev } };
        prev = hash;
        return jsonEvent({ id: e.id.toLowerCase(), type: e.type, data: e.data, metadata: meta });
      });
      try {
        await this.guard(() =>
          this.client.appendToStream(streamId, payload, {
            streamState: current === -1 ? NO_STREAM : BigInt(current),
          }),
        );
      } catch (e) {
        if (e instanceof ConcurrencyError && expected === 'any' && attempt < 10) continue;
        if (e instanceof ConcurrencyError && expected === 'stream_exists' && e.actual >= 0 && attempt < 10) continue;
        throw e;
      }
      const written = await this.readStream(streamId, { fromRevision: current + 1, maxCount: events.length, upcast: false });
      return {
        nextRevision: written.at(-1)!.revision,
        position: written.at(-1)!.position,
        positions: written.map((e) => e.position),
        idempotent: false,
      };
    }
  }

  /**
   * All or nothing through KurrentDB's own multi-stream append (server 25.1 or later): every
   * stream's head is read, the idempotency and expected revisions are checked and the chain is
   * computed here, then one `multiStreamAppend` sends each stream at the exact revision its chain
   * was computed against — the server writes all of them or none. NOT run against a server here
   * (none could be had): see docs/event-store.md.
   */
  async appendToStreams(appends: StreamAppend[]): Promise<MultiStreamAppendResult> {
    validateMultiAppend(appends, this.options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES);
    const tails = await Promise.all(appends.map((a) => this.tail(a.streamId, this.options.idempotencyWindow ?? 1000)));
    const found = appends.map((a, i) => {
      const existing = new Map(tails[i].map((e) => [e.id, e]));
      return a.events.map((e) => existing.get(e.id.toLowerCase())).filter((e) => e !== undefined);
    });
    const total = appends.reduce((n, a) => n + a.events.length, 0);
    const foundCount = found.reduce((n, f) => n + f.length, 0);
    if (foundCount === total) {
      const streams = appends.map((a, i) => ({
        streamId: a.streamId,
        nextRevision: Math.max(...found[i].map((e) => e.revision)),
        positions: found[i].map((e) => e.position),
      }));
      return { streams, position: Math.max(...streams.flatMap((s) => s.positions)), idempotent: true };
    }
    if (foundCount > 0)
      throw new DuplicateEventIdError(found.flat().map((e) => e.id), 'Some event ids are already recorded; nothing was written');
    const current = tails.map((t) => (t[0] ? t[0].revision : -1));
    const order = appends.map((_, i) => i).sort((x, y) => (appends[x].streamId < appends[y].streamId ? -1 : 1));
    for (const i of order)
      if (!expectedHolds(appends[i].expectedRevision, current[i])) throw new ConcurrencyError(appends[i].streamId, appends[i].expectedRevision, current[i]);
    const requests = appends.map((a, i) => {
      let prev = tails[i][0] ? tails[i][0].hash : null;
      const events = a.events.map((e, j) => {
        const hash = chainHash(prev, a.streamId, current[i] + 1 + j, contentDigest(e));
        const meta: StoredMetadata = { ...e.metadata, $cobuild: { schemaVersion: e.schemaVersion, hash, prevHash: prev } };
        prev = hash;
        return jsonEvent({ id: e.id.toLowerCase(), type: e.type, data: e.data, metadata: { [MULTI_APPEND_METADATA]: JSON.stringify(meta) } });
      });
      const expectedState: AppendStreamState = current[i] === -1 ? NO_STREAM : BigInt(current[i]);
      return { streamName: a.streamId, events, expectedState };
    });
    await this.guard(() => this.client.multiStreamAppend(requests));
    const written = await Promise.all(
      appends.map((a, i) => this.readStream(a.streamId, { fromRevision: current[i] + 1, maxCount: a.events.length, upcast: false })),
    );
    const streams = appends.map((a, i) => ({ streamId: a.streamId, nextRevision: written[i].at(-1)!.revision, positions: written[i].map((e) => e.position) }));
    return { streams, position: Math.max(...streams.flatMap((s) => s.positions)), idempotent: false };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    validateStreamId(streamId);
    if (options.fromRevision !== undefined && (!Number.isSafeInteger(options.fromRevision) || options.fromRevision < 0))
      throw new InvalidAppendError('fromRevision', 'min', 'fromRevision must be a whole number >= 0');
    const backwards = options.direction === 'backwards';
    const out: RecordedEvent[] = [];
    try {
      const reader = this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision !== undefined ? BigInt(options.fromRevision) : backwards ? END : START,
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      });
      for await (const resolved of reader) out.push(this.toRecorded(resolved, options.upcast));
    } catch (e) {
      if (e instanceof StreamNotFoundError) return [];
      throw mapKurrentError(e);
    }
    return out;
  }

  /** KurrentDB sends whole events anyway: the full, upcast ones (a RecordedEvent is a ProjectionEvent) */
  readAllForProjection(options: Omit<ReadAllOptions, 'upcast'> = {}): Promise<ProjectionEvent[]> {
    return this.readAll({ ...options, upcast: true });
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? 0;
    if (!Number.isSafeInteger(after) || after < 0) throw new InvalidAppendError('after', 'min', 'after must be a whole number >= 0');
    const max = options.maxCount ?? 1000;
    const f = options.filter ?? {};
    const out: RecordedEvent[] = [];
    try {
      const reader = this.client.readAll({
        direction: FORWARDS,
        fromPosition: after === 0 ? START : { commit: BigInt(after), prepare: BigInt(after) },
        filter: f.categories?.length
          ? streamNameFilter({ prefixes: f.categories.map((c) => `${c}-`) })
          : excludeSystemEvents(),
        maxCount: Number.MAX_SAFE_INTEGER,
      });
      for await (const resolved of reader) {
        if (!resolved.event || resolved.event.streamId.startsWith('$')) continue;
        const e = this.toRecorded(resolved, options.upcast);
        if (e.position <= after) continue;
        if (f.categories?.length && !f.categories.includes(categoryOf(e.streamId))) continue;
        if (f.communityId !== undefined && e.metadata.communityId !== f.communityId) continue;
        if (f.eventTypes?.length && !f.eventTypes.includes(e.type)) continue;
        out.push(e);
        if (out.length >= max) break;
      }
    } catch (e) {
      throw mapKurrentError(e);
    }
    return out;
  }

  subscribe(handler: EventBatchHandler, options: SubscribeOptions = {}): Subscription {
    return new PollingSubscription(this, handler, options, async () => async () => undefined, this.options.pollMs ?? 250);
  }

  async streamExists(streamId: string): Promise<boolean> {
    return (await this.tail(streamId, 1)).length > 0;
  }

  async headPosition(): Promise<number> {
    try {
      for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, filter: excludeSystemEvents() }))
        return Number(resolved.event?.position?.commit ?? resolved.commitPosition ?? 0);
      return 0;
    } catch (e) {
      throw mapKurrentError(e);
    }
  }

  async ping(): Promise<void> {
    await this.headPosition();
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private async tail(streamId: string, count: number): Promise<RecordedEvent[]> {
    return this.readStream(streamId, { direction: 'backwards', maxCount: count, upcast: false });
  }

  private toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent, upcast = true): RecordedEvent {
    const ev = resolved.event!;
    const raw = ev.metadata as unknown as Record<string, unknown>;
    const stored = (typeof raw?.[MULTI_APPEND_METADATA] === 'string' ? JSON.parse(raw[MULTI_APPEND_METADATA] as string) : raw) as StoredMetadata;
    const { $cobuild, ...metadata } = stored;
    const recorded: RecordedEvent = {
      id: ev.id,
      type: ev.type,
      schemaVersion: $cobuild?.schemaVersion ?? 1,
      storedSchemaVersion: $cobuild?.schemaVersion ?? 1,
      data: ev.data as Record<string, unknown>,
      metadata: metadata as EventMetadata,
      streamId: ev.streamId,
      revision: Number(ev.revision),
      position: Number(ev.position?.commit ?? 0),
      recordedAt: ev.created.toISOString(),
      hash: $cobuild?.hash ?? '',
      prevHash: $cobuild?.prevHash ?? null,
    };
    return upcast ? this.upcasters.apply(recorded) : recorded;
  }

  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw mapKurrentError(e);
    }
  }
}

function expectedHolds(expected: ExpectedRevision, current: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === -1;
  if (expected === 'stream_exists') return current >= 0;
  return expected === current;
}

function mapKurrentError(e: unknown): unknown {
  if (e instanceof EventStoreError) return e;
  if (e instanceof WrongExpectedVersionError) {
    const actual = typeof e.actualState === 'bigint' ? Number(e.actualState) : -1;
    return new ConcurrencyError(e.streamName, String(e.expectedState), actual);
  }
  const code = (e as { code?: number })?.code;
  if (e instanceof UnavailableError || code === 14 || code === 4) return new StoreUnavailableError(`KurrentDB unavailable: ${(e as Error).message}`, e);
  return e;
}
