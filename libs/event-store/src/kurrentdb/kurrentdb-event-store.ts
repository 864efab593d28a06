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
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { ConcurrencyError, DuplicateEventIdError, EventStoreError, InvalidAppendError, StoreUnavailableError } from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventBatchHandler,
  EventMetadata,
  EventStore,
  NewEvent,
  ProjectionEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { categoryOf } from '../event-store.port';
import { chainHash, contentDigest } from '../hashing';
import { PollingSubscription } from '../polling-subscription';
import { UpcasterRegistry } from '../upcasting';
import { DEFAULT_MAX_EVENT_BYTES, validateAppend, validateStreamId } from '../validation';

/** cobuild's own fields inside a KurrentDB event's metadata */
interface CobuildMeta {
  schemaVersion: number;
  hash: string;
  prevHash: string | null;
}
type StoredMetadata = EventMetadata & { $cobuild: CobuildMeta };

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
    const { $cobuild, ...metadata } = ev.metadata as unknown as StoredMetadata;
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
